import ConformanceCore
import Foundation
import Testing

/// `report html REPORT.json...`: the page and the other formats from existing reports.
@Suite struct ReportHTMLCommandTests {
  @Test func rendersEveryFormatFromAReportAndKeepsEveryField() async throws {
    let dir = MiniSuite.make()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    #expect(try await Harness.run(["run", "--report-dir", "first"], in: dir).status == 0)
    // A field this version does not know reaches the page and report.json unchanged.
    let original = Harness.read(dir + "/first/report.json") ?? ""
    Harness.write(
      original.replacingOccurrences(
        of: "\"reportVersion\": 1,", with: "\"reportVersion\": 1,\n  \"futureField\": \"kept-123\","
      ),
      to: dir + "/first/report.json")
    let r = try await Harness.run(
      ["report", "html", "first/report.json", "--report-dir", "again"], in: dir)
    #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
    #expect(
      r.stdout.contains(
        "rendered 1 report; reports: again/report.json, again/junit.xml, again/report.md, again/report.html"
      ), "\(r.stdout)")
    let html = Harness.read(dir + "/again/report.html") ?? ""
    #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("kept-123"))
    #expect(html.contains("mini.models.ok") && html.contains("mini.models.bad-key"))
    let json = try JSONParser.parse(Harness.read(dir + "/again/report.json") ?? "")
    #expect(json["futureField"] == "kept-123")
    #expect(json["scenarios"]?.arrayValue?.count == 2)
    #expect((Harness.read(dir + "/again/junit.xml") ?? "").contains("mini.models.bad-key"))
  }

  @Test func anInputIsNeverOverwritten() async throws {
    let dir = MiniSuite.make()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    #expect(try await Harness.run(["run"], in: dir).status == 0)
    try FileManager.default.removeItem(atPath: dir + "/Reports/report.html")
    let before = Harness.read(dir + "/Reports/report.json")
    let r = try await Harness.run(["report", "html", "Reports/report.json"], in: dir)
    #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
    #expect(Harness.read(dir + "/Reports/report.json") == before)
    #expect(FileManager.default.fileExists(atPath: dir + "/Reports/report.html"))
    #expect(
      r.stdout.contains("(left as they are, being inputs: Reports/report.json)"), "\(r.stdout)")
  }

  @Test func shardReportsMergeIntoOnePage() async throws {
    let dir = MiniSuite.make()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    for k in 1...2 {
      let r = try await Harness.run(
        ["run", "--shard", "\(k)/2", "--report-dir", "shard\(k)", "--format", "json"], in: dir)
      #expect(r.status == 0)
    }
    let r = try await Harness.run(
      [
        "report", "html", "shard2/report.json", "shard1/report.json", "--report-dir", "merged",
        "--format", "html,json",
      ], in: dir)
    #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
    let json = try JSONParser.parse(Harness.read(dir + "/merged/report.json") ?? "")
    #expect(
      json["scenarios"]?.arrayValue?.map { $0["id"] } == ["mini.models.ok", "mini.models.bad-key"])
    #expect(json["summary"]?["total"] == 2)
    let html = Harness.read(dir + "/merged/report.html") ?? ""
    #expect(html.contains("mini.models.ok") && html.contains("mini.models.bad-key"))

    let overlap = try await Harness.run(
      ["report", "html", "shard1/report.json", "shard1/report.json", "--report-dir", "o"], in: dir)
    #expect(overlap.status == 2)
    #expect(overlap.stderr.contains("is in report 1 and report 2"), "\(overlap.stderr)")
  }

  @Test(arguments: [
    (["report", "html"], "needs one or more report.json files"),
    (["report", "html", "missing.json"], "missing.json: cannot read it"),
    (
      ["report", "html", "scenarios/models.json"], "scenarios/models.json:1:1: $: a report v1 file"
    ),
    (["report", "html", "--format", "pdf", "x.json"], "unknown format 'pdf'"),
  ])
  func badInputExits2(args: [String], message: String) async throws {
    let dir = MiniSuite.make()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let r = try await Harness.run(args, in: dir)
    #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
    #expect(r.stderr.contains(message), "\(r.stderr)")
    #expect(!FileManager.default.fileExists(atPath: dir + "/Reports"))
  }
}
