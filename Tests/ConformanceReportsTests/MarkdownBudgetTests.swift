import ConformanceCore
import Foundation
import Testing

@testable import ConformanceReports

/// report.md's budget holds against the worst a gateway and a suite can produce: huge ids, summaries, messages,
/// expected and actual values, many failed checks, diagnoses and findings on every scenario.
@Suite struct MarkdownBudgetTests {
  static func hostileRun(count: Int, size: Int) -> RunResult {
    let long = String(repeating: "x|`\n", count: size / 4)
    let source = SourceRef(file: "scenarios/s.json", line: 1, column: 1)
    var scenarios: [ScenarioResult] = []
    for i in 0..<count {
      var r = ScenarioResult(
        id: "id.\(i).\(long)", summary: long, tags: [], family: .openai, source: source,
        outcome: i % 3 == 0 ? .errored : .failed, durationMs: 1)
      r.message = long
      r.request = RequestSummary(
        method: "GET", target: "/openai/v1/models?q=" + long, auth: .bearer, key: .valid,
        headers: [], bodyBytes: 0)
      r.failures = (0..<40).map { _ in CheckFailure(check: "status", expected: long, actual: long) }
      r.diagnoses = (0..<40).map { _ in Note(.headerMismatch, long) }
      r.findings = (0..<5).map { _ in Note(.undocumentedAnswer, long) }
      r.situation = .undocumented
      scenarios.append(r)
    }
    return RunResult(
      target: TargetInfo(kind: "live", baseURL: "https://gw.example"), startedAt: Date(),
      durationMs: 1, scenarios: scenarios)
  }

  @Test(arguments: [(1, 200_000), (300, 10_000), (5_000, 2_000), (20_000, 40)])
  func theReportStaysUnderOneMebibyte(count: Int, size: Int) {
    let md = MarkdownReport.render(Self.hostileRun(count: count, size: size))
    #expect(
      md.utf8.count < 1 << 20, "\(count) scenarios of \(size)-byte texts: \(md.utf8.count) bytes")
    #expect(md.contains("## Failures"))
    #expect(md.contains("## Answers by retry-table row"))
    #expect(md.contains("</details>"))
  }

  @Test func aSmallRunIsShownWhole() {
    let md = MarkdownReport.render(sampleRun())
    #expect(!md.contains("not shown here"))
    #expect(!md.contains("are shown; report.json"))
    #expect(md.contains("<details><summary>4 results: 2 passed, 1 failed, 1 errored</summary>"))
  }
}
