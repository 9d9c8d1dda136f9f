import ConformanceCore
import ConformanceReports

/// `run [PATH...]`: run the selected scenarios against the fixture mock (default) or a live gateway, print a
/// line per scenario in input order, and write the reports.
struct RunCommand: Command {
  let cli: CLI

  static let retries: Option<Int> = .integer(
    "--retries", default: 0, range: 0...20,
    "retry retryable answers up to N times per the documented decisions (default 0)")
  static let shard: Option<Shard?> = .custom(
    "--shard", "K/N",
    "run only the K-th of N even, deterministic slices of the selection (merge with 'report merge')",
    parse: Shard.parse)
  static let baseline: Option<String?> = .value(
    "--baseline", "REPORT.json",
    "compare with an earlier run's report.json in the summary, report.md and report.html (exit code unchanged)"
  )

  static let repeatCount: Option<Int> = .integer(
    "--repeat", default: 1, range: 1...10_000,
    "run the selection N times (for flakiness and soak); ids of later passes end in #2, #3, ...")

  /// The options `run` and `record` share, in the order their help lists them.
  static let sharedOptions =
    LiveOptions.targetOptions + SecretOptions.options + OutputOptions.fileOptions
    + LimitOptions.options
    + [
      OutputOptions.quiet.spec, OutputOptions.verbose.spec, OutputOptions.color.spec,
    ] + RunControlOptions.options

  static let spec = CommandSpec(
    name: "run", summary: "run scenarios (default: scenarios/) and write reports",
    abstract: "Run scenarios and write pass/fail reports judged by the documented retry table.",
    positional: "[PATH...]",
    options: TargetOptions.options + sharedOptions
      + [retries.spec, repeatCount.spec, TargetOptions.noDelays.spec, shard.spec, baseline.spec]
      + CallbackOptions.options
      + SuiteOptions.options + LiveOptions.connectionOptions,
    discussion: """
      The key is never taken from the command line: set \(Defaults.keyVariable) (or the variable named by --key-env).
      Exit codes: 0 every selected scenario passed; 1 at least one failed or errored; 2 invalid input or options (nothing was sent).
      """)

  func execute(_ parsed: ParsedArguments) async throws(UsageError) -> ExitCode {
    // From here on the first SIGINT or SIGTERM stops the run cleanly instead of killing it.
    Interruption.shared.install()
    let output = try OutputOptions(parsed)
    let limits = try LimitOptions(parsed)
    let retries = try parsed.get(Self.retries)
    let targetOptions = try TargetOptions(parsed)
    let suite = try SuiteOptions(parsed, environment: cli.environment)
    let callbackOptions = try CallbackOptions(parsed)
    let shard = try parsed.get(Self.shard)
    let passes = try parsed.get(Self.repeatCount)
    let control = try RunControlOptions(parsed, catalog: cli.catalog)
    let concurrency = limits.concurrency(live: targetOptions.kind == .live)
    var baseline = try Baseline.load(try parsed.get(Self.baseline))
    guard
      let target = try RunTarget.resolve(targetOptions, cli: cli, concurrency: concurrency),
      let selected = try suite.select(cli)
    else { return .invalidInput }

    var scenarios = selected.scenarios.repeated(passes)
    var indices: [Int]?
    if let shard {
      let positions = shard.positions(of: scenarios.count)
      let all = scenarios
      scenarios = positions.map { all[$0] }
      indices = positions
      if baseline != nil {
        baseline?.otherShards = Set(all.map(\.id)).subtracting(scenarios.map(\.id))
      }
      if scenarios.isEmpty {
        cli.err(
          "note: shard \(shard.index)/\(shard.count) has no scenarios (\(Wording.count(selected.scenarios.count, "scenario")) selected); writing an empty report\n"
        )
      }
    }
    // Live runs with webhook steps listen for callbacks on a real socket.
    var callbacks = target.callbacks
    var listener: CallbackListener?
    if targetOptions.kind == .live {
      listener = try CallbackListener.start(for: scenarios, options: callbackOptions)
      callbacks = listener?.hub
    }
    defer { listener?.stop() }
    var plan = RunPlan(
      scenarios: scenarios, variables: selected.variables, concurrency: concurrency,
      limits: limits, control: control, output: output, retries: retries,
      credentials: target.credentials, transport: target.transport, target: target.info,
      callbacks: callbacks, catalog: cli.catalog)
    plan.indices = indices
    plan.passes = passes
    plan.baseline = baseline
    plan.lock = try plan.claimReportDirectory()
    return await RunFrontend(cli: cli).perform(plan).1
  }
}
