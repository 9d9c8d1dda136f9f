import ConformanceCore
import ConformanceReports
import Foundation
import Synchronization

/// `record [PATH...]`: run scenarios against a live gateway and write its answers as fixtures, never the key.
struct RecordCommand {
  let cli: CLI

  static let spec = CommandSpec(
    name: "record",
    abstract: "Run scenarios against a live gateway and write what it answered as fixtures.",
    positional: "[PATH...]",
    options: [
      OptionSpec(
        "--fixtures", value: "DIR",
        "fixture set to write (default Fixtures/recorded; a separate set, used with run --fixtures DIR)"
      ),
      OptionSpec(
        "--mode", value: "missing|all",
        "missing: send and record only requests no fixture in DIR answers (default); all: re-record everything"
      ),
    ] + RunSettings.options + ConnectionOptions.specs + CallbackListener.options + SuiteOptions.specs,
    discussion: """
      The key is recorded as its kind (valid, invalid, empty, none), never its value. Authorization, x-api-key and cookies are
      dropped, anything that echoes the key is replaced by <redacted>, and a fixture that would still hold it is refused.
      Exit codes: 0 recorded and every scenario passed; 1 a scenario failed or errored, or a fixture was refused; 2 invalid input.
      """)

  func execute(_ args: [String]) async throws(UsageError) -> ExitCode {
    guard let parsed = try cli.parse(args, Self.spec) else { return .success }
    let settings = try RunSettings(parsed)
    let (formats, concurrency) = (settings.formats, settings.concurrency)
    let (requestTimeout, scenarioTimeout) = (settings.requestTimeoutMs, settings.scenarioTimeoutMs)
    let mode = parsed.value("--mode") ?? "missing"
    guard mode == "missing" || mode == "all" else {
      throw UsageError("--mode takes missing or all, not '\(mode)'")
    }
    let dir = parsed.value("--fixtures") ?? "Fixtures/recorded"
    let variables = try SuiteOptions.variables(parsed, environment: cli.environment)
    let live = try LiveTarget.resolve(
      parsed, environment: cli.environment, concurrency: concurrency)
    if let warning = live.warning { cli.terminal.err(warning) }

    var existing: ReplayTransport?
    if mode == "missing", FileManager.default.fileExists(atPath: dir) {
      guard let store = cli.loadFixtures(dir) else { return .invalidInput }
      existing = ReplayTransport(
        store: store, keys: live.credentials.keyClassifier, honourDelays: false)
    }
    let run = RunCommand(cli: cli)
    guard let selected = try run.loadSelection(parsed, variables: variables) else {
      return .invalidInput
    }
    let recording = RecordingTransport(live.transport, existing: existing)
    let listener = try CallbackListener.start(for: selected.scenarios, parsed: parsed)
    defer { listener?.stop() }
    var options = RunOptions(
      concurrency: concurrency, requestTimeoutMs: requestTimeout,
      scenarioTimeoutMs: scenarioTimeout, credentials: live.credentials, variables: variables)
    options.callbacks = listener?.hub
    options.models = ModelCatalog(transport: recording, credentials: live.credentials)
    var target = TargetInfo(kind: "live", baseURL: live.baseURL)
    target.connection = live.connection
    let plan = RunPlan(
      scenarios: selected.scenarios, options: options.withFileVariables(selected.fileVariables),
      target: target,
      transport: recording, formats: formats, reportDir: settings.reportDir,
      quiet: parsed.flag("--quiet"))

    try plan.checkReportDirectory()
    try RunPlan.checkWritable(dir, option: "--fixtures")
    let recorder = FixtureRecorder(
      credentials: live.credentials, source: URL(string: live.baseURL)?.host ?? "the gateway")
    var draft = FixtureWriter(directory: dir, recorder: recorder, scenarios: selected.scenarios)
    draft.hub = listener?.hub
    draft.runID = plan.options.variables.builtIns[VariableSources.runID] ?? ""
    let writer = draft
    let outcome = Mutex<FixtureWriter.Outcome?>(nil)
    let (_, code) = await run.perform(plan) { _ in
      let o = writer.write(recording.exchanges, replayed: recording.replayed)
      outcome.withLock { $0 = o }
      return o.summary
    }
    let written = outcome.withLock { $0 }
    for problem in written?.problems ?? [] { cli.terminal.err("error: \(problem)\n") }
    if code == .invalidInput { return code }
    return (written?.problems.isEmpty ?? false) && code == .success ? .success : .failure
  }
}

/// Writes recorded exchanges as fixture files, one file per scenario, atomically.
struct FixtureWriter: Sendable {
  let directory: String
  let recorder: FixtureRecorder
  let scenarios: [Scenario]
  /// The run's callback hub and id, to attach the callbacks each scenario received.
  var hub: CallbackHub?
  var runID = ""

  struct Outcome: Sendable {
    var files: Int
    var fixtures: Int
    var replayed: Int
    var problems: [String]

    var summary: String {
      "recorded \(fixtures) fixture\(fixtures == 1 ? "" : "s") in \(files) file\(files == 1 ? "" : "s")"
        + (replayed > 0
          ? "; \(replayed) request\(replayed == 1 ? "" : "s") already had fixtures (--mode all re-records them)"
          : "")
        + (problems.isEmpty ? "" : "; \(problems.count) refused or failed")
    }
  }

  /// A file name for a scenario id (`/` is not allowed in a file name).
  static func fileName(for id: String) -> String {
    id.replacingOccurrences(of: "/", with: "__") + FixtureLoader.fileSuffix
  }

  func write(_ exchanges: [RecordedExchange], replayed: Int) -> Outcome {
    var outcome = Outcome(files: 0, fixtures: 0, replayed: replayed, problems: [])
    do {
      try ReportDirectory.createDirectory(directory)
      let marker = (directory as NSString).appendingPathComponent(FixtureLoader.setMarker)
      if !FileManager.default.fileExists(atPath: marker) {
        let description: JSONValue = [
          "name": .string((directory as NSString).lastPathComponent),
          "description":
            "Fixtures written by anyint-conformance record. A separate set: run it with --fixtures DIR.",
        ]
        try ReportDirectory.writeAtomically(
          JSONWriter.bytes(description, style: .pretty), to: marker)
      }
    } catch {
      outcome.problems.append("cannot write fixtures to \(directory): \(error)")
      return outcome
    }
    var byScenario: [String: [RecordedExchange]] = [:]
    for e in exchanges { byScenario[e.scenarioID ?? "unnamed", default: []].append(e) }
    for scenario in scenarios {
      guard let list = byScenario[scenario.id], !list.isEmpty else { continue }
      let received =
        hub.map { $0.received(Runner.callbackToken(runID: runID, scenarioID: scenario.id)) } ?? []
      let (fixtures, refusals) = recorder.fixtures(
        for: list, scenarioID: scenario.id, family: scenario.family, callbacks: received)
      outcome.problems += refusals.map { $0.description }
      guard !fixtures.isEmpty else { continue }
      let path = (directory as NSString).appendingPathComponent(Self.fileName(for: scenario.id))
      let value: JSONValue = fixtures.count == 1 ? fixtures[0] : .array(fixtures)
      do {
        try ReportDirectory.writeAtomically(JSONWriter.bytes(value, style: .pretty), to: path)
        outcome.files += 1
        outcome.fixtures += fixtures.count
      } catch {
        outcome.problems.append("cannot write \(path): \(error)")
      }
    }
    return outcome
  }
}
