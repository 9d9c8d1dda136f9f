import ConformanceCore
import Foundation
import Testing

/// `report diff` and `run --baseline` through the built binary, on reports of real runs.
@Suite struct ReportDiffCommandTests {
  /// A mini suite run twice: as recorded, then with the models list failing (it answers 500) and the bad-key
  /// answer 300 ms slower. Returns the directory and the two reports.
  static func twoRuns() async throws -> (dir: String, base: String, new: String) {
    let dir = MiniSuite.make()
    let first = try await Harness.run(["run", "--report-dir", "base"], in: dir)
    #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
    Harness.write(Self.worseFixtures, to: dir + "/Fixtures/models.fixture.json")
    let second = try await Harness.run(["run", "--report-dir", "new"], in: dir)
    #expect(second.status == 1, "\(second.stdout)\(second.stderr)")
    return (dir, "base/report.json", "new/report.json")
  }

  static let worseFixtures = MiniSuite.fixtures.replacingOccurrences(
    of: #""response": {"status": 200, "json": {"object": "list""#,
    with: #""response": {"status": 500, "json": {"object": "list""#
  ).replacingOccurrences(
    of: #""response": {"status": 401,"#, with: #""response": {"status": 401, "delayMs": 300,"#)

  @Test func aRunAgainstItselfHasNoChanges() async throws {
    let (dir, base, _) = try await Self.twoRuns()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let r = try await Harness.run(["report", "diff", base, base], in: dir)
    #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
    #expect(r.stdout.hasSuffix("\nno changes\n"), "\(r.stdout)")
  }

  @Test func aNewFailureAndASlowerRouteExit1NamingBoth() async throws {
    let (dir, base, new) = try await Self.twoRuns()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let r = try await Harness.run(["report", "diff", base, new], in: dir)
    #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
    #expect(
      r.stdout.contains("regressions (1):\n  FAIL  mini.models.ok  passed -> failed\n"),
      "\(r.stdout)")
    #expect(r.stdout.contains("slower GET /openai/v1/models  p95 0 ms -> 3"), "\(r.stdout)")
    #expect(r.stdout.contains("mini.models.ok  status 200 -> 500"), "\(r.stdout)")
    #expect(
      r.stdout.hasSuffix(
        "1 regression, 0 fixed, 1 changed, 1 finding appeared, 1 route slower\n"), "\(r.stdout)")

    let back = try await Harness.run(["report", "diff", new, base], in: dir)
    #expect(back.status == 0, "the way back only fixes things:\n\(back.stdout)")
    #expect(back.stdout.contains("fixed (1):\n  PASS  mini.models.ok  failed -> passed\n"))

    let json = try await Harness.run(["report", "diff", "--format", "json", base, new], in: dir)
    #expect(json.status == 1)
    let parsed = try JSONParser.parse(json.stdout)
    #expect(parsed["regressed"] == true)
    #expect(parsed["regressions"]?.arrayValue?.map { $0["id"] } == ["mini.models.ok"])
    #expect(parsed["latency"]?.arrayValue?.first?["route"] == "GET /openai/v1/models")

    let md = try await Harness.run(["report", "diff", "--format", "markdown", base, new], in: dir)
    #expect(md.status == 1)
    #expect(md.stdout.hasPrefix("## ❌ Report diff: 1 regression, 0 fixed"), "\(md.stdout)")
    #expect(md.stdout.contains("| `mini.models.ok` | passed | failed |"))

    let loose = try await Harness.run(
      ["report", "diff", "--latency-min-ms", "1000", base, new], in: dir)
    #expect(loose.status == 1, "still a regression: the failing scenario")
    #expect(!loose.stdout.contains("slower"))
  }

  @Test(arguments: [
    (["report", "diff", "base/report.json"], "takes two report.json files"),
    (["report", "diff", "nope.json", "base/report.json"], "nope.json: cannot read it"),
    (["report", "diff", "base/junit.xml", "base/report.json"], "base/junit.xml:1:1: not JSON"),
    (
      ["report", "diff", "scenarios/models.json", "base/report.json"],
      "scenarios/models.json:1:1: $: a report v1 file holds an object, not an array"
    ),
    (
      ["report", "diff", "scenarios/variables.json", "base/report.json"],
      "has no \"scenarios\" array"
    ),
    (
      ["report", "diff", "--format", "html", "base/report.json", "base/report.json"],
      "console, markdown or json"
    ),
    (
      ["report", "diff", "--latency-threshold", "fast", "base/report.json", "base/report.json"],
      "--latency-threshold takes a number"
    ),
    (
      ["report", "frobnicate"],
      "'report' takes a subcommand: 'report merge REPORT.json...', 'report html REPORT.json...', 'report diff BASE.json NEW.json'"
    ),
  ])
  func badInputExits2WithALocatedMessage(args: [String], message: String) async throws {
    let dir = MiniSuite.make()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    _ = try await Harness.run(["run", "--report-dir", "base"], in: dir)
    let r = try await Harness.run(args, in: dir)
    #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
    #expect(r.stderr.contains(message), "\(r.stderr)")
  }

  @Test func runWithABaselineSaysWhatChangedAndKeepsItsExitCode() async throws {
    let (dir, base, new) = try await Self.twoRuns()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    // The fixtures are the worse ones now: against the good baseline, one regression; exit 1 (a scenario fails).
    let worse = try await Harness.run(
      ["run", "--baseline", base, "--report-dir", "worse"], in: dir)
    #expect(worse.status == 1, "\(worse.stdout)")
    #expect(worse.stdout.contains("since baseline: 1 regression, 0 fixed"), "\(worse.stdout)")
    #expect(worse.stdout.contains("baseline: base/report.json (2 scenarios"), "\(worse.stdout)")
    let md = Harness.read(dir + "/worse/report.md") ?? ""
    #expect(md.contains("## ❌ Since baseline: 1 regression, 0 fixed"), "\(md)")
    let html = Harness.read(dir + "/worse/report.html") ?? ""
    #expect(html.contains("Since baseline") || html.contains("since baseline"))

    // Back to the good fixtures: against the bad run, one fixed; the run passes, so exit 0.
    Harness.write(MiniSuite.fixtures, to: dir + "/Fixtures/models.fixture.json")
    let better = try await Harness.run(
      ["run", "--baseline", new, "--report-dir", "better"], in: dir)
    #expect(better.status == 0, "\(better.stdout)")
    #expect(better.stdout.contains("since baseline: 0 regressions, 1 fixed"), "\(better.stdout)")
    #expect(better.stdout.contains("fixed (1):\n  PASS  mini.models.ok  failed -> passed"))
  }

  @Test func aShardComparesOnlyItsOwnScenariosWithTheBaseline() async throws {
    let (dir, base, _) = try await Self.twoRuns()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    Harness.write(MiniSuite.fixtures, to: dir + "/Fixtures/models.fixture.json")
    for k in 1...2 {
      let r = try await Harness.run(
        ["run", "--shard", "\(k)/2", "--baseline", base, "--report-dir", "shard\(k)"], in: dir)
      #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
      // The other shard's scenarios are not "removed": that shard runs them.
      #expect(!r.stdout.contains("removed"), "\(r.stdout)")
      #expect(r.stdout.contains("since baseline: no changes"), "\(r.stdout)")
    }
    // A scenario gone from the suite is still removed, shard or not.
    let second = try #require(MiniSuite.scenarios.range(of: #"{"id": "mini.models.bad-key""#))
    let first = MiniSuite.scenarios[..<second.lowerBound].trimmingCharacters(
      in: .whitespacesAndNewlines)
    Harness.write(String(first.dropLast()) + "]", to: dir + "/scenarios/models.json")
    let gone = try await Harness.run(
      ["run", "--shard", "1/1", "--baseline", base, "--report-dir", "gone"], in: dir)
    #expect(gone.stdout.contains("removed (1):"), "\(gone.stdout)")
  }

  @Test func aBadBaselineIsExit2BeforeAnythingRuns() async throws {
    let dir = MiniSuite.make()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    Harness.write("{\"scenarios\": [{\"id\": 1}]}", to: dir + "/bad.json")
    for (file, message) in [
      ("bad.json", "--baseline: bad.json:1:23: $.scenarios[0].id: must be a non-empty string"),
      ("missing.json", "--baseline: missing.json: cannot read it"),
    ] {
      let r = try await Harness.run(["run", "--baseline", file, "--report-dir", "R"], in: dir)
      #expect(r.status == 2)
      #expect(r.stderr.contains(message), "\(r.stderr)")
      #expect(r.stdout.isEmpty, "nothing ran: \(r.stdout)")
      #expect(!FileManager.default.fileExists(atPath: dir + "/R"))
    }
  }
}
