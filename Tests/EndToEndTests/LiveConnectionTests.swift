import ConformanceCore
import Foundation
import TestSupport
import Testing

/// The connection options of `run`, `record` and `diagnose` through the built binary: what they do on the
/// wire, what report.json's `target` and `observed` say, and the errors (exit 2, nothing sent) for bad ones.
@Suite(.serialized) struct LiveConnectionTests {
  static let key = "sk-conn-Hk29sLq0Wm4vBn7x"

  static let suite = """
    [
      {"id": "conn.ok", "summary": "a plain answer", "family": "openai",
       "request": {"method": "GET", "path": "/gw/ok"}, "expect": {"status": 200}},
      {"id": "conn.lengths", "summary": "two different lengths", "family": "openai",
       "request": {"method": "GET", "path": "/conflicting-length"}, "expect": {"status": 200}},
      {"id": "conn.head", "summary": "a status line, then a close", "family": "openai",
       "request": {"method": "GET", "path": "/status-then-close"}, "expect": {"status": 200}},
      {"id": "conn.br", "summary": "brotli that is not", "family": "openai",
       "request": {"method": "GET", "path": "/br-garbage", "headers": {"accept-encoding": "br"}}, "expect": {"status": 200}}
    ]
    """

  func scenarios(_ dir: String) -> String {
    Harness.write(Self.suite, to: dir + "/scenarios/conn.json")
    return dir + "/scenarios"
  }

  func report(_ dir: String) throws -> JSONValue {
    try JSONParser.parse(Array((Harness.read(dir + "/Reports/report.json") ?? "").utf8))
  }

  func scenario(_ report: JSONValue, _ id: String) -> JSONValue? {
    report["scenarios"]?.arrayValue?.first { $0["id"]?.stringValue == id }
  }

  @Test func throughAProxyWithRewritesAndTimings() async throws {
    let server = try await FaultServer.start()
    let dir = Harness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let log = dir + "/proxy.jsonl"
    let proxy = try await PythonPeer.start(script: "connect_proxy.py", arguments: ["--log", log])
    let credentialed = proxy.firstLine.replacingOccurrences(
      of: "http://", with: "http://puser:Pr0xyPa55-secret@")
    let r = try await Harness.run(
      [
        "run", "--target", "live", "--base-url", server.baseURL.absoluteString, "--verbose",
        "--rewrite-path", "/gw=", "--format", "console,json,markdown", scenarios(dir),
      ], in: dir, env: ["ANYINT_API_KEY": Self.key, "HTTP_PROXY": credentialed], timeout: 60)
    #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
    let report = try report(dir)
    #expect(report["target"]?["proxy"] == .string(proxy.firstLine))
    #expect(report["target"]?["insecure"] == false)
    #expect(report["target"]?["rewrites"] == [["from": "/gw", "to": ""]])
    let ok = try #require(scenario(report, "conn.ok"))
    #expect(ok["outcome"] == "passed", "\(ok)")
    #expect(ok["observed"]?["httpVersion"] == "1.1")
    let timings = try #require(ok["observed"]?["timings"]?.objectValue)
    #expect(Set(timings.keys) == ["dnsMs", "connectMs", "tlsMs", "firstByteMs", "totalMs"])
    let findings = ok["findings"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
    #expect(findings.contains("proxy-in-path"))
    let lengths = try #require(scenario(report, "conn.lengths"))
    #expect(
      lengths["findings"]?.arrayValue?.contains { $0["id"] == "conflicting-content-length" }
        == true,
      "\(lengths)")
    for id in ["conn.head", "conn.br"] {
      #expect(
        scenario(report, id)?["outcome"] == "errored", "\(id): \(scenario(report, id) ?? nil)")
    }
    // Traffic went through the proxy, with the path rewritten.
    let logged = Harness.read(log) ?? ""
    #expect(logged.contains(server.baseURL.absoluteString + "/ok\""), "\(logged)")
    #expect(r.stdout.contains("HTTP/1.1 · dns"), "--verbose shows the timings: \(r.stdout)")
    let markdown = Harness.read(dir + "/Reports/report.md") ?? ""
    #expect(markdown.contains("## Timings"))
    #expect(markdown.contains("via proxy `\(proxy.firstLine)`"))
    if let python = ProcessInfo.processInfo.environment["ANYINT_TEST_PYTHON"] {
      let out = try await ChildProcess.run([
        python, Harness.repoRoot + "/Tests/Support/schema_verdicts.py",
        Harness.repoRoot + "/scenarios/report.schema.json", dir + "/Reports/report.json",
      ])
      let verdicts = try JSONParser.parse([UInt8](out.stdout))
      #expect(verdicts[dir + "/Reports/report.json"] == "valid", "\(verdicts)")
    }
    // The proxy's password reaches nothing the run wrote.
    for text in [r.stdout, r.stderr, Harness.read(dir + "/Reports/report.json") ?? "", markdown] {
      #expect(!text.contains("Pr0xyPa55-secret"))
      #expect(!text.contains(Self.key))
    }
  }

  @Test func insecureIsWarnedAboutAndReported() async throws {
    let certs = try await TestCertificates.load()
    let server = try await FaultServer.start(tls: (certs.serverCertificate, certs.serverKey, nil))
    let dir = Harness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = scenarios(dir)
    let base = [
      "run", "--target", "live", "--base-url", server.baseURL.absoluteString, "--id", "conn.ok",
    ]
    let env = ["ANYINT_API_KEY": Self.key]
    // The suite's /gw prefix is rewritten away in each run.
    let refused = try await Harness.run(base + ["--rewrite-path", "/gw=", path], in: dir, env: env)
    #expect(refused.status == 1)
    #expect(
      scenario(try report(dir), "conn.ok")?["message"]?.stringValue?.contains("--cacert") == true)
    let trusted = try await Harness.run(
      base + ["--rewrite-path", "/gw=", "--cacert", certs.caCertificate, path], in: dir, env: env)
    #expect(trusted.status == 0, "\(trusted.stdout)\(trusted.stderr)")
    #expect(scenario(try report(dir), "conn.ok")?["observed"]?["timings"]?["tlsMs"] != nil)
    let insecure = try await Harness.run(
      base + ["--rewrite-path", "/gw=", "-k", path], in: dir, env: env)
    #expect(insecure.status == 0, "\(insecure.stdout)\(insecure.stderr)")
    #expect(insecure.stderr.contains("warning: -k/--insecure"))
    #expect(try report(dir)["target"]?["insecure"] == true)
  }

  @Test(arguments: [
    (["--cacert", "/no/such/ca.pem"], "--cacert '/no/such/ca.pem': no such file"),
    (["--key", "/etc/hostname"], "--key names the client certificate's key"),
    (["--proxy", "ftp://p:21"], "scheme 'ftp'"),
    (["--rewrite-path", "openai=/v1"], "--rewrite-path"),
    (["--http1.1", "--http2"], "not both"),
    (["--connect-timeout-ms", "0"], "--connect-timeout-ms takes a whole number"),
    (["--max-body-mb", "0"], "--max-body-mb takes a whole number"),
  ])
  func badConnectionOptionsExit2(_ options: [String], _ says: String) async throws {
    let dir = Harness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let r = try await Harness.run(
      ["run", "--target", "live", "--base-url", "http://127.0.0.1:9"] + options + [scenarios(dir)],
      in: dir, env: ["ANYINT_API_KEY": Self.key])
    #expect(r.status == 2)
    #expect(r.stderr.contains(says), "\(r.stderr)")
    #expect(!FileManager.default.fileExists(atPath: dir + "/Reports/report.json"))
  }

  @Test func connectionOptionsDoNotApplyToFixtures() async throws {
    for (command, options) in [
      (["run"], ["--proxy", "http://p:1"]), (["run"], ["-k"]),
      (
        ["diagnose", "--route", "/openai/v1/models", "--fixtures", "Fixtures"],
        ["--cacert", "x.pem"]
      ),
    ] {
      let r = try await Harness.run(command + options)
      #expect(r.status == 2, "\(command + options)")
      #expect(r.stderr.contains("only applies to"), "\(r.stderr)")
    }
  }

  @Test func withoutLibcurlLiveTargetsExit2WithOneLine() async throws {
    let dir = Harness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let r = try await Harness.run(
      ["run", "--target", "live", "--base-url", "http://127.0.0.1:9", scenarios(dir)], in: dir,
      env: ["ANYINT_API_KEY": Self.key, "ANYINT_LIBCURL": "/nonexistent/libcurl.so.4"])
    #expect(r.status == 2)
    let lines = r.stderr.split(separator: "\n")
    #expect(lines.count == 1, "\(r.stderr)")
    #expect(
      r.stderr.hasPrefix("error: live targets need libcurl: cannot load libcurl"), "\(r.stderr)")
    // Offline runs never load it.
    let offline = try await Harness.run(
      ["run", "--format", "console", "--quiet"],
      env: ["ANYINT_LIBCURL": "/nonexistent/libcurl.so.4"])
    #expect(offline.status == 0, "\(offline.stderr)")
  }

  @Test func recordAndDiagnoseTakeTheOptions() async throws {
    let server = try await FaultServer.start()
    let dir = Harness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let record = try await Harness.run(
      [
        "record", "--base-url", server.baseURL.absoluteString, "--rewrite-path", "/gw=", "--id",
        "conn.ok",
        "--fixtures", dir + "/recorded", "--connect-timeout-ms", "5000", "--http1.1",
        scenarios(dir),
      ], in: dir, env: ["ANYINT_API_KEY": Self.key])
    #expect(record.status == 0, "\(record.stdout)\(record.stderr)")
    #expect(try report(dir)["target"]?["rewrites"] == [["from": "/gw", "to": ""]])
    let diagnose = try await Harness.run(
      [
        "diagnose", "--route", "/openai/v1/models", "--base-url", server.baseURL.absoluteString,
        "--rewrite-path", "/openai/v1/models=/ok", "--max-body-mb", "1",
      ], in: dir, env: ["ANYINT_API_KEY": Self.key])
    #expect([0, 1].contains(diagnose.status), "\(diagnose.stderr)")
    #expect(diagnose.stdout.contains("200"), "the rewritten route answered: \(diagnose.stdout)")
  }

  /// `--proxy` credentials on the command line (both spellings) are used but reach no output and no report, also
  /// when the proxy is dead (it is named, without them) and when the option is refused.
  @Test func proxyCredentialsOnTheCommandLineAreNeverShown() async throws {
    let dir = Harness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let password = "Pr0xyPw-c4nary-7731"
    let dead = try await Harness.run(
      [
        "run", "--target", "live", "--base-url", "http://127.0.0.1:9", "--id", "conn.ok",
        "--proxy", "http://puser:\(password)@127.0.0.1:9", "--format", "console,json,markdown",
        scenarios(dir),
      ], in: dir, env: ["ANYINT_API_KEY": Self.key])
    #expect(dead.status == 1, "\(dead.stdout)\(dead.stderr)")
    let report = try report(dir)
    #expect(report["target"]?["proxy"] == "http://127.0.0.1:9")
    let message = scenario(report, "conn.ok")?["message"]?.stringValue ?? ""
    #expect(message.contains("the proxy http://127.0.0.1:9 (from --proxy) refused"), "\(message)")
    let refused = try await Harness.run(
      [
        "run", "--target", "live", "--base-url", "http://127.0.0.1:9",
        "--proxy=ftp://puser:\(password)@p:21", scenarios(dir),
      ], in: dir, env: ["ANYINT_API_KEY": Self.key])
    #expect(refused.status == 2)
    #expect(refused.stderr.contains("scheme 'ftp'"), "\(refused.stderr)")
    for text in [
      dead.stdout, dead.stderr, refused.stdout, refused.stderr,
      Harness.read(dir + "/Reports/report.json") ?? "",
      Harness.read(dir + "/Reports/report.md") ?? "",
    ] {
      #expect(!text.contains(password))
    }
  }
}
