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
    ] + RunSettings.options + [] + CallbackListener.options + SuiteOptions.specs,
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

    var existingStore: FixtureStore?
    if mode == "missing", FileManager.default.fileExists(atPath: dir) {
      guard let store = cli.loadFixtures(dir) else { return .invalidInput }
      existingStore = store
    }
    let run = RunCommand(cli: cli)
    guard let selected = try run.loadSelection(parsed, variables: variables) else {
      return .invalidInput
    }
    let listener = try CallbackListener.start(for: selected.scenarios, parsed: parsed)
    defer { listener?.stop() }
    var options = RunOptions(
      concurrency: concurrency, requestTimeoutMs: requestTimeout,
      scenarioTimeoutMs: scenarioTimeout, credentials: live.credentials, variables: variables
    ).withFileVariables(selected.fileVariables)
    options.callbacks = listener?.hub
    let reportLock = try RunPlan(
      scenarios: [], options: options, target: TargetInfo(kind: "live"),
      transport: live.transport, formats: formats, reportDir: settings.reportDir, quiet: true
    ).claimReportDirectory()
    // The fixture directory is claimed too (one recording into it at a time), unless it is the report directory.
    let fixturesLock =
      reportLock.map({ RecordCommand.sameDirectory($0.directory, dir) }) == true
      ? nil : try RunPlan.claim(dir, option: "--fixtures")
    defer { fixturesLock?.release() }

    // --mode missing: a scenario the existing set answers whole is replayed whole (nothing sent); any other
    // is sent whole and recorded. Which is which is found by replaying the selection offline first.
    let began = (at: Date(), watch: Stopwatch())
    var existing: ReplayTransport?
    var answered: [String: ScenarioResult] = [:]
    if let store = existingStore {
      answered = await AnsweredScenarios.find(selected.scenarios, store: store, options: options)
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
      live.transport, existing: existing, replayed: Set(answered.keys))
    options.models = ModelCatalog(transport: recording, credentials: live.credentials)
    var plan = RunPlan(
      scenarios: selected.scenarios, options: options,
      target: TargetInfo(kind: "live", baseURL: live.baseURL),
      transport: recording, formats: formats, reportDir: settings.reportDir,
      quiet: parsed.flag("--quiet"))
    plan.lock = reportLock
    // The answered scenarios' replayed results stand as they are; only the others run (live).
    plan.precomputed = answered
    plan.began = began

    let recorder = FixtureRecorder(
      credentials: live.credentials, source: URL(string: live.baseURL)?.host ?? "the gateway")
    var draft = FixtureWriter(directory: dir, recorder: recorder, scenarios: selected.scenarios)
    draft.hub = listener?.hub
    draft.runID = plan.options.variables.builtIns[VariableSources.runID] ?? ""
    draft.existing = existingStore
    let writer = draft
    let outcome = Mutex<FixtureWriter.Outcome?>(nil)
    let (_, code) = await run.perform(plan) { result in
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
      cli.terminal.err("error: \(String(describing: problem).escapingControlCharacters)\n")
    }
    if code == .invalidInput { return code }
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

/// Writes recorded exchanges as fixture files, one file per scenario, atomically.
struct FixtureWriter: Sendable {
  let directory: String
  let recorder: FixtureRecorder
  let scenarios: [Scenario]
  /// The run's callback hub and id, to attach the callbacks each scenario received.
  var hub: CallbackHub?
  var runID = ""

  /// The set recording tops up (`--mode missing`): a new fixture it already answers is not written again.
  var existing: FixtureStore?

  struct Outcome: Sendable {
    var files = 0
    var fixtures = 0
    /// Scenarios the existing fixtures answered whole (nothing of theirs was sent).
    var replayed = 0
    /// Scenarios not written: a request got no answer, or the run stopped before they finished.
    var incomplete = 0
    var problems: [String] = []

    var summary: String {
      "recorded \(fixtures) fixture\(fixtures == 1 ? "" : "s") in \(files) file\(files == 1 ? "" : "s")"
        + (replayed > 0
          ? "; \(replayed) scenario\(replayed == 1 ? " was" : "s were") already answered by the fixtures and sent nothing (--mode all re-records them)"
          : "")
        + (incomplete > 0
          ? "; \(incomplete) scenario\(incomplete == 1 ? "" : "s") not recorded (a request got no answer, or the run stopped first)"
          : "")
        + (problems.isEmpty ? "" : "; \(problems.count) refused or failed")
    }
  }

  /// A file name for a scenario id (`/` is not allowed in a file name).
  static func fileName(for id: String) -> String {
    id.replacingOccurrences(of: "/", with: "__") + FixtureLoader.fileSuffix
  }

  func write(_ exchanges: [RecordedExchange], replayed: Set<String>, incomplete: Set<String>)
    -> Outcome
  {
    var outcome = Outcome()
    outcome.replayed = scenarios.filter { replayed.contains($0.id) }.count
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
    // What each fixture answers, and in which file: a second fixture for the same requests would never be
    // used (and warn on every load), so it is not written.
    var answeredBy: [String: String] = [:]
    for f in existing?.fixtures ?? [] {
      answeredBy[FixtureLoader.signature(of: f)] =
        answeredBy[FixtureLoader.signature(of: f)] ?? f.source.file
    }
    var byScenario: [String: [RecordedExchange]] = [:]
    for e in exchanges { byScenario[e.scenarioID ?? "unnamed", default: []].append(e) }
    for scenario in scenarios {
      guard let list = byScenario[scenario.id], !list.isEmpty else { continue }
      if incomplete.contains(scenario.id) {
        outcome.incomplete += 1
        continue
      }
      let received =
        hub.map { $0.received(Runner.callbackToken(runID: runID, scenarioID: scenario.id)) } ?? []
      let (fixtures, refusals) = recorder.fixtures(
        for: list, scenarioID: scenario.id, family: scenario.family, callbacks: received)
      outcome.problems += refusals.map { $0.description }
      let path = (directory as NSString).appendingPathComponent(Self.fileName(for: scenario.id))
      let kept = fixtures.filter { f in
        let decoded = FixtureDecoder.decode(path: path, bytes: JSONWriter.bytes(f)).fixtures
        guard let one = decoded.first else { return true }
        let signature = FixtureLoader.signature(of: one)
        if let file = answeredBy[signature], file != path { return false }
        answeredBy[signature] = path
        return true
      }
      guard !kept.isEmpty else { continue }
      let value: JSONValue = kept.count == 1 ? kept[0] : .array(kept)
      do {
        try ReportDirectory.writeAtomically(JSONWriter.bytes(value, style: .pretty), to: path)
        outcome.files += 1
        outcome.fixtures += kept.count
      } catch {
        outcome.problems.append("cannot write \(path): \(error)")
      }
    }
    return outcome
  }
}
