import ConformanceCore
import Foundation

extension ReportDocument {
  /// Several shard reports as one, at the JSON level (so every field survives): the scenarios of all, ordered
  /// by their selection index like `report merge`, the earliest start, the span as duration, and totals
  /// counted again. The first report's other top-level fields are kept. Ids must not overlap.
  public static func merged(_ docs: [ReportDocument]) throws(ReportMerge.MergeError)
    -> ReportDocument
  {
    guard let first = docs.first else {
      throw ReportMerge.MergeError(description: "no reports to merge")
    }
    if docs.count == 1 { return first }
    var seen: [String: Int] = [:]
    for (n, d) in docs.enumerated() {
      for s in d.scenarios {
        let id = s["id"]?.stringValue ?? ""
        if let other = seen[id] {
          throw ReportMerge.MergeError(
            description:
              "scenario \"\(id)\" is in report \(other + 1) and report \(n + 1); each shard must run different scenarios"
          )
        }
        seen[id] = n
      }
    }
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

extension ReportDocument {
  /// The document as report.json writes it (pretty JSON, the scenarios last), every field kept.
  public var jsonBytes: [UInt8] {
    var head = root
    head["scenarios"] = nil
    var out: [UInt8] = Array("{".utf8)
    if !head.members.isEmpty {
      // Reopen the object: drop the closing "\n}\n" and append the scenarios array.
      out = JSONWriter.bytes(.object(head), style: .pretty)
      out.removeLast(3)
      out.append(UInt8(ascii: ","))
    }
    out.append(contentsOf: "\n  \"scenarios\": [".utf8)
    for (i, s) in scenarios.enumerated() {
      out.append(contentsOf: (i == 0 ? "\n    " : ",\n    ").utf8)
      JSONWriter.write(s, style: .pretty, indent: 2, into: &out)
    }
    out.append(contentsOf: (scenarios.isEmpty ? "]\n}\n" : "\n  ]\n}\n").utf8)
    return out
  }
}
