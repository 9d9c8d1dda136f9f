import ConformanceCore
import Foundation
import Testing

/// The shipped suite in-process on the fixture mock and with `--target live` against `mock serve` on loopback:
/// every scenario must get the same outcome, situation and retry decision.
@Suite(.serialized) struct LiveEquivalenceTests {
  static let key = "sk-live-equivalence-0123456789abcdef"

  static func verdicts(_ path: String) throws -> [String: [String]] {
    let report = try JSONParser.parse(Array((Harness.read(path) ?? "").utf8))
    var out: [String: [String]] = [:]
    for s in report["scenarios"]?.arrayValue ?? [] {
      guard let id = s["id"]?.stringValue else { continue }
      let steps = (s["steps"]?.arrayValue ?? []).map {
        "\($0["id"]?.stringValue ?? ""):\($0["outcome"]?.stringValue ?? ""):\($0["situation"]?.stringValue ?? "-")"
      }
      out[id] =
        [
          s["outcome"]?.stringValue ?? "", s["situation"]?.stringValue ?? "-",
          s["retry"]?.stringValue ?? "-",
        ] + steps
    }
    return out
  }

  @Test func theShippedSuiteGetsTheSameVerdictsInReplayAndThroughMockServe() async throws {
    let dir = Harness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let replay = try await Harness.run(["run", "--format", "json", "--report-dir", dir + "/replay"])
    #expect(replay.status == 0, "\(replay.stderr)")

    let server = try await MockServeProcess(env: ["ANYINT_API_KEY": Self.key])
    let live = try await Harness.run(
      [
        "run", "--target", "live", "--base-url", server.url, "--format", "json,console",
        "--report-dir", dir + "/live", "--concurrency", "8",
      ],
      env: ["ANYINT_API_KEY": Self.key])
    #expect(await server.stop() == 0, "mock serve shuts down cleanly on SIGTERM")
    #expect(live.status == 0, "\(live.stdout.suffix(3000))\(live.stderr)")

    let a = try Self.verdicts(dir + "/replay/report.json")
    let b = try Self.verdicts(dir + "/live/report.json")
    #expect(a.count >= 25)
    #expect(Set(a.keys) == Set(b.keys))
    for (id, verdict) in a.sorted(by: { $0.key < $1.key }) {
      #expect(b[id] == verdict, "\(id): replay \(verdict), live \(b[id] ?? [])")
    }
    let text = (Harness.read(dir + "/live/report.json") ?? "") + live.stdout + live.stderr
    #expect(!text.contains(Self.key), "the key must never reach a report or the console")
  }

  @Test func fixturesRecordedFromMockServeReplayToTheSameVerdicts() async throws {
    let dir = Harness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let original = try await Harness.run([
      "run", "--format", "json", "--report-dir", dir + "/original",
    ])
    #expect(original.status == 0, "\(original.stderr)")

    let server = try await MockServeProcess(env: ["ANYINT_API_KEY": Self.key])
    let record = try await Harness.run(
      [
        "record", "--base-url", server.url, "--mode", "all", "--fixtures", dir + "/recorded",
        "--format", "json", "--report-dir", dir + "/recording",
        "--concurrency", "8",
      ],
      env: ["ANYINT_API_KEY": Self.key])
    await server.stop()
    // A failed recording (a callback that came too late under load, say) would replay into 120 s webhook waits.
    try #require(record.status == 0, "\(record.stdout.suffix(2000))\(record.stderr)")
    let files = try FileManager.default.contentsOfDirectory(atPath: dir + "/recorded")
    #expect(files.contains("fixture-set.json"))
    for f in files {
      #expect(
        !(Harness.read(dir + "/recorded/" + f) ?? "").contains(Self.key), "\(f) holds the key")
    }

    let replay = try await Harness.run([
      "run", "--fixtures", dir + "/recorded", "--format", "json", "--report-dir", dir + "/replay",
    ])
    #expect(replay.status == 0, "\(replay.stdout.suffix(3000))")
    let a = try Self.verdicts(dir + "/original/report.json")
    let b = try Self.verdicts(dir + "/replay/report.json")
    #expect(Set(a.keys) == Set(b.keys))
    for (id, verdict) in a.sorted(by: { $0.key < $1.key }) {
      #expect(b[id] == verdict, "\(id): original \(verdict), recorded \(b[id] ?? [])")
    }
  }
}
