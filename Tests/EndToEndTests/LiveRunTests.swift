import ConformanceCore
import Foundation
import TestSupport
import Testing

/// `run --target live` against the fault-injecting server: every fault is a reported outcome, the rest of the
/// suite still runs, the reports are written, and the key never leaves the process.
@Suite(.serialized) struct LiveRunTests {
  static let canary = "sk-canary-Zq81xLw0pRt5vNc2mKd7hYa3"

  static let faultSuite = """
    [
      {"id": "fault.ok", "summary": "a plain answer", "family": "openai",
       "request": {"method": "GET", "path": "/ok"}, "expect": {"status": 200, "situation": "success"}},
      {"id": "fault.echo", "summary": "an answer that echoes the key", "family": "openai",
       "request": {"method": "POST", "path": "/echo", "json": {"k": "v"}}, "expect": {"status": 200}},
      {"id": "fault.redirect", "summary": "a redirect is seen, not followed", "family": "openai",
       "request": {"method": "POST", "path": "/redirect", "json": {}}, "expect": {"status": 302, "situation": "undocumented"}},
      {"id": "fault.reset", "summary": "reset", "family": "openai", "request": {"method": "GET", "path": "/reset"}, "expect": {"status": 200}},
      {"id": "fault.slow", "summary": "slow", "family": "openai", "request": {"method": "GET", "path": "/slow", "timeoutMs": 1000}, "expect": {"status": 200}},
      {"id": "fault.garbage", "summary": "garbage", "family": "openai", "request": {"method": "GET", "path": "/garbage"}, "expect": {"status": 200}},
      {"id": "fault.nonjson", "summary": "an HTML body", "family": "openai",
       "request": {"method": "GET", "path": "/nonjson"}, "expect": {"status": 200, "envelope": "none", "json": {"$.ok": true}}},
      {"id": "fault.rate-limited", "summary": "429 with retry-after-ms", "family": "openai",
       "request": {"method": "GET", "path": "/rate-limited"}, "expect": {"status": 200}}
    ]
    """

  @Test func everyFaultIsAnOutcomeAndTheRunFinishesInTime() async throws {
    let server = try await FaultServer.start()
    let dir = Harness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    Harness.write(Self.faultSuite, to: dir + "/scenarios/faults.json")
    // No wall-clock bound on the whole process (it measures the machine: a debug binary on a loaded CI box);
    // "in time" is what the transport controls: /slow answers after 10 s, its scenario ends at its 1,000 ms
    // limit (checked below on the scenario's own duration). A hang is caught by Harness.run's time limit.
    let r = try await Harness.run(
      ["run", "--target", "live", "--base-url", server.baseURL.absoluteString, "--retries", "2"],
      in: dir,
      env: ["ANYINT_API_KEY": Self.canary])
    #expect(r.status == 1)
    let report = try JSONParser.parse(
      Array((Harness.read(dir + "/Reports/report.json") ?? "").utf8))
    let byID = Dictionary(
      uniqueKeysWithValues: (report["scenarios"]?.arrayValue ?? []).compactMap { s in
        s["id"]?.stringValue.map { ($0, s) }
      })
    #expect(byID.count == 8)
    #expect(byID["fault.ok"]?["outcome"] == "passed")
    #expect(byID["fault.echo"]?["outcome"] == "passed")
    #expect(byID["fault.redirect"]?["outcome"] == "passed", "\(byID["fault.redirect"] ?? nil)")
    // The time limit's message: "no answer within 1000 ms" (a starved event thread may still be connecting when
    // the limit ends: "could not connect to ... within 1000 ms"; the same fault, the same limit).
    for (id, message) in [
      ("fault.reset", "reset the connection"), ("fault.slow", "within 1000 ms"),
      ("fault.garbage", "not HTTP"),
    ] {
      #expect(byID[id]?["outcome"] == "errored", "\(id)")
      #expect(byID[id]?["situation"] == "unreachable", "\(id)")
      #expect(
        byID[id]?["message"]?.stringValue?.contains(message) == true,
        "\(id): \(byID[id]?["message"] ?? nil)")
    }
    // Ended by its limit, long before the server's answer at 10 s (the margin absorbs a loaded machine).
    let slowMs = byID["fault.slow"]?["durationMs"]?.numberValue ?? .infinity
    #expect(slowMs >= 1000 && slowMs < 8000, "fault.slow took \(slowMs) ms")
    #expect(byID["fault.nonjson"]?["outcome"] == "failed")
    #expect(
      byID["fault.nonjson"]?["failures"]?.arrayValue?.first?["note"] == "the body is not JSON")
    // --retries 2 on a `later` answer: three attempts, the waits from retry-after-ms.
    let attempts = byID["fault.rate-limited"]?["attempts"]?.arrayValue ?? []
    #expect(attempts.map { $0["status"] } == [429, 429, 429])
    #expect(attempts.map { $0["delayMs"] } == [50, 50, 0])
    #expect(r.stdout.contains("ERROR fault.reset"))

    // The key never reaches the reports, stdout or stderr, even though /echo sent it back in its body.
    for name in ["report.json", "junit.xml", "report.md", "report.html"] {
      let text = Harness.read(dir + "/Reports/" + name) ?? ""
      #expect(!text.isEmpty)
      #expect(!text.contains(Self.canary), "\(name) leaks the key")
    }
    #expect(!r.stdout.contains(Self.canary) && !r.stderr.contains(Self.canary))
    #expect((Harness.read(dir + "/Reports/report.json") ?? "").contains("<valid key>"))
  }

  @Test func liveOptionsAreCheckedBeforeAnythingIsSent() async throws {
    let dir = MiniSuite.make()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let noURL = try await Harness.run(
      ["run", "--target", "live"], in: dir, env: ["ANYINT_API_KEY": "k"])
    #expect(noURL.status == 2)
    #expect(noURL.stderr.contains("pass --base-url URL or set ANYINT_BASE_URL"))
    let noKey = try await Harness.run(
      ["run", "--target", "live", "--base-url", "http://127.0.0.1:9"], in: dir)
    #expect(noKey.status == 2)
    #expect(noKey.stderr.contains("needs a key in the environment variable ANYINT_API_KEY"))
    let otherVar = try await Harness.run(
      ["run", "--target", "live", "--key-env", "MY_KEY"], in: dir,
      env: ["ANYINT_BASE_URL": "http://127.0.0.1:9"])
    #expect(otherVar.stderr.contains("MY_KEY"))
    let badURL = try await Harness.run(
      ["run", "--target", "live", "--base-url", "ftp://x"], in: dir, env: ["ANYINT_API_KEY": "k"])
    #expect(badURL.stderr.contains("is not an http(s) URL"))
    // Credentials in the URL would reach the reports' baseURL: refused, and not echoed.
    let userinfo = try await Harness.run(
      ["run", "--target", "live", "--base-url", "https://me:s3cret-pw@gateway.example"], in: dir,
      env: ["ANYINT_API_KEY": "k"])
    #expect(userinfo.status == 2)
    #expect(userinfo.stderr.contains("--base-url must not carry credentials"))
    #expect(!userinfo.stderr.contains("s3cret-pw") && !userinfo.stdout.contains("s3cret-pw"))
    // Plain HTTP beyond this machine: warned about before anything is sent; loopback is not.
    for (url, warned) in [("http://10.255.255.1:9", true), ("http://127.0.0.1:9", false)] {
      let r = try await Harness.run(
        ["run", "--target", "live", "--base-url", url, "--id", "no-such-scenario"], in: dir,
        env: ["ANYINT_API_KEY": "k"])
      #expect(r.status == 2)
      #expect(r.stderr.contains("is not encrypted") == warned, "\(url): \(r.stderr)")
    }
    #expect(!FileManager.default.fileExists(atPath: dir + "/Reports"))
  }

  @Test func anUnreachableGatewayStillGivesAFullReport() async throws {
    let dir = MiniSuite.make()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let r = try await Harness.run(
      ["run", "--target", "live", "--base-url", "http://127.0.0.1:9"], in: dir,
      env: ["ANYINT_API_KEY": "k"])
    #expect(r.status == 1)
    #expect(r.stdout.contains("connection to 127.0.0.1:9 refused"))
    #expect(r.stdout.contains("0 passed, 0 failed, 2 errored"))
    #expect(FileManager.default.fileExists(atPath: dir + "/Reports/junit.xml"))
  }
}
