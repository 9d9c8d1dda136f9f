import ConformanceCore
import Foundation

extension ReportDocument {
  /// Several shard reports as one, at the JSON level (so every field survives): the scenarios of all, ordered
  /// by their selection index like `report merge`, the earliest start, the span as duration, and totals
  /// counted again. The first report's other top-level fields are kept. Ids must not overlap (check with
  /// `ReportMerge.merge` first).
  public static func merged(_ docs: [ReportDocument]) -> ReportDocument {
    guard let first = docs.first else {
      return ReportDocument(file: "", root: JSONObject(), scenarios: [])
    }
    if docs.count == 1 { return first }
    let all = docs.flatMap(\.scenarios)
    let ordered = all.enumerated().sorted { a, b in
      switch (a.element["index"]?.intValue, b.element["index"]?.intValue) {
      case (let x?, let y?): return x != y ? x < y : a.offset < b.offset
      case (_?, nil): return true
      case (nil, _?): return false
      case (nil, nil): return a.offset < b.offset
      }
    }.map(\.element)
    let parser = ISO8601DateFormatter()
    let starts = docs.compactMap { d in
      d.root["startedAt"]?.stringValue.flatMap { parser.date(from: $0) }.map {
        ($0, d.root["durationMs"]?.numberValue ?? 0)
      }
    }
    var root = first.root
    if let start = starts.map(\.0).min() {
      let end = starts.map { $0.0.addingTimeInterval($0.1 / 1000) }.max() ?? start
      root["startedAt"] = .string(JSONReport.timestamp(start))
      root["durationMs"] = JSONReport.ms(end.timeIntervalSince(start) * 1000)
    }
    var counts: [String: Int] = [:]
    for s in ordered { counts[s["outcome"]?.stringValue ?? "", default: 0] += 1 }
    root["summary"] = [
      "total": .number(Double(ordered.count)),
      "passed": .number(Double(counts["passed"] ?? 0)),
      "failed": .number(Double(counts["failed"] ?? 0)),
      "errored": .number(Double(counts["errored"] ?? 0)),
      "skipped": .number(Double(counts["skipped"] ?? 0)),
    ]
    root["scenarios"] = nil
    return ReportDocument(
      file: docs.map(\.file).joined(separator: " + "), root: root, scenarios: ordered)
  }
}
