import ConformanceCore
import Foundation
import Testing

/// `--shard K/N` and `report merge`: every scenario in exactly one shard, and the merged report equal to the
/// unsharded one apart from timings.
@Suite struct ShardTests {
  /// Removes every timing field so two runs can be compared.
  static func withoutTimings(_ v: JSONValue) -> JSONValue {
    let timing: Set<String> = [
      "durationMs", "latencyMs", "startedAt", "atMs", "timeToFirstEventMs", "longestGapMs",
      "delayMs", "runId",
    ]
    switch v {
    case .object(let o):
      return .object(
        JSONObject(
          o.members.filter { !timing.contains($0.key) }.map {
            .init(key: $0.key, value: withoutTimings($0.value))
          }))
    case .array(let a): return .array(a.map(withoutTimings))
    default: return v
    }
  }

  static func report(_ path: String) throws -> JSONValue {
    try JSONParser.parse(Array((Harness.read(path) ?? "").utf8))
  }

  @Test func shardsPartitionTheSuiteAndMergeBackToTheWholeRun() async throws {
    let dir = Harness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let whole = try await Harness.run([
      "run", "--no-delays", "--format", "json,junit,markdown", "--report-dir", dir + "/whole",
    ])
    #expect(whole.status == 0, "\(whole.stderr)")
    let expected = Self.withoutTimings(try Self.report(dir + "/whole/report.json"))
    let allIDs = expected["scenarios"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
    #expect(allIDs.count >= 25)
    for n in 1...8 {
      var shardReports: [String] = []
      var seen: [String] = []
      var sizes: [Int] = []
      for k in 1...n {
        let out = "\(dir)/n\(n)k\(k)"
        let r = try await Harness.run([
          "run", "--no-delays", "--shard", "\(k)/\(n)", "--format", "json", "--report-dir", out,
        ])
        #expect(r.status == 0, "shard \(k)/\(n): \(r.stderr)")
        let ids =
          try Self.report(out + "/report.json")["scenarios"]?.arrayValue?.compactMap {
            $0["id"]?.stringValue
          } ?? []
        seen += ids
        sizes.append(ids.count)
        shardReports.append(out + "/report.json")
      }
      #expect(seen.sorted() == allIDs.sorted(), "N=\(n): every scenario runs in exactly one shard")
      #expect((sizes.max() ?? 0) - (sizes.min() ?? 0) <= 1, "N=\(n): shard sizes \(sizes) are even")
      let merged = try await Harness.run(
        ["report", "merge", "--report-dir", "\(dir)/merged\(n)", "--format", "json,junit,markdown"]
          + shardReports)
      #expect(merged.status == 0, "\(merged.stderr)")
      let got = Self.withoutTimings(try Self.report("\(dir)/merged\(n)/report.json"))
      let same = got == expected
      #expect(
        same,
        "N=\(n): the merged report differs from the unsharded one: \(JSONDiff.differences(expected, got, limit: 5))"
      )
      let sameSummary = got["summary"] == expected["summary"]
      #expect(sameSummary, "N=\(n): summaries differ")
    }
  }

  @Test func mergeRefusesOverlapsAndJunk() async throws {
    let dir = Harness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    _ = try await Harness.run([
      "run", "--no-delays", "--shard", "1/2", "--format", "json", "--report-dir", dir + "/a",
    ])
    let twice = try await Harness.run([
      "report", "merge", "--report-dir", dir + "/m", dir + "/a/report.json", dir + "/a/report.json",
    ])
    #expect(twice.status == 2)
    #expect(twice.stderr.contains("each shard must run different scenarios"))
    Harness.write("{}", to: dir + "/junk.json")
    let junk = try await Harness.run(["report", "merge", dir + "/junk.json"])
    #expect(junk.status == 2)
    #expect(junk.stderr.contains("not an anyint-conformance report.json"))
    let bad = try await Harness.run(["run", "--shard", "3/2"])
    #expect(bad.status == 2)
    #expect(bad.stderr.contains("--shard takes K/N"))
  }
}
