import ConformanceCore
import Foundation
import Synchronization

/// `record [PATH...]`: run scenarios against a live gateway and write its answers as fixtures, never the key.
struct RecordCommand: Command {
  let cli: CLI

  enum Mode: String, CaseIterable, Sendable {
    case missing, all
  }

  static let fixtures: Option<String> = .value(
    "--fixtures", "DIR", default: Defaults.recordedFixturesDirectory,
    "fixture set to write (default \(Defaults.recordedFixturesDirectory); a separate set, used with run --fixtures DIR)"
  )
  static let mode: Option<Mode> = .choice(
    "--mode", "missing|all", default: .missing,
    "missing: send and record only requests no fixture in DIR answers (default); all: re-record everything"
  )

  static let spec = CommandSpec(
    name: "record", summary: "run against a live gateway and write its answers as fixtures",
    abstract: "Run scenarios against a live gateway and write what it answered as fixtures.",
    positional: "[PATH...]",
    options: [fixtures.spec, mode.spec] + RunCommand.sharedOptions + CallbackOptions.options
      + SuiteOptions.options + LiveOptions.connectionOptions,
    discussion: """
      The key is recorded as its kind (valid, invalid, empty, none), never its value. Authorization, x-api-key and cookies are
      dropped, anything that echoes the key is replaced by <redacted>, and a fixture that would still hold it is refused.
      Exit codes: 0 recorded and every scenario passed; 1 a scenario failed or errored, or a fixture was refused; 2 invalid input.
      """)

  func execute(_ parsed: ParsedArguments) async throws(UsageError) -> ExitCode {
    // From here on the first SIGINT or SIGTERM stops the recording cleanly instead of killing it.
    Interruption.shared.install()
    let output = try OutputOptions(parsed)
    let limits = try LimitOptions(parsed)
    let mode = try parsed.get(Self.mode)
    let dir = try parsed.get(Self.fixtures)
    let suite = try SuiteOptions(parsed, environment: cli.environment)
    let callbackOptions = try CallbackOptions(parsed)
    let control = try RunControlOptions(parsed, catalog: cli.catalog)
    let concurrency = limits.concurrency(live: true)
    let live = try LiveTarget.resolve(
      LiveOptions(parsed), environment: cli.environment, concurrency: concurrency,
      secrets: cli.secrets,
      needs: "record",
      otherwise:
        "; record writes a live gateway's answers (to replay a fixture set, use run --fixtures DIR)"
    )
    if let warning = live.warning { cli.err(warning) }

    var existingStore: FixtureStore?
    if mode == .missing, FileManager.default.fileExists(atPath: dir) {
      guard let store = cli.loadFixtures(dir) else { return .invalidInput }
      existingStore = store
    }
    guard let selected = try suite.select(cli) else { return .invalidInput }
    let listener = try CallbackListener.start(for: selected.scenarios, options: callbackOptions)
    defer { listener?.stop() }
    var target = TargetInfo(kind: "live", baseURL: live.baseURL)
    target.connection = live.connection
    var plan = RunPlan(
      scenarios: selected.scenarios, variables: selected.variables, concurrency: concurrency,
      limits: limits, control: control, output: output, retries: 0,
      credentials: live.credentials, transport: live.transport,
      target: target, callbacks: listener?.hub, catalog: cli.catalog)

    plan.lock = try plan.claimReportDirectory()
    // The fixture directory is claimed too (one recording into it at a time), unless it is the report directory.
    let fixturesLock =
      plan.lock.map({ RecordCommand.sameDirectory($0.directory, dir) }) == true
      ? nil : try RunPlan.claim(dir, option: Self.fixtures.name)
    defer { fixturesLock?.release() }

    // --mode missing: a scenario the existing set answers whole keeps its replayed result and sends nothing;
    // any other is sent whole and recorded. Which is which is found by replaying the selection offline first.
    plan.began = (at: Date(), watch: Stopwatch())
    var existing: ReplayTransport?
    if let store = existingStore {
      let (scenarios, options) = (selected.scenarios, plan.options)
      plan.precomputed = await Interruption.shared.cancellable {
        await AnsweredScenarios.find(scenarios, store: store, options: options)
      }
      let hub = listener?.hub
      existing = ReplayTransport(
        store: store, keys: live.credentials.keyClassifier, honourDelays: false,
        deliver: { url, body, _ in
          // Recorded callbacks reach this run's listener only: replaying sends nothing anywhere.
          if let hub, url.hasPrefix(hub.baseURL + "/"), let token = CallbackHub.token(inPath: url) {
            hub.deliver(token: token, body: body)
          }
        })
    }
    let recording = RecordingTransport(
      live.transport, existing: existing, replayed: Set(plan.precomputed.keys))
    plan.transport = recording
    plan.options.models = ModelCatalog(
      transport: recording, credentials: plan.options.credentials, catalog: cli.catalog,
      pacer: plan.options.pacer)

    let recorder = FixtureRecorder(
      credentials: plan.options.credentials,
      source: URL(string: live.baseURL)?.host ?? "the gateway", secrets: cli.secrets.redactor)
    var draft = FixtureWriter(
      directory: dir, recorder: recorder, scenarios: selected.scenarios, catalog: cli.catalog)
    draft.hub = listener?.hub
    draft.runID = plan.options.variables.builtIns[VariableSources.runID] ?? ""
    draft.existing = existingStore
    let writer = draft
    let outcome = Mutex<FixtureWriter.Outcome?>(nil)
    let (_, code) = await RunFrontend(cli: cli).perform(plan) { result in
      // A scenario the run did not finish is recorded not at all, never in part.
      let unfinished = Set(result.scenarios.filter(\.wasInterrupted).map(\.id))
      let o = writer.write(
        recording.exchanges, replayed: recording.replayed,
        incomplete: recording.faulted.union(unfinished))
      outcome.withLock { $0 = o }
      return o.summary
    }
    let written = outcome.withLock { $0 }
    for problem in written?.problems ?? [] {
      cli.err("error: \(String(describing: problem).escapingControlCharacters)\n")
    }
    if code == .invalidInput || code == .interrupted || code == .terminated { return code }
    return (written?.problems.isEmpty ?? false) && code == .success ? .success : .failure
  }
}

extension RecordCommand {
  /// Whether two paths name the same existing directory.
  static func sameDirectory(_ a: String, _ b: String) -> Bool {
    var x = stat()
    var y = stat()
    return stat(a, &x) == 0 && stat(b, &y) == 0 && x.st_ino == y.st_ino && x.st_dev == y.st_dev
  }
}
