import ConformanceCore
import Foundation

/// Combines shard runs into one: every scenario once, in the order of the whole selection.
public enum ReportMerge {
  public struct MergeError: Error, CustomStringConvertible {
    public var description: String
  }

  public static func merge(_ runs: [RunResult]) throws(MergeError) -> RunResult {
    guard let first = runs.first else { throw MergeError(description: "no reports to merge") }
    var seen: [String: Int] = [:]
    var all: [ScenarioResult] = []
    for (n, run) in runs.enumerated() {
      for s in run.scenarios {
        if let other = seen[s.id] {
          throw MergeError(
            description:
              "scenario \"\(s.id)\" is in report \(other + 1) and report \(n + 1); each shard must run different scenarios"
          )
        }
        seen[s.id] = n
        all.append(s)
      }
    }
    // Scenarios with their selection index come back in that order; any without keep their report order after.
    let ordered = all.enumerated().sorted { a, b in
      switch (a.element.index, b.element.index) {
      case (let x?, let y?): return x != y ? x < y : a.offset < b.offset
      case (_?, nil): return true
      case (nil, _?): return false
      case (nil, nil): return a.offset < b.offset
      }
    }.map(\.element)
    let start = runs.map(\.startedAt).min() ?? first.startedAt
    let end = runs.map { $0.startedAt.addingTimeInterval($0.durationMs / 1000) }.max() ?? start
    return RunResult(
      target: first.target, startedAt: start, durationMs: end.timeIntervalSince(start) * 1000,
      scenarios: ordered)
  }
}
