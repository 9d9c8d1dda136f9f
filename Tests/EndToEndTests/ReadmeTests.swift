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

  /// The README's option table of `run` names every option `run --help` lists, and no option `run` does not
  /// have; `record`'s options are `run`'s plus its own.
  @Test func theOptionTableIsComplete() async throws {
    let readme = Harness.read(Harness.repoRoot + "/README.md") ?? ""
    let start = try #require(readme.range(of: "| option | meaning |\n"))
    let rest = readme[start.upperBound...]
    let table = rest[..<(rest.range(of: "\n\n")?.lowerBound ?? rest.endIndex)]
    let word = try Regex(#"(?:^|[`\s/,(])(--?[a-zA-Z][a-zA-Z0-9-]*(?:\.[0-9]+)?)"#)
    let documented = Set(
      table.matches(of: word).compactMap { $0.output[1].substring.map(String.init) })
    let run = try await Self.options(of: ["run"])
    let missing = run.subtracting(documented).sorted()
    #expect(missing.isEmpty, "README's option table lacks \(missing)")
    let unknown = documented.subtracting(run).sorted()
    #expect(unknown.isEmpty, "README's option table names options run does not have: \(unknown)")
    let record = try await Self.options(of: ["record"])
    let recordOnly = record.subtracting(run).sorted()
    #expect(recordOnly == ["--mode"], "record's own options: \(recordOnly)")
    for option in recordOnly {
      #expect(readme.contains("`\(option)"), "README never mentions record \(option)")
    }
  }

  /// Every spelling of every option a command's `--help` lists (without `--help`).
  static func options(of command: [String]) async throws -> Set<String> {
    let r = try await Harness.run(command + ["--help"])
    var out = Set<String>()
    for line in r.stdout.split(separator: "\n") where line.hasPrefix("  -") {
      for token in line.split(separator: " ") {
        guard token.hasPrefix("-") else { break }
        out.insert(String(token.hasSuffix(",") ? token.dropLast() : token))
      }
    }
    out.remove("--help")
    return out
  }
}
