import ConformanceCore
import Foundation

/// Reads a `report.json` back into a run, so shard reports can be merged and re-rendered in every format. It
/// reads the same field table the writer writes (`ReportFields`); a field a report lacks keeps its default.
public enum JSONReportReader {
  public struct ReadError: Error, CustomStringConvertible {
    public var file: String
    public var reason: String
    public var description: String { "\(file): \(reason)" }
  }

  public static func read(_ bytes: [UInt8], file: String) throws(ReadError) -> RunResult {
    let root: JSONValue
    do {
      root = try JSONParser.parse(bytes)
    } catch {
      throw ReadError(
        file: file,
        reason: "not JSON (\(error.message) at byte \(error.offset)); give the report.json of a run"
      )
    }
    guard root["tool"]?["name"] == .string(ToolInfo.name),
      let scenarios = root["scenarios"]?.arrayValue
    else {
      throw ReadError(
        file: file, reason: "not an \(ToolInfo.name) report.json (no tool name or scenarios)")
    }
    try ReportNumbers.check(root, file: file)
    var run = RunResult(
      target: TargetInfo(kind: "unknown"), startedAt: Date(timeIntervalSince1970: 0), durationMs: 0,
      scenarios: [])
    ReportFields.read(ReportFields.run, from: root, into: &run)
    for (i, s) in scenarios.enumerated() {
      guard s["id"]?.stringValue != nil,
        s["outcome"]?.stringValue.flatMap(Outcome.init(rawValue:)) != nil
      else {
        throw ReadError(file: file, reason: "scenario \(i) has no id or outcome")
      }
      var r = ScenarioResult(
        id: "", summary: "", tags: [], family: nil, source: ReportFields.sourceRef(nil),
        outcome: .errored)
      ReportFields.read(ReportFields.scenario, from: s, into: &r)
      run.scenarios.append(r)
    }
    return run
  }
}
