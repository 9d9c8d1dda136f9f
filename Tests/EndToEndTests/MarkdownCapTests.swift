import Foundation
import Testing

/// report.md stays under GitHub's 1 MiB job-summary limit whatever the run.
@Suite struct MarkdownCapTests {
  /// The check: 2,000 failing scenarios give a report.md under 1 MiB.
  @Test func twoThousandFailuresStayUnderOneMebibyte() async throws {
    let dir = OperatingSuite.make(count: 2000, failing: Set(0..<2000))
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let r = try await Harness.run(["run", "--quiet", "--format", "markdown,json"], in: dir)
    #expect(r.status == 1)
    let md = try #require(Harness.read(dir + "/Reports/report.md"))
    #expect(md.utf8.count < 1 << 20, "report.md is \(md.utf8.count) bytes")
    #expect(md.components(separatedBy: "\n### ❌ ").count - 1 == 200)
    #expect(md.contains("_1800 more failed or errored scenarios not shown here"))
    #expect(md.contains("<details><summary>2000 results: 0 passed, 2000 failed</summary>"))
    #expect(md.contains("_The first 1000 of 2000 results are shown; report.json has them all._"))
    #expect(md.contains("</details>"))
    // Failures come first, then the results.
    let failures = try #require(md.range(of: "## Failures"))
    let results = try #require(md.range(of: "## Results"))
    #expect(failures.lowerBound < results.lowerBound)
    let json = try OperatingSuite.report(dir)
    #expect(json["scenarios"]?.arrayValue?.count == 2000)
  }
}
