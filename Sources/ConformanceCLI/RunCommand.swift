import ConformanceCore
import ConformanceNetwork
import ConformanceReports
import Foundation
import Synchronization

/// `run [PATH...]`: run the selected scenarios against the fixture mock (default) or a live gateway, print a
/// line per scenario in input order, and write the reports.
struct RunCommand {
  let cli: CLI

  static let spec = CommandSpec(
    name: "run",
    abstract: "Run scenarios and write pass/fail reports judged by the documented retry table.",
    positional: "[PATH...]",
    options: [
      OptionSpec(
        "--target", value: "fixtures|live",
        "where requests go (default fixtures: the recorded fixture mock, offline)"),
      OptionSpec(
        "--fixtures", value: "DIR", "fixture set for --target fixtures (default Fixtures)"),
    ] + RunSettings.options + [
      OptionSpec(
        "--retries", value: "N",
        "retry retryable answers up to N times per the documented decisions (default 0)"),
      OptionSpec("--no-delays", "replay fixtures without their recorded delays and pacing"),
      OptionSpec(
        "--shard", value: "K/N",
        "run only the K-th of N even, deterministic slices of the selection (merge with 'report merge')"
      ),
      OptionSpec("--verbose", "also show each exchange's HTTP version and timings (live targets)"),
    ] + ConnectionOptions.specs + CallbackListener.options + SuiteOptions.specs,
    discussion: """
      The key is never taken from the command line: set ANYINT_API_KEY (or the variable named by --key-env).
      Exit codes: 0 every selected scenario passed; 1 at least one failed or errored; 2 invalid input or options (nothing was sent).
      """)

  func execute(_ args: [String]) async throws(UsageError) -> ExitCode {
    guard let parsed = try cli.parse(args, Self.spec) else { return .success }
    let settings = try RunSettings(parsed)
    let (formats, concurrency, reportDir) = (
      settings.formats, settings.concurrency, settings.reportDir
    )
    let (requestTimeout, scenarioTimeout) = (settings.requestTimeoutMs, settings.scenarioTimeoutMs)
    let retries = try parsed.integer("--retries", default: 0, range: 0...20)
    let targetKind = parsed.value("--target") ?? "fixtures"
    let variables = try SuiteOptions.variables(parsed, environment: cli.environment)

    let transport: any Transport
    let credentials: Credentials
    var target: TargetInfo
    var callbacks: CallbackHub?
    switch targetKind {
    case "fixtures":
      for live in ["--base-url", "--key-env"] + ConnectionOptions.given(parsed)
      where parsed.value(live) != nil || parsed.flag(live) {
        throw UsageError("\(live) only applies to --target live")
      }
      let dir = parsed.value("--fixtures") ?? "Fixtures"
      guard let store = cli.loadFixtures(dir) else { return .invalidInput }
      credentials = Credentials(validKey: Credentials.fixtureKey)
      // Replay delivers recorded callbacks straight to the run's hub (no socket needed offline); a callback
      // URL elsewhere gets a real POST.
      let hub = CallbackHub(baseURL: CallbackHub.offlineBaseURL)
      callbacks = hub
      transport = ReplayTransport(
        store: store, keys: credentials.keyClassifier,
        honourDelays: !parsed.flag("--no-delays"),
        deliver: { url, body, headers in
          if url.hasPrefix(hub.baseURL + "/"), let token = CallbackHub.token(inPath: url) {
            hub.deliver(token: token, body: body)
          } else {
            await CallbackPoster.post(url, body: body, headers: headers)
          }
        })
      target = TargetInfo(kind: "fixtures", fixtures: dir)
    case "live":
      if parsed.value("--fixtures") != nil {
        throw UsageError("--fixtures only applies to --target fixtures")
      }
      let live = try LiveTarget.resolve(
        parsed, environment: cli.environment, concurrency: concurrency)
      if let warning = live.warning { cli.terminal.err(warning) }
      credentials = live.credentials
      transport = live.transport
      target = TargetInfo(kind: "live", baseURL: live.baseURL)
      target.connection = live.connection
    default:
      throw UsageError("--target takes fixtures or live, not '\(targetKind)'")
    }

    guard let selected = try loadSelection(parsed, variables: variables) else {
      return .invalidInput
    }
    var scenarios = selected.scenarios
    var indices: [Int]?
    if let shard = try Shard.parse(parsed.value("--shard")) {
      let positions = shard.positions(of: scenarios.count)
      scenarios = positions.map { scenarios[$0] }
      indices = positions
      if scenarios.isEmpty {
        cli.terminal.err(
          "note: shard \(shard.index)/\(shard.count) has no scenarios (\(selected.scenarios.count) selected); writing an empty report\n"
        )
      }
    }
    // Live runs with webhook steps listen for callbacks on a real socket.
    var listener: CallbackListener?
    if targetKind == "live" {
      listener = try CallbackListener.start(for: scenarios, parsed: parsed)
      callbacks = listener?.hub
    }
    defer { listener?.stop() }
    var options = RunOptions(
      concurrency: concurrency, requestTimeoutMs: requestTimeout,
      scenarioTimeoutMs: scenarioTimeout, retries: retries, credentials: credentials,
      variables: variables)
    options.callbacks = callbacks
    options.models = ModelCatalog(transport: transport, credentials: credentials)
    var plan = RunPlan(
      scenarios: scenarios, options: options.withFileVariables(selected.fileVariables),
      target: target, transport: transport,
      formats: formats, reportDir: reportDir, quiet: parsed.flag("--quiet"))
    plan.verbose = parsed.flag("--verbose")
    plan.indices = indices
    try plan.checkReportDirectory()
    return await perform(plan, extraNote: nil).1
  }

  /// Loads the suite and applies the selection; prints diagnostics and returns nil on invalid input.
  func loadSelection(_ parsed: ParsedArguments, variables: VariableSources) throws(UsageError) -> (
    scenarios: [Scenario], fileVariables: [String: String]
  )? {
    guard let suite = SuiteOptions.load(parsed, variables: variables, cli: cli) else {
      return nil
    }
    let selected = SuiteOptions.filter(parsed).apply(suite.scenarios)
    if selected.isEmpty {
      throw UsageError(
        suite.scenarios.isEmpty
          ? "no scenarios found"
          : "no scenario matches the selection (--tag, --skip-tag, --id); 'list' shows what there is"
      )
    }
    return (selected, suite.fileVariables)
  }

  /// Runs a plan: console lines in input order as results come, then the report files, then the summary line.
  func perform(_ plan: RunPlan, extraNote: (@Sendable (RunResult) -> String?)?) async -> (
    RunResult, ExitCode
  ) {
    let runner = Runner(transport: plan.transport, options: plan.options)
    let consoleOn = plan.formats.contains(.console)
    let console = ConsoleReport(
      style: ConsoleStyle(
        color: ConsoleStyle.detect(isTTY: cli.terminal.isTTY, environment: cli.environment),
        verbose: !plan.quiet, wire: plan.verbose))
    let terminal = cli.terminal
    let printer = OrderedPrinter(count: plan.scenarios.count) { r in
      if consoleOn { terminal.out(console.line(for: r)) }
    }
    let startedAt = Date()
    let watch = Stopwatch()
    var results = await runner.run(plan.scenarios) { i, r in printer.deliver(i, r) }
    for i in results.indices { results[i].index = plan.indices.map { $0[i] } ?? i }
    let run = RunResult(
      target: plan.target, startedAt: startedAt, durationMs: watch.elapsedMs, scenarios: results)

    var notes: [String] = []
    if let extra = extraNote?(run) { notes.append(extra) }
    do {
      let written = try ReportDirectory.write(run, formats: plan.formats, to: plan.reportDir)
      if !written.isEmpty { notes.append("reports: " + written.joined(separator: ", ")) }
    } catch {
      cli.terminal.err("error: \(error)\n")
      return (run, .invalidInput)
    }
    if plan.formats.contains(.github) { cli.terminal.out(GitHubReport.render(run)) }
    if consoleOn {
      cli.terminal.out(
        console.footer(run, reportNote: notes.isEmpty ? nil : notes.joined(separator: "\n")))
    }
    return (run, run.summary.allPassed ? .success : .failure)
  }

  static func formats(_ raw: String?) throws(UsageError) -> [ReportFormat] {
    guard let raw else { return ReportFormat.defaults }
    var out: [ReportFormat] = []
    for part in raw.split(separator: ",").map({ String($0).trimmingCharacters(in: .whitespaces) })
    where !part.isEmpty {
      guard let f = ReportFormat(rawValue: part) else {
        throw UsageError(
          "--format: unknown format '\(part)'; use a comma list of console, json, junit, markdown, github"
        )
      }
      if !out.contains(f) { out.append(f) }
    }
    if out.isEmpty {
      throw UsageError("--format needs at least one of console, json, junit, markdown, github")
    }
    return out
  }
}

/// The options `run` and `record` share, documented once and read once.
struct RunSettings {
  static let options: [OptionSpec] = [
    OptionSpec(
      "--base-url", value: "URL", "gateway URL for a live target (default env ANYINT_BASE_URL)"),
    OptionSpec(
      "--key-env", value: "NAME",
      "read the key from this environment variable (default ANYINT_API_KEY)"),
    OptionSpec("--report-dir", value: "DIR", "where report files go (default Reports)"),
    OptionSpec(
      "--format", value: "LIST",
      "comma list of console, json, junit, markdown (default: those four), github (Actions annotations)"
    ),
    OptionSpec(
      "--concurrency", value: "N", "scenarios in flight at once (default: the number of cores)"),
    OptionSpec(
      "--timeout-ms", value: "N", "per-request limit when a scenario sets none (default 30000)"),
    OptionSpec(
      "--scenario-timeout-ms", value: "N",
      "whole-scenario limit when a scenario sets none (default 120000)"),
    OptionSpec("--quiet", "print only failures and the summary line"),
  ]

  var formats: [ReportFormat]
  var concurrency: Int
  var requestTimeoutMs: Int
  var scenarioTimeoutMs: Int
  var reportDir: String
  var quiet: Bool

  init(_ parsed: ParsedArguments) throws(UsageError) {
    formats = try RunCommand.formats(parsed.value("--format"))
    concurrency = try parsed.integer(
      "--concurrency", default: ProcessInfo.processInfo.activeProcessorCount, range: 1...4096)
    requestTimeoutMs = try parsed.integer("--timeout-ms", default: 30_000, range: 1...86_400_000)
    scenarioTimeoutMs = try parsed.integer(
      "--scenario-timeout-ms", default: 120_000, range: 1...86_400_000)
    reportDir = parsed.value("--report-dir") ?? "Reports"
    quiet = parsed.flag("--quiet")
  }
}

/// Everything a run needs, decided before anything is sent.
struct RunPlan {
  var scenarios: [Scenario]
  var options: RunOptions
  var target: TargetInfo
  var transport: any Transport
  var formats: [ReportFormat]
  var reportDir: String
  var quiet: Bool
  /// `--verbose`: HTTP version and timings on the console.
  var verbose = false
  /// Each scenario's position in the whole selection, when this run is one shard; nil runs them all.
  var indices: [Int]? = nil

  /// Fails before anything is sent when the report files could not be written after the run.
  func checkReportDirectory() throws(UsageError) {
    guard formats.contains(where: { $0.fileName != nil }) else { return }
    try RunPlan.checkWritable(reportDir, option: "--report-dir")
  }

  static func checkWritable(_ directory: String, option: String) throws(UsageError) {
    do {
      try ReportDirectory.checkWritable(directory)
    } catch {
      throw UsageError("\(option): \(error); nothing was sent")
    }
  }
}

/// `--shard K/N`: the K-th of N deterministic, even slices of the selection (round robin in selection order, so
/// shard sizes differ by at most one and a scenario's shard depends only on its position).
struct Shard: Equatable {
  var index: Int
  var count: Int

  static func parse(_ raw: String?) throws(UsageError) -> Shard? {
    guard let raw else { return nil }
    let parts = raw.split(separator: "/")
    guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, n <= 1000, k >= 1,
      k <= n
    else {
      throw UsageError(
        "--shard takes K/N with 1 <= K <= N <= 1000 (e.g. --shard 2/4), not '\(raw)'")
    }
    return Shard(index: k, count: n)
  }

  /// The positions this shard takes out of `total`.
  func positions(of total: Int) -> [Int] {
    stride(from: index - 1, to: total, by: count).map { $0 }
  }
}

extension RunOptions {
  /// The options with `variables.json` values and a fresh `run_id` added to the variable sources.
  func withFileVariables(_ file: [String: String]) -> RunOptions {
    var copy = self
    copy.variables.file = file
    copy.variables.builtIns[VariableSources.runID] = UUID().uuidString.lowercased()
    return copy
  }
}

/// Prints results in input order as soon as every earlier one has finished, whatever order they finish in.
final class OrderedPrinter: Sendable {
  private let state: Mutex<(next: Int, pending: [Int: ScenarioResult])>
  private let emit: @Sendable (ScenarioResult) -> Void

  init(count: Int, emit: @escaping @Sendable (ScenarioResult) -> Void) {
    state = Mutex((0, [:]))
    self.emit = emit
  }

  func deliver(_ index: Int, _ result: ScenarioResult) {
    state.withLock { s in
      s.pending[index] = result
      while let r = s.pending.removeValue(forKey: s.next) {
        emit(r)
        s.next += 1
      }
    }
  }
}
