import ConformanceCore
import Foundation

/// `report.json`: report v1 as fixed by the scenario-format contract, plus fields that help reading it.
///
/// Fixed fields keep their names and meaning; added ones (`file`, `tags`, `family`, `request`, `reason`,
/// `message`, `latencyMs`) only add. Timings are whole milliseconds, as in the contract's example
/// (`"durationMs": 12`); the console and Markdown reports show sub-millisecond times. The fields are the rows
/// of `ReportFields`, which `JSONReportReader` reads with.
public enum JSONReport {
  public static let formatVersion = 1

  /// The report as pretty JSON; scenarios are written one at a time so a large run never holds the whole
  /// report as one value.
  public static func render(_ run: RunResult) -> [UInt8] {
    var out: [UInt8] = []
    render(run, into: &out, flush: { _ in })
    return out
  }

  /// The same bytes as `render(_:)`, handed to `flush` a megabyte at a time.
  public static func render(
    _ run: RunResult, into out: inout [UInt8], flush: (inout [UInt8]) -> Void
  ) {
    var start = JSONWriter.bytes(.object(head(run)), style: .pretty)
    // Reopen the object: drop the closing "\n}\n" and append the scenarios array.
    start.removeLast(3)
    out += start
    out.append(contentsOf: ",\n  \"scenarios\": [".utf8)
    for (i, r) in run.scenarios.enumerated() {
      out.append(contentsOf: (i == 0 ? "\n    " : ",\n    ").utf8)
      JSONWriter.write(scenario(r), style: .pretty, indent: 2, into: &out)
      if out.count >= ReportFormat.chunkBytes { flush(&out) }
    }
    out.append(contentsOf: (run.scenarios.isEmpty ? "]\n}\n" : "\n  ]\n}\n").utf8)
  }

  public static func value(_ run: RunResult) -> JSONValue {
    var root = head(run)
    root["scenarios"] = .array(run.scenarios.map(scenario))
    return .object(root)
  }

  /// The run's fields without its scenarios.
  public static func head(_ run: RunResult) -> JSONObject {
    ReportFields.write(ReportFields.run, run, ReportContext(headers: true, outcome: .passed))
  }

  /// One scenario as report v1 writes it.
  public static func scenario(_ r: ScenarioResult) -> JSONValue {
    .object(
      ReportFields.writeScenario(r, ReportContext(headers: true, outcome: r.outcome))
    )
  }

  /// Whole milliseconds, rounded to nearest: report v1 writes `durationMs` as an integer.
  static func ms(_ v: Double) -> JSONValue {
    .number(v.isFinite ? v.rounded() : 0)
  }

  public static func timestamp(_ d: Date) -> String {
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withInternetDateTime]
    f.timeZone = TimeZone(identifier: "UTC")
    return f.string(from: d)
  }
}
