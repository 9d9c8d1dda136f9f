import ConformanceCore
import ConformanceReports
import Foundation

/// Writes recorded exchanges as fixture files, one file per scenario, atomically.
struct FixtureWriter: Sendable {
  let directory: String
  let recorder: FixtureRecorder
  let scenarios: [Scenario]
  let catalog: RouteCatalog
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
          recorder.redactor.redact(JSONWriter.bytes(description, style: .pretty)), to: marker)
      }
    } catch {
      outcome.problems.append("cannot write fixtures to \(directory): \(error)")
      return outcome
    }
    // What each fixture answers, and in which file: a second fixture for the same requests would never be
    // used (and warn on every load), so it is not written.
    var answeredBy: [String: String] = [:]
    for f in existing?.fixtures ?? [] {
      let signature = FixtureLoader.signature(of: f)
      answeredBy[signature] = answeredBy[signature] ?? f.source.file
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
        for: list, scenarioID: scenario.id, profile: catalog.profile(scenario.family),
        callbacks: received)
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
        try ReportDirectory.writeAtomically(
          recorder.redactor.redact(JSONWriter.bytes(value, style: .pretty)), to: path)
        outcome.files += 1
        outcome.fixtures += kept.count
      } catch {
        outcome.problems.append("cannot write \(path): \(error)")
      }
    }
    return outcome
  }
}
