import ConformanceCore
import Foundation
import TestSupport
import Testing

/// `-H` (sent on every request, its value a secret), `-v` (every exchange, redacted), `--color`, and the
/// console line of a retried scenario, through the binary against the fault server.
@Suite struct HeaderAndVerboseTests {
  static let key = "sk-canary-Hq81xLw0pRt5vNc2mKd7hYa3"
  static let token = "tok-9Zq81xLw0pRt5vNcEcho"

  static let suite = """
    [
      {"id": "echo.header-sent", "summary": "the added header reaches the gateway", "family": "openai",
       "request": {"method": "GET", "path": "/echo"},
       "expect": {"status": 200, "json": {"$.headers[*][0]": {"contains": "x-gateway-token"}}}},
      {"id": "echo.fails", "summary": "a failure whose body echoes the header", "family": "openai",
       "request": {"method": "POST", "path": "/echo", "json": {"q": 1}}, "expect": {"status": 201}},
      {"id": "echo.scenario-wins", "summary": "a scenario's own header wins over -H", "family": "openai",
       "request": {"method": "GET", "path": "/echo", "headers": {"x-team": "mine"}},
       "expect": {"status": 200, "json": {"$.headers[*][1]": {"contains": "mine"}}}}
    ]
    """

  @Test func addedHeadersAreSentEverywhereAndNeverShown() async throws {
    let server = try await FaultServer.start()
    let dir = Harness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    Harness.write(Self.suite, to: dir + "/scenarios/echo.json")
    let r = try await Harness.run(
      [
        "run", "--target", "live", "--base-url", server.baseURL.absoluteString, "-H",
        "X-Gateway-Token: \(Self.token)", "--header", "X-Team: qa-team-name",
        "-HX-Glued: glued-token-4321", "-v",
        "--format", "console,json,junit,markdown,github",
      ], in: dir, env: ["ANYINT_API_KEY": Self.key])
    #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
    let report = try OperatingSuite.report(dir)
    let outcomes = (report["scenarios"]?.arrayValue ?? []).map { $0["outcome"]?.stringValue ?? "" }
    #expect(outcomes == ["passed", "failed", "passed"])
    // -v: the exchanges under each scenario, key headers as their kind, header values redacted.
    #expect(r.stdout.contains("      > GET /echo\n"))
    #expect(r.stdout.contains("      > authorization: <valid key>\n"))
    #expect(r.stdout.contains("      > x-gateway-token: <redacted>\n"))
    #expect(r.stdout.contains("      > x-glued: <redacted>\n"))
    #expect(r.stdout.contains("      < 200 ("))
    #expect(r.stdout.contains("      < content-type: application/json\n"))
    #expect(r.stdout.contains("<redacted>"))
    var everything = r.stdout + r.stderr
    for file in ["report.json", "junit.xml", "report.md"] {
      everything += Harness.read(dir + "/Reports/" + file) ?? ""
    }
    for secret in [Self.token, Self.key, "qa-team-name", "glued-token-4321"] {
      #expect(!everything.contains(secret), "\(secret) leaked")
    }
  }

  @Test func verboseWithoutTheConsoleShowsExchangesOnStandardError() async throws {
    let server = try await FaultServer.start()
    let dir = Harness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    Harness.write(Self.suite, to: dir + "/scenarios/echo.json")
    let r = try await Harness.run(
      [
        "run", "--target", "live", "--base-url", server.baseURL.absoluteString, "--verbose",
        "--format", "json", "--id", "echo.header-sent",
      ], in: dir, env: ["ANYINT_API_KEY": Self.key])
    #expect(r.stdout.isEmpty)
    #expect(r.stderr.contains("      > GET /echo\n"), "\(r.stderr)")
    #expect(!r.stderr.contains(Self.key))
  }

  @Test func aRetriedScenarioSaysSo() async throws {
    let server = try await FaultServer.start()
    let dir = Harness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    Harness.write(
      """
      [{"id": "retry.limited", "summary": "429 then 429", "family": "openai",
        "request": {"method": "GET", "path": "/rate-limited"}, "expect": {"status": 429}}]
      """, to: dir + "/scenarios/retry.json")
    let r = try await Harness.run(
      ["run", "--target", "live", "--base-url", server.baseURL.absoluteString, "--retries", "2"],
      in: dir, env: ["ANYINT_API_KEY": Self.key])
    #expect(r.status == 0, "\(r.stdout)")
    let line = r.stdout.split(separator: "\n").first { $0.hasPrefix("PASS  retry.limited") } ?? ""
    #expect(line.contains(", after 2 retries (waited "), "\(line)")
    #expect(line.hasSuffix(" s)"))
  }

  @Test func colorIsForcedOrRefusedAsAsked() async throws {
    let dir = MiniSuite.make()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let sgr = try Regex(#"\u{1B}\[\d+m"#)
    let always = try await Harness.run(["run", "--color", "always"], in: dir)
    #expect(always.stdout.contains(sgr), "GitHub Actions logs are no terminal, yet get colour")
    let forced = try await Harness.run(
      ["run", "--color", "always"], in: dir, env: ["NO_COLOR": "1"])
    #expect(forced.stdout.contains(sgr), "--color always wins over NO_COLOR")
    let auto = try await Harness.run(["run"], in: dir)
    #expect(!auto.stdout.contains(sgr), "auto: no colour off a terminal")
    for (env, expectColour) in [
      ([String: String](), true), (["NO_COLOR": "1"], false), (["TERM": "dumb"], false),
    ] {
      var env = env
      env["TERM"] = env["TERM"] ?? "xterm"
      let tty = try await OperatingSuite.runOnTerminal(["run"], in: dir, env: env)
      #expect(tty.text.contains(sgr) == expectColour, "\(env)")
      let never = try await OperatingSuite.runOnTerminal(
        ["run", "--color", "never"], in: dir, env: env)
      #expect(!never.text.contains(sgr), "\(env)")
    }
  }
}
