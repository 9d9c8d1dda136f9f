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
          recorder.redactor.redact(JSONWriter.bytes(description, style: .pretty)), to: marker)
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
        for: list, scenarioID: scenario.id, profile: catalog.profile(scenario.family),
        callbacks: received)
      outcome.problems += refusals.map { $0.description }
      guard !fixtures.isEmpty else { continue }
      let path = (directory as NSString).appendingPathComponent(Self.fileName(for: scenario.id))
      let value: JSONValue = fixtures.count == 1 ? fixtures[0] : .array(fixtures)
      do {
        try ReportDirectory.writeAtomically(
          recorder.redactor.redact(JSONWriter.bytes(value, style: .pretty)), to: path)
        outcome.files += 1
        outcome.fixtures += fixtures.count
      } catch {
        outcome.problems.append("cannot write \(path): \(error)")
      }
    }
    return outcome
  }
}
