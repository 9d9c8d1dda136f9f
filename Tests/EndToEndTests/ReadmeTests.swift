import Foundation
import Testing

/// The README shows what the code does: its coverage table is the one `coverage` prints.
@Suite struct ReadmeTests {
  @Test func theCoverageTableIsCurrent() async throws {
    let readme = Harness.read(Harness.repoRoot + "/README.md") ?? ""
    let start = try #require(readme.range(of: "<!-- coverage:start -->\n"))
    let end = try #require(readme.range(of: "<!-- coverage:end -->"))
    let table = String(readme[start.upperBound..<end.lowerBound])
    let r = try await Harness.run(["coverage"])
    #expect(r.status == 0)
    #expect(
      table == r.stdout,
      "README's coverage table is stale: run 'anyint-conformance coverage' and paste its output between the markers"
    )
    let required = try await Harness.run(["coverage", "--require"])
    #expect(required.status == 0, "\(required.stderr)")
  }

  @Test func theTwoCommandsAreTheFirstTwoShown() throws {
    let readme = Harness.read(Harness.repoRoot + "/README.md") ?? ""
    let block = try #require(readme.range(of: "```sh\nswift run anyint-conformance run"))
    let after = readme[block.lowerBound...]
    #expect(after.contains("swift test"))
    let ci = Harness.read(Harness.repoRoot + "/.ci/run") ?? ""
    #expect(ci.contains("swift test -Xswiftc -warnings-as-errors"))
  }
}
