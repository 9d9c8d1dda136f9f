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

  /// The facts of two runs of the same suite that do not depend on the machine's speed: timings removed, and
  /// for polled tasks only the final state kept. A fixture task's answers go by its age in wall time while
  /// the poll waits its interval, so a busy machine polls fewer times and may skip a middle state; how many
  /// pending polls (`polls`, the `task-pending` attempts) and which states between are facts of the machine.
  static func comparable(_ v: JSONValue) -> JSONValue {
    switch withoutTimings(v) {
    case .object(let o):
      let isPoll = o.members.contains { $0.key == "kind" && $0.value == "poll" }
      return .object(
        JSONObject(
          o.members.compactMap { m -> JSONObject.Member? in
            switch m.key {
            case "polls" where isPoll: return nil
            case "states" where isPoll:
              return .init(
                key: m.key, value: .array(m.value.arrayValue?.suffix(1).map { $0 } ?? []))
            case "attempts":
              let kept = (m.value.arrayValue ?? []).filter { $0["situation"] != "task-pending" }
              return .init(key: m.key, value: .array(kept))
            default: return .init(key: m.key, value: comparable(m.value))
            }
          }))
    case .array(let a): return .array(a.map(comparable))
    case let other: return other
    }
  }

  static func report(_ path: String) throws -> JSONValue {
    try JSONParser.parse(Array((Harness.read(path) ?? "").utf8))
  }

  static func scenarios(_ report: JSONValue) -> [String: JSONValue] {
    var byID: [String: JSONValue] = [:]
    for s in report["scenarios"]?.arrayValue ?? [] {
      if let id = s["id"]?.stringValue { byID[id] = s }
    }
    return byID
  }

  @Test func shardsPartitionTheSuiteAndMergeBackToTheWholeRun() async throws {
    let dir = Harness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    // The task scenarios mostly wait out poll intervals: many in flight shorten a run without more work.
    let whole = try await Harness.run([
      "run", "--no-delays", "--concurrency", "16", "--format", "json,junit,markdown",
      "--report-dir",
      dir + "/whole",
    ])
    #expect(whole.status == 0, "\(whole.stderr)")
    let expected = Self.comparable(try Self.report(dir + "/whole/report.json"))
    let allIDs = expected["scenarios"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
    #expect(allIDs.count >= 25)
    // Each run costs a second of CPU on a loaded machine, so a few N go through the binary (1, even, odd,
    // uneven slices of the suite); ShardSliceTests checks the slicing itself for every N up to 24.
    for n in [1, 2, 5, 8] {
      // The shards of one N are independent runs: they run at once.
      let runs = try await withThrowingTaskGroup(of: (Int, Harness.Result).self) { group in
        for k in 1...n {
          group.addTask {
            let r = try await Harness.run([
              "run", "--no-delays", "--concurrency", "16", "--shard", "\(k)/\(n)", "--format",
              "json", "--report-dir", "\(dir)/n\(n)k\(k)",
            ])
            return (k, r)
          }
        }
        return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
      }
      var shardReports: [String] = []
      var seen: [String] = []
      var sizes: [Int] = []
      var shardScenarios: [String: JSONValue] = [:]
      for k in 1...n {
        let out = "\(dir)/n\(n)k\(k)"
        #expect(runs[k]?.status == 0, "shard \(k)/\(n): \(runs[k]?.stderr ?? "")")
        let shard = try Self.report(out + "/report.json")
        let ids = shard["scenarios"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
        seen += ids
        sizes.append(ids.count)
        shardScenarios.merge(Self.scenarios(shard)) { a, _ in a }
        shardReports.append(out + "/report.json")
      }
      #expect(seen.sorted() == allIDs.sorted(), "N=\(n): every scenario runs in exactly one shard")
      #expect((sizes.max() ?? 0) - (sizes.min() ?? 0) <= 1, "N=\(n): shard sizes \(sizes) are even")
      let merged = try await Harness.run(
        ["report", "merge", "--report-dir", "\(dir)/merged\(n)", "--format", "json,junit,markdown"]
          + shardReports)
      #expect(merged.status == 0, "\(merged.stderr)")
      let mergedReport = try Self.report("\(dir)/merged\(n)/report.json")
      // The merge itself is exact: each scenario as its shard reported it, timings and poll counts included.
      let mergedScenarios = Self.scenarios(mergedReport)
      #expect(mergedScenarios.count == shardScenarios.count)
      for (id, s) in shardScenarios where mergedScenarios[id] != s {
        Issue.record(
          "N=\(n): the merge changed \(id): \(JSONDiff.differences(s, mergedScenarios[id] ?? .null, limit: 5))"
        )
      }
      let got = Self.comparable(mergedReport)
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
