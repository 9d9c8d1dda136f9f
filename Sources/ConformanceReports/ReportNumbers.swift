import ConformanceCore

/// The range check `report merge` makes on every number of a report.json before using it: a report file
/// can hold anything, and a `"durationMs": 1e300` must be a located error, never a trap or a nonsense total.
enum ReportNumbers {
  /// The longest duration a report may carry: about 31 years, in milliseconds.
  static let maxMs: Double = 1e12
  /// Fields that are counts or codes: whole numbers from 0 up.
  static let counts: Set<String> = [
    "index", "polls", "status", "bodyBytes", "events", "total", "passed", "failed", "errored",
    "skipped", "reportVersion", "line", "column",
  ]

  static func check(_ value: JSONValue, path: String = "$", file: String)
    throws(JSONReportReader.ReadError)
  {
    switch value {
    case .object(let o):
      for m in o.members {
        let p = path + "." + m.key
        if case .number(let n) = m.value { try check(n, key: m.key, path: p, file: file) }
        try check(m.value, path: p, file: file)
      }
    case .array(let a):
      for (i, v) in a.enumerated() { try check(v, path: path + "[\(i)]", file: file) }
    default:
      return
    }
  }

  static func check(_ n: Double, key: String, path: String, file: String)
    throws(JSONReportReader.ReadError)
  {
    if key.hasSuffix("Ms"), !(n >= 0 && n <= maxMs) {
      throw JSONReportReader.ReadError(
        file: file,
        reason:
          "\(path): \(JSONWriter.formatNumber(n)) is not a duration in milliseconds (0 to 1e12); give the report.json of a run"
      )
    }
    if counts.contains(key), !(n >= 0 && n <= 9e15 && n.rounded() == n) {
      throw JSONReportReader.ReadError(
        file: file,
        reason:
          "\(path): \(JSONWriter.formatNumber(n)) is not a whole number from 0 to 9e15; give the report.json of a run"
      )
    }
  }
}
