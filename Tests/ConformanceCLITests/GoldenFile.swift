import Foundation
import Testing

/// Compares output with a checked-in golden file (a copy of the report tests' helper, for help texts) and prints a unified-style diff when they differ.
///
/// Set `ANYINT_RECORD_GOLDEN=1` to rewrite the files; the test then fails on purpose, so re-recording is
/// always a deliberate, reviewed change.
enum GoldenFile {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Golden")

  static func check(
    _ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let url = directory.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["ANYINT_RECORD_GOLDEN"] == "1" {
      try? actual.write(to: url, atomically: true, encoding: .utf8)
      Issue.record(
        "re-recorded \(name); unset ANYINT_RECORD_GOLDEN and run again",
        sourceLocation: sourceLocation)
      return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
      Issue.record(
        "missing golden file \(name); run with ANYINT_RECORD_GOLDEN=1 to create it",
        sourceLocation: sourceLocation)
      return
    }
    if expected != actual {
      let message = "\(name) differs from its golden file:\n" + diff(expected, actual)
      Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
    }
  }

  /// A line diff (longest common subsequence), `-` for golden lines, `+` for actual ones.
  static func diff(_ a: String, _ b: String) -> String {
    let x = a.components(separatedBy: "\n")
    let y = b.components(separatedBy: "\n")
    var lcs = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
    for i in stride(from: x.count - 1, through: 0, by: -1) {
      for j in stride(from: y.count - 1, through: 0, by: -1) {
        lcs[i][j] = x[i] == y[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
      }
    }
    var out: [String] = []
    var i = 0
    var j = 0
    while i < x.count || j < y.count {
      if i < x.count, j < y.count, x[i] == y[j] {
        i += 1
        j += 1
      } else if j < y.count, i == x.count || lcs[i][j + 1] >= lcs[i + 1][j] {
        out.append("@@ line \(j + 1)\n+" + y[j])
        j += 1
      } else {
        out.append("@@ line \(i + 1)\n-" + x[i])
        i += 1
      }
    }
    return out.prefix(40).joined(separator: "\n")
  }
}
