import ConformanceCore
import Foundation
import TestSupport
import Testing

@Suite(.serialized) struct RecordTests {
  static let suite = """
    [
      {"id": "rec.ok", "summary": "plain", "family": "openai", "request": {"method": "GET", "path": "/ok"}, "expect": {"status": 200}},
      {"id": "rec.echo", "summary": "echoes the key", "family": "openai",
       "request": {"method": "POST", "path": "/echo", "json": {"model": "m"}}, "expect": {"status": 200, "json": {"$.method": "POST"}}}
    ]
    """

  @Test func recordsScrubbedFixturesThatReplayToTheSameVerdicts() async throws {
    let server = try await FaultServer.start()
    let dir = Harness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    Harness.write(Self.suite, to: dir + "/scenarios/rec.json")
    let key = LiveRunTests.canary
    let r = try await Harness.run(
      ["record", "--base-url", server.baseURL.absoluteString, "--fixtures", "rec"], in: dir,
      env: ["ANYINT_API_KEY": key])
    #expect(r.status == 0, "\(r.stdout)\n\(r.stderr)")
    #expect(r.stdout.contains("recorded 2 fixtures in 2 files"), "\(r.stdout)")
    let names = try FileManager.default.contentsOfDirectory(atPath: dir + "/rec").sorted()
    #expect(names == ["fixture-set.json", "rec.echo.fixture.json", "rec.ok.fixture.json"])
    for name in names {
      #expect(!(Harness.read(dir + "/rec/" + name) ?? "").contains(key), "\(name) holds the key")
    }
    #expect((Harness.read(dir + "/rec/rec.echo.fixture.json") ?? "").contains("Bearer <redacted>"))
    for report in ["report.json", "junit.xml", "report.md", "report.html"] {
      #expect(!(Harness.read(dir + "/Reports/" + report) ?? "").contains(key))
    }
    #expect(!r.stdout.contains(key) && !r.stderr.contains(key))

    // The recorded set replays offline to the same verdicts.
    let replay = try await Harness.run(
      ["run", "--fixtures", "rec", "--report-dir", "replay"], in: dir)
    #expect(replay.status == 0, "\(replay.stdout)")
    #expect(replay.stdout.contains("2 passed, 0 failed"))

    // --mode missing (the default) sends nothing that is already recorded.
    let again = try await Harness.run(
      ["record", "--base-url", "http://127.0.0.1:9", "--fixtures", "rec"], in: dir,
      env: ["ANYINT_API_KEY": key])
    #expect(again.status == 0, "\(again.stdout)")
    #expect(
      again.stdout.contains(
        "recorded 0 fixtures in 0 files; 2 scenarios were already answered by the fixtures and sent nothing"
      ),
      "\(again.stdout)")
    // The separate set is not loaded by a default run over Fixtures.
    #expect(FixtureLoader.fixtureFiles(in: dir).isEmpty)
  }

  /// `-H` headers go on every recorded request, but a fixture neither requires them nor holds their values, so
  /// the set replays without them.
  @Test func addedHeadersAreNeitherConditionsNorSecretsInFixtures() async throws {
    let server = try await FaultServer.start()
    let dir = Harness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    Harness.write(Self.suite, to: dir + "/scenarios/rec.json")
    let token = "tok-Rec81xLw0pRt5vNc2"
    let r = try await Harness.run(
      [
        "record", "--base-url", server.baseURL.absoluteString, "--fixtures", "rec", "-H",
        "X-Gateway-Token: \(token)", "--rate", "50", "--fail-fast",
      ], in: dir, env: ["ANYINT_API_KEY": LiveRunTests.canary])
    #expect(r.status == 0, "\(r.stdout)\n\(r.stderr)")
    let echo = Harness.read(dir + "/rec/rec.echo.fixture.json") ?? ""
    #expect(echo.contains("x-gateway-token"), "the echo answer shows the header was sent")
    #expect(!echo.contains(token))
    #expect(!(Harness.read(dir + "/rec/rec.ok.fixture.json") ?? "").contains("x-gateway-token"))
    let replay = try await Harness.run(
      ["run", "--fixtures", "rec", "--report-dir", "replay"], in: dir)
    #expect(replay.status == 0, "\(replay.stdout)")
  }

  @Test func recordNeedsALiveTarget() async throws {
    let dir = MiniSuite.make()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let r = try await Harness.run(["record"], in: dir, env: ["ANYINT_API_KEY": "k"])
    #expect(r.status == 2)
    #expect(r.stderr.contains("--base-url"))
    let mode = try await Harness.run(
      ["record", "--mode", "some", "--base-url", "http://127.0.0.1:9"], in: dir,
      env: ["ANYINT_API_KEY": "k"])
    #expect(mode.stderr.contains("--mode takes missing or all"))
    // Where fixtures or reports could not be written, nothing is recorded (or billed) at all.
    let blocked = try await Harness.run(
      ["record", "--base-url", "http://127.0.0.1:9", "--fixtures", "scenarios/models.json/rec"],
      in: dir, env: ["ANYINT_API_KEY": "k"])
    #expect(blocked.status == 2)
    #expect(
      blocked.stderr.contains("--fixtures: cannot write scenarios/models.json/rec"),
      "\(blocked.stderr)")
    #expect(blocked.stdout.isEmpty)
  }
}
