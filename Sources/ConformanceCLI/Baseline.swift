import ConformanceCore
import ConformanceReports

/// `run --baseline REPORT.json`: the run compared with an earlier one, in the console summary, report.md and
/// report.html. The baseline is read and checked before anything is sent; the run's exit code stays its own.
struct Baseline: Sendable {
  var document: ReportDocument
  /// Scenarios of the suite that this run leaves to other shards (`--shard`): not "removed" when the baseline
  /// has them, since another shard runs them.
  var otherShards: Set<String> = []

  /// The baseline the command line names, or nil; a file that is not a readable report v1 is a usage error.
  static func load(_ path: String?) throws(UsageError) -> Baseline? {
    guard let path else { return nil }
    do {
      return Baseline(document: try ReportDocument.load(path))
    } catch {
      throw UsageError(
        .unusableFile, option: "--baseline", "--baseline: \(error.description); nothing was sent")
    }
  }

  /// The comparison of a finished run with the baseline.
  func compare(_ run: RunResult) -> ReportDiff {
    var new = ReportDiff.Input(file: "this run", root: JSONObject())
    new.side.startedAt = JSONReport.timestamp(run.startedAt)
    for r in run.scenarios { new.add(scenario: JSONReport.scenario(r)) }
    var base = ReportDiff.Input(file: document.file, root: document.root)
    for s in document.scenarios where !otherShards.contains(s["id"]?.stringValue ?? "") {
      base.add(scenario: s)
    }
    return ReportDiff.compare(base, new)
  }

  /// The console lines: what changed, then `since baseline: 2 regressions, 1 fixed`.
  static func consoleNote(_ diff: ReportDiff, color: Bool) -> String {
    var text = "baseline: \(diff.describe(diff.base))\n"
    text += diff.console(color: color, header: false, summaryPrefix: "since baseline: ")
    return String(text.dropLast())
  }
}
