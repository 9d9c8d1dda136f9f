import ConformanceCore
import Foundation
import TestSupport
import Testing

/// `check-client` and `mock serve --contract --client-report` judging real clients: the official openai and
/// anthropic Python SDKs (from the venv `.ci/run` makes; ANYINT_TEST_PYTHON) as apps call them, with and
/// without injected faults, and hand-written clients (standard library only) that break rules on purpose.
/// Rules are judged from recorded timestamps; the faults' waits (Retry-After 1 s, SDK backoff) leave wide
/// margins, and a busy machine can only lengthen a wait, never shorten it.
///
/// Not serialized: most of each test is waiting out the SDKs' backoff and Retry-After, and each test has its
/// own report directory, ports (0) and child processes, so they wait side by side.
@Suite(.timeLimit(.minutes(5)))
struct CheckClientTests {
  static let sdkPython = ProcessInfo.processInfo.environment["ANYINT_TEST_PYTHON"]
  /// Any Python 3 runs the standard-library clients.
  static let python =
    sdkPython
    ?? ["/usr/bin/python3", "/usr/local/bin/python3"].first {
      FileManager.default.isExecutableFile(atPath: $0)
    }
  static let clients = Harness.repoRoot + "/Tests/Support/clients/"

  struct Judged {
    var status: Int32
    var report: JSONValue
    var output: String
    var stdout: String
    var markdown: String
    /// The report's verdict from scenarios/client-report.schema.json (`valid` when it fits).
    var schemaVerdict: String?

    func rule(_ id: String) -> String? {
      report["rules"]?.arrayValue?.first { $0["id"]?.stringValue == id }?["status"]?.stringValue
    }

    func violations(_ id: String) -> [JSONValue] {
      report["rules"]?.arrayValue?.first { $0["id"]?.stringValue == id }?["violations"]?.arrayValue
        ?? []
    }

    var broken: Set<String> {
      Set(
        (report["rules"]?.arrayValue ?? []).filter { $0["status"] == "broken" }.compactMap {
          $0["id"]?.stringValue
        })
    }

    /// What the client printed as its own JSON line: {"ok": [...], "errors": [...]}.
    var client: JSONValue? {
      stdout.split(separator: "\n").first { $0.hasPrefix("{") }.flatMap {
        try? JSONParser.parse(String($0))
      }
    }
  }

  /// Runs `check-client OPTIONS -- python CLIENT ARGS` and reads the reports it wrote.
  static func check(
    _ options: [String], _ client: String, _ args: [String] = [], python: String? = sdkPython
  ) async throws -> Judged {
    let dir = Harness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let r = try await Harness.run(
      ["check-client", "--report-dir", dir] + options + [
        "--", python ?? "python3", clients + client,
      ]
        + args, in: dir, env: ["ANYINT_API_KEY": "sk-check-client-0123456789"])
    let json = try #require(Harness.read(dir + "/client-report.json"), "\(r.stderr)")
    var verdict: String?
    if let python = Self.sdkPython {
      let out = try await ChildProcess.run([
        python, Harness.repoRoot + "/Tests/Support/schema_verdicts.py",
        Harness.repoRoot + "/scenarios/client-report.schema.json", dir + "/client-report.json",
      ])
      verdict =
        (try? JSONParser.parse([UInt8](out.stdout)))?[dir + "/client-report.json"]?
        .stringValue
    }
    return Judged(
      status: r.status, report: try JSONParser.parse(json), output: r.stdout + r.stderr,
      stdout: r.stdout, markdown: Harness.read(dir + "/client-report.md") ?? "",
      schemaVerdict: verdict)
  }

  // MARK: the README

  /// README's walkthrough: its my_app.py, run as shown, prints what the README shows (times aside) and writes
  /// the two report files.
  @Test(.enabled(if: sdkPython != nil, "needs ANYINT_TEST_PYTHON with the SDKs"))
  func theReadmeWalkthroughIsWhatHappens() async throws {
    let readme = Harness.read(Harness.repoRoot + "/README.md") ?? ""
    func block(_ name: String) throws -> String {
      let start = try #require(readme.range(of: "<!-- \(name):start -->\n"))
      let end = try #require(readme.range(of: "<!-- \(name):end -->"))
      let fenced = readme[start.upperBound..<end.lowerBound].split(
        separator: "\n", omittingEmptySubsequences: false)
      return fenced.dropFirst().prefix { $0 != "```" }.joined(separator: "\n") + "\n"
    }
    let dir = Harness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    Harness.write(try block("my_app"), to: dir + "/my_app.py")
    let bin = URL(fileURLWithPath: Self.sdkPython ?? "python3").deletingLastPathComponent().path
    let r = try await Harness.run(
      ["check-client", "--", "python3", "my_app.py"], in: dir,
      env: ["PATH": bin + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin")])
    func normalised(_ text: String) -> String {
      // Times are the machine's: 512 ms here, 12 s on a busy one.
      text.replacingOccurrences(of: #"\d+ m?s\b"#, with: "N ms", options: .regularExpression)
    }
    #expect(r.status == 1, "\(r.stderr)")
    #expect(normalised(r.stdout) == normalised(try block("walkthrough")))
    #expect(FileManager.default.fileExists(atPath: dir + "/Reports/client-report.json"))
    #expect(FileManager.default.fileExists(atPath: dir + "/Reports/client-report.md"))
  }

  // MARK: the official SDKs

  @Test(.enabled(if: sdkPython != nil, "needs ANYINT_TEST_PYTHON with the openai SDK"))
  func anOpenAIAppGetsAnswersAndKeepsTheRules() async throws {
    let j = try await Self.check([], "openai_app.py", ["--unknown-model"])
    let ok = j.client?["ok"]?.arrayValue?.compactMap(\.stringValue) ?? []
    #expect(ok.count == 11, "\(j.output)")
    #expect(j.client?["errors"] == ["unknown_model: NotFoundError"], "\(j.output)")
    #expect(j.status == 0, "\(j.output)")
    #expect(j.rule("auth-header") == "held")
    // The SDK does not retry a 404 for a model: the rule was exercised and held.
    #expect(j.rule("no-retry-client-error") == "held")
    #expect(j.rule("anthropic-version") == "not exercised")
    #expect(j.report["command"]?["exitStatus"] == 0)
    #expect(j.report["verdict"] == "held")
    #expect(j.schemaVerdict == "valid")
    // The judgement in all three forms.
    #expect(j.markdown.contains("| `auth-header` | ✅ held |"))
    #expect(j.stdout.contains("client judgement: ") && j.stdout.contains("auth-header"))
  }

  @Test(.enabled(if: sdkPython != nil, "needs ANYINT_TEST_PYTHON with the anthropic SDK"))
  func anthropicSDKDefaultHeadersBreakAuthHeaderWithTheDocumentedFix() async throws {
    let j = try await Self.check([], "anthropic_app.py", ["default"])
    #expect(j.status == 1, "\(j.output)")
    #expect(j.broken == ["auth-header", "anthropic-version"], "\(j.output)")
    let auth = try #require(j.violations("auth-header").first)
    #expect(auth["message"]?.stringValue?.hasPrefix("header-mismatch") == true)
    let fix = auth["fix"]?.stringValue ?? ""
    #expect(fix.contains("send x-api-key: <key> (with anthropic-version: 2023-06-01)"), "\(fix)")
    #expect(fix.contains(#""Authorization": anthropic.Omit()"#), "\(fix)")
    #expect(
      j.violations("anthropic-version").first?["message"]?.stringValue?.hasPrefix(
        "unknown-anthropic-version") == true)
    // The SDK raises AuthenticationError and does not retry the 401.
    #expect(j.rule("no-retry-client-error") == "held")
    #expect(j.client?["ok"] == [])
    #expect(j.report["command"]?["exitStatus"] == 0)
  }

  @Test(.enabled(if: sdkPython != nil, "needs ANYINT_TEST_PYTHON with the anthropic SDK"))
  func anthropicSDKWithTheDocumentedHeadersHolds() async throws {
    let j = try await Self.check([], "anthropic_app.py", ["documented"])
    #expect(j.client?["ok"]?.arrayValue?.count == 5, "\(j.output)")
    #expect(j.status == 0, "\(j.output)")
    #expect(j.rule("auth-header") == "held" && j.rule("anthropic-version") == "held")
  }

  /// google-genai sends its key in x-goog-api-key: broken on auth-header with the fix; with the documented
  /// Bearer header its generate, stream, JSON, function-call and chat requests are answered.
  @Test(.enabled(if: sdkPython != nil, "needs ANYINT_TEST_PYTHON with the google-genai SDK"))
  func googleGenAIIsJudgedOnItsHeaderFamily() async throws {
    let plain = try await Self.check([], "gemini_app.py", ["default"])
    #expect(plain.broken == ["auth-header"], "\(plain.output)")
    let fix = plain.violations("auth-header").first?["fix"]?.stringValue ?? ""
    #expect(
      fix.contains("send Authorization: Bearer <key>") && fix.contains("google-genai"), "\(fix)")
    let bearer = try await Self.check([], "gemini_app.py", ["bearer"])
    #expect(bearer.client?["ok"]?.arrayValue?.count == 5, "\(bearer.output)")
    #expect(bearer.status == 0 && bearer.rule("auth-header") == "held", "\(bearer.output)")
  }

  /// Both SDKs honour Retry-After on 429 and back off on 503/529 with at most 3 attempts: the faults the
  /// first two copies get are retried and the third copy succeeds.
  @Test(
    .enabled(if: sdkPython != nil, "needs ANYINT_TEST_PYTHON with the SDKs"),
    arguments: [
      (["--inject", "rate-limit", "--inject-first", "2"], "rate-limit-backoff"),
      (["--inject", "upstream", "--inject-first", "2"], "upstream-backoff"),
      (["--inject", "overloaded", "--inject-first", "2"], "upstream-backoff"),
    ])
  func theSDKsRetryInjectedFaultsAsDocumented(_ options: [String], _ rule: String) async throws {
    let j = try await Self.check(options + ["--seed", "1"], "sdk_retries.py")
    #expect(j.client?["errors"] == [], "\(j.output)")
    #expect(j.status == 0, "\(j.output)")
    #expect(j.rule(rule) == "held", "\(j.output)")
    #expect(j.rule("bounded-retries") == "held")
  }

  /// A fault on every copy: the SDKs give up after 2 retries (3 attempts) and raise; still within the bound.
  /// A cut stream is raised, not retried; a reset connection is retried.
  @Test(.enabled(if: sdkPython != nil, "needs ANYINT_TEST_PYTHON with the SDKs"))
  func theSDKsGiveUpWithinTheBoundAndDoNotRetryCutStreams() async throws {
    let always = try await Self.check(["--inject", "upstream"], "sdk_retries.py")
    #expect(always.client?["ok"] == [], "\(always.output)")
    #expect(always.report["summary"]?["requests"] == 12, "\(always.output)")
    #expect(always.rule("bounded-retries") == "held" && always.rule("upstream-backoff") == "held")
    #expect(always.status == 0)

    let cut = try await Self.check(
      ["--inject", "cut-stream", "--inject", "reset", "--inject-first", "1"], "sdk_retries.py")
    let ok = cut.client?["ok"]?.arrayValue?.compactMap(\.stringValue) ?? []
    #expect(ok == ["openai_chat", "anthropic_message"], "\(cut.output)")
    let faults = (cut.report["requests"]?.arrayValue ?? []).compactMap { $0["fault"]?.stringValue }
    #expect(faults.sorted() == ["cut-stream", "cut-stream", "reset", "reset"], "\(cut.output)")
    #expect(cut.report["summary"]?["requests"] == 6, "\(cut.output)")
    #expect(cut.status == 0)
  }

  // MARK: hand-written clients

  @Test(.enabled(if: python != nil, "needs python3"))
  func aNaiveClientIsBrokenOnExactlyItsMistakes() async throws {
    let j = try await Self.check(
      ["--inject", "rate-limit", "--inject-first", "3", "--task-ms", "60000"], "naive_client.py",
      python: Self.python)
    #expect(j.status == 1, "\(j.output)")
    #expect(
      j.broken == ["no-retry-client-error", "rate-limit-backoff", "poll-not-recreate"],
      "\(j.output)")
    #expect(j.rule("auth-header") == "held" && j.rule("bounded-retries") == "held")
    for id in j.broken {
      for v in j.violations(id) {
        #expect(v["fix"]?.stringValue?.isEmpty == false)
        #expect((v["requests"]?.arrayValue?.count ?? 0) >= 2)
      }
    }
    #expect(j.report["command"]?["exitStatus"] == 0)
    #expect(j.markdown.contains("### ❌ `poll-not-recreate`"))
    if Self.sdkPython != nil { #expect(j.schemaVerdict == "valid") }
  }

  @Test(.enabled(if: python != nil, "needs python3"))
  func aMusicAppThatPollsAndAcknowledgesHolds() async throws {
    let j = try await Self.check(["--task-ms", "2500"], "music_app.py", python: Self.python)
    #expect(j.client?["callbacks"] == ["text", "first", "complete", "complete"], "\(j.output)")
    #expect(j.status == 0, "\(j.output)")
    for rule in ["poll-not-recreate", "poll-interval", "callback-ack"] {
      #expect(j.rule(rule) == "held", "\(rule): \(j.output)")
    }
  }

  @Test(.enabled(if: python != nil, "needs python3"))
  func pollingTooFastAndRefusingCallbacksAreBroken() async throws {
    let j = try await Self.check(
      ["--task-ms", "2500"], "music_app.py", ["--poll-ms", "100", "--callback-status", "500"],
      python: Self.python)
    #expect(j.status == 1, "\(j.output)")
    #expect(j.broken == ["poll-interval", "callback-ack"], "\(j.output)")
    #expect(j.rule("poll-not-recreate") == "held")
    #expect(j.report["summary"]?["callbacks"] == 4)
    if Self.sdkPython != nil { #expect(j.schemaVerdict == "valid") }
  }

  @Test(.enabled(if: python != nil, "needs python3"))
  func anImmediateRetryLoopBreaksBackoffAndTheBound() async throws {
    let j = try await Self.check(
      ["--inject", "upstream"], "retrier.py", ["8", "0"], python: Self.python)
    #expect(j.status == 1, "\(j.output)")
    #expect(j.broken == ["upstream-backoff", "bounded-retries"], "\(j.output)")
    #expect(
      j.violations("bounded-retries").first?["message"]?.stringValue?.contains("8 times") == true)
  }

  // MARK: mock serve --client-report

  /// The official SDKs against `mock serve --contract --client-report`, stopped with SIGTERM.
  @Test(.enabled(if: sdkPython != nil, "needs ANYINT_TEST_PYTHON with the SDKs"))
  func mockServeJudgesTheClientsItServed() async throws {
    let dir = Harness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let key = "sk-mock-serve-judge-0123456789"
    let server = try await MockServeProcess(
      arguments: ["--contract", "--client-report", dir + "/judged"], env: ["ANYINT_API_KEY": key])
    let env = [
      "OPENAI_BASE_URL": server.url + "/openai/v1", "ANTHROPIC_BASE_URL": server.url + "/anthropic",
      "OPENAI_API_KEY": key, "ANTHROPIC_API_KEY": key, "ANYINT_API_KEY": key,
      "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin",
    ]
    for (client, args) in [("openai_app.py", [String]()), ("anthropic_app.py", ["default"])] {
      _ = try await ChildProcess.run(
        [Self.sdkPython ?? "python3", Self.clients + client] + args, environment: env)
    }
    #expect(await server.stop() == 1)
    let report = try JSONParser.parse(
      try #require(Harness.read(dir + "/judged/client-report.json")))
    let rules = report["rules"]?.arrayValue ?? []
    #expect(rules.first { $0["id"] == "auth-header" }?["status"] == "broken")
    #expect(report["twin"]?["mode"] == "contract")
    #expect(report["command"] == .null)
    #expect(
      Harness.read(dir + "/judged/client-report.md")?.contains("AnyInt client judgement") == true)
    // The key never reaches the report.
    #expect(Harness.read(dir + "/judged/client-report.json")?.contains(key) == false)
  }

  /// Fault injection works on a fixture set too: the first copy of a recorded request gets 503.
  @Test(.enabled(if: python != nil, "needs python3"))
  func faultsAreInjectedIntoFixtureAnswers() async throws {
    let key = "sk-fixture-faults-0123456789"
    let server = try await MockServeProcess(
      arguments: ["--inject", "upstream", "--inject-first", "1"], env: ["ANYINT_API_KEY": key])
    defer { server.terminate() }
    let script = """
      import urllib.request, urllib.error, sys
      def get():
          r = urllib.request.Request(sys.argv[1] + "/openai/v1/models", headers={"Authorization": "Bearer " + sys.argv[2]})
          try:
              return urllib.request.urlopen(r).status
          except urllib.error.HTTPError as e:
              return e.code
      print(get(), get())
      """
    let out = try await ChildProcess.run([Self.python ?? "python3", "-c", script, server.url, key])
    #expect(String(decoding: out.stdout, as: UTF8.self) == "503 200\n")
  }

  // MARK: bad input

  @Test func badInputIsRefusedWithExitTwoAndNothingWritten() async throws {
    let dir = Harness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let reports = dir + "/reports"
    Harness.write("[1, 2]", to: dir + "/models.json")
    let cases: [([String], String)] = [
      ([], "needs the client to run after '--'"),
      (["--", "no-such-command-anywhere"], "cannot run 'no-such-command-anywhere'"),
      (["--inject", "bogus", "--", "true"], "unknown fault 'bogus'"),
      (["--inject", "quota:1.5", "--", "true"], "RATE must be a fraction"),
      (["--models", dir + "/models.json", "--", "true"], "$[0] must be a model id"),
      (["--seed", "3", "--", "true"], "add --inject"),
      (["--max-attempts", "0", "--", "true"], "--max-attempts takes a whole number"),
    ]
    for (args, message) in cases {
      let r = try await Harness.run(["check-client", "--report-dir", reports] + args, in: dir)
      #expect(r.status == 2, "\(args): \(r.stderr)")
      #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
      #expect(!FileManager.default.fileExists(atPath: reports), "\(args)")
    }
    let serve = try await Harness.run(["mock", "serve", "--max-attempts", "3"], in: dir)
    #expect(serve.status == 2 && serve.stderr.contains("add --client-report"))
  }

  /// COMMAND's exit status is reported, not the verdict; `true` sends nothing and every rule is unexercised.
  @Test func theCommandsExitStatusIsReportedNotUsed() async throws {
    let dir = Harness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let r = try await Harness.run(["check-client", "--report-dir", dir, "--", "false"], in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    let report = try JSONParser.parse(try #require(Harness.read(dir + "/client-report.json")))
    #expect(report["command"]?["exitStatus"] == 1)
    #expect(report["verdict"] == "not exercised")
    #expect(r.stdout.contains("the client sent no requests to the twin"))
  }
}
