import ConformanceCore
import Foundation
import Testing

@testable import ConformanceReports

/// A fixed run with one of each outcome, for golden files.
func sampleRun() -> RunResult {
  let file = SourceRef(file: "scenarios/openai/auth.json", line: 1, column: 1)
  var passed = ScenarioResult(
    id: "openai.models.ok", summary: "Models list answers 200", tags: ["smoke", "models"],
    family: .openai, source: file, outcome: .passed, durationMs: 1.25
  )
  passed.request = RequestSummary(
    method: "GET", target: "/openai/v1/models", auth: .bearer, key: .valid,
    headers: [.init(name: "authorization", value: "<valid key>")], bodyBytes: 0)
  passed.observed = Observed(
    status: 200, envelope: .none, error: nil,
    headers: [.init(name: "content-type", value: "application/json")], latencyMs: 1.1,
    firstByteMs: 1.0,
    bodyBytes: 42, bodyExcerpt: "{}")
  passed.situation = .success
  passed.classificationReason = "HTTP 200"

  var failed = ScenarioResult(
    id: "anthropic.messages.bearer", summary: "Bearer on an Anthropic route is refused <&>",
    tags: ["auth"], family: .anthropic,
    source: SourceRef(file: "scenarios/anthropic/bearer.json", line: 1, column: 1),
    outcome: .failed, durationMs: 2.5)
  failed.request = RequestSummary(
    method: "POST", target: "/anthropic/v1/messages", auth: .bearer, key: .valid, headers: [],
    bodyBytes: 80)
  failed.observed = Observed(
    status: 200, envelope: .none, error: nil, headers: [], latencyMs: 2.4, firstByteMs: nil,
    bodyBytes: 10, bodyExcerpt: nil)
  failed.situation = .success
  failed.failures = [
    CheckFailure(
      check: "status", expected: "401", actual: "200",
      ref: SourceRef(file: "scenarios/anthropic/bearer.json", line: 14, column: 15)),
    CheckFailure(
      check: "situation", expected: "invalid-api-key", actual: "success",
      ref: SourceRef(file: "scenarios/anthropic/bearer.json", line: 17, column: 18),
      note: "a | pipe"),
  ]

  var errored = ScenarioResult(
    id: "openai.chat.ok", summary: "Chat answers", tags: [], family: .openai,
    source: SourceRef(file: "scenarios/openai/chat.json", line: 2, column: 3),
    outcome: .errored, durationMs: 0.5)
  errored.message =
    "no fixture answers POST /openai/v1/chat/completions (auth bearer, key valid); nearest is \"x\""
  errored.faultKind = .noFixture

  var limited = ScenarioResult(
    id: "openai.chat.rate-limited", summary: "429 says later", tags: [], family: .openai,
    source: file, outcome: .passed, durationMs: 3)
  limited.observed = Observed(
    status: 429, envelope: .openai,
    error: ErrorInfo(
      type: "rate_limit_error", code: "rate_limit_exceeded", message: "Rate limit exceeded"),
    headers: [.init(name: "retry-after", value: "2")],
    latencyMs: 3, firstByteMs: 3, bodyBytes: 99, bodyExcerpt: nil)
  limited.situation = .rateLimited
  limited.attempts = [
    Attempt(status: 429, situation: .rateLimited, delayMs: 2000),
    Attempt(status: 429, situation: .rateLimited, delayMs: 0),
  ]
  var run = RunResult(
    target: TargetInfo(kind: "fixtures", fixtures: "Fixtures"),
    startedAt: Date(timeIntervalSince1970: 1_800_000_000), durationMs: 12.3456,
    scenarios: [passed, failed, errored, limited])
  run.runId = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
  return run
}

@Suite struct ReportTests {
  @Test func jsonReportMatchesGolden() {
    GoldenFile.check(
      String(decoding: JSONReport.render(sampleRun()), as: UTF8.self), named: "report.json")
  }

  @Test func junitReportMatchesGolden() {
    GoldenFile.check(
      String(decoding: JUnitReport.render(sampleRun()), as: UTF8.self), named: "junit.xml")
  }

  @Test func markdownReportMatchesGolden() {
    GoldenFile.check(MarkdownReport.render(sampleRun()), named: "report.md")
  }

  @Test func consoleReportMatchesGolden() {
    GoldenFile.check(
      ConsoleReport(style: ConsoleStyle(color: false)).render(sampleRun()), named: "console.txt")
  }

  @Test func githubAnnotationsMatchGolden() {
    GoldenFile.check(GitHubReport.render(sampleRun()), named: "github.txt")
  }

  /// One annotation per failed check at the expectation's line, one per errored scenario; messages and
  /// properties escaped so a newline, `:` or `,` cannot end or split the command.
  @Test func githubAnnotationsPointAtTheExpectationAndEscape() {
    let lines = GitHubReport.render(sampleRun()).split(separator: "\n").map(String.init)
    #expect(lines.filter { $0.hasPrefix("::error ") }.count == 3)
    #expect(
      lines.contains {
        $0.hasPrefix(
          "::error file=scenarios/anthropic/bearer.json,line=14,col=15,title=anthropic.messages.bearer%3A "
        )
          && $0.hasSuffix("::status: expected 401, actual 200")
      }, "\(lines)")
    #expect(lines.allSatisfy { $0.hasPrefix("::") })
    #expect(GitHubReport.escapeProperty("a:b,c%\nd") == "a%3Ab%2Cc%25%0Ad")
  }

  /// `report merge --format github` annotates from report.json alone: the reader keeps every source position.
  @Test func githubAnnotationsSurviveAReportJSONRoundTrip() throws {
    let back = try JSONReportReader.read(JSONReport.render(sampleRun()), file: "report.json")
    #expect(GitHubReport.render(back) == GitHubReport.render(sampleRun()))
  }

  @Test func jsonReportHasTheV1Fields() throws {
    let v = try JSONParser.parse(JSONReport.render(sampleRun()))
    #expect(v["tool"]?["name"] == "anyint-conformance")
    #expect(v["target"]?["kind"] == "fixtures")
    #expect(v["target"]?["baseURL"] == .null)
    #expect(v["startedAt"] == "2027-01-15T08:00:00Z")
    #expect(v["summary"] == ["total": 4, "passed": 2, "failed": 1, "errored": 1, "skipped": 0])
    let s = try #require(v["scenarios"]?.arrayValue)
    let failures = try #require(s[1]["failures"]?.arrayValue)
    #expect(
      failures[0] == [
        "check": "status", "expected": "401", "actual": "200",
        "source": "scenarios/anthropic/bearer.json:14:15",
      ])
    #expect(s[3]["retry"] == "later")
    #expect(s[3]["guidance"] == "Use exponential backoff or reduce concurrency.")
    #expect(
      s[3]["observed"]?["error"] == [
        "type": "rate_limit_error", "code": "rate_limit_exceeded", "param": nil,
        "message": "Rate limit exceeded",
      ])
    #expect(s[3]["attempts"]?.arrayValue?.count == 2)
    #expect(s[2]["observed"] == .null)
    #expect(s[2]["outcome"] == "errored")
    for key in [
      "id", "summary", "outcome", "durationMs", "observed", "situation", "retry", "guidance",
      "diagnoses", "failures", "attempts", "steps",
    ] {
      #expect(s[0][key] != nil, "missing \(key)")
    }
  }

  /// Report v1 writes timings as whole milliseconds (`"durationMs": 12`), never `12.346`.
  @Test func jsonTimingsAreWholeMilliseconds() throws {
    let text = String(decoding: JSONReport.render(sampleRun()), as: UTF8.self)
    let v = try JSONParser.parse(Array(text.utf8))
    #expect(v["durationMs"] == 12)
    let s = try #require(v["scenarios"]?.arrayValue)
    for (i, scenario) in s.enumerated() {
      let d = try #require(scenario["durationMs"]?.numberValue)
      #expect(d == d.rounded(), "scenario \(i) durationMs \(d)")
    }
    for line in text.split(separator: "\n") where line.contains("Ms\"") {
      #expect(!line.contains("."), "fractional timing: \(line)")
    }
  }

  @Test func consoleColoursOnlyWhenAsked() {
    let run = sampleRun()
    #expect(!ConsoleReport(style: ConsoleStyle(color: false)).render(run).contains("\u{1B}["))
    #expect(ConsoleReport(style: ConsoleStyle(color: true)).render(run).contains("\u{1B}[31m"))
    #expect(ConsoleStyle.detect(isTTY: true, environment: [:]))
    #expect(!ConsoleStyle.detect(isTTY: false, environment: [:]))
    #expect(!ConsoleStyle.detect(isTTY: true, environment: ["NO_COLOR": "1"]))
    #expect(ConsoleStyle.detect(isTTY: true, environment: ["NO_COLOR": ""]))
    #expect(!ConsoleStyle.detect(isTTY: true, environment: ["TERM": "dumb"]))
    let last = ConsoleReport(style: ConsoleStyle()).render(run).split(separator: "\n").last.map(
      String.init)
    #expect(last?.hasPrefix("2 passed, 1 failed, 1 errored") == true)
  }

  @Test func xmlEscapingCoversSpecialAndIllegalCharacters() {
    #expect(
      XML.escape("<a href=\"x\">&'</a>") == "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;")
    #expect(XML.escape("bell\u{07}tab\t") == "bell\u{FFFD}tab\t")
  }

  @Test func timesArePlainDecimals() {
    #expect(Wording.seconds(12.3456) == "0.012")
    #expect(Wording.seconds(1500) == "1.500")
    #expect(Wording.seconds(0) == "0.000")
  }
}

@Suite struct ReportDirectoryTests {
  @Test func writesEveryFileAndLeavesNoTemporaryFiles() throws {
    let dir = NSTemporaryDirectory() + "reports-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let written = try ReportDirectory.write(
      sampleRun(), formats: [.console, .json, .markdown, .github], to: dir + "/nested",
      redactor: Redactor(secrets: [Secret]()))
    #expect(written == [dir + "/nested/report.json", dir + "/nested/report.md"])
    let names = try FileManager.default.contentsOfDirectory(atPath: dir + "/nested").sorted()
    #expect(names == ["report.json", "report.md"])
    try ReportDirectory.writeAtomically(
      Redactor(secrets: [Secret]()).redact("[1]"), to: dir + "/nested/report.json")
    #expect(try String(contentsOfFile: dir + "/nested/report.json", encoding: .utf8) == "[1]")
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/nested").count == 2)
  }

  @Test func claimingCreatesMissingPartsAndReleasingLeavesNothing() throws {
    let base = NSTemporaryDirectory() + "claim-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: base) }
    for dir in [base + "/a/b", base + "/x", base + "/q/e/"] {
      let lock = try ReportLock.claim(dir)
      #expect(
        try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty, "the claim adds no file")
      lock.release()
      lock.release()
      #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }
  }

  /// Issue 11, case 2: every path is refused before anything is sent, with a reason, never a trap.
  @Test(arguments: [
    ("", "the path is empty"), ("/proc/anyint-reports", "cannot create /proc/anyint-reports"),
    ("/proc/self", "cannot create files in it"),
    (String(repeating: "n", count: 300), "300 bytes long"),
    ("/tmp/" + String(repeating: "d/", count: 2100), "bytes long"), ("a\u{0}b", "NUL"),
  ])
  func badDirectoriesAreRefused(_ dir: String, _ reason: String) {
    #expect {
      try ReportLock.claim(dir)
    } throws: { error in
      "\(error)".contains(reason)
    }
  }

  @Test func aFileInTheWayIsRefused() throws {
    let base = NSTemporaryDirectory() + "blocked-\(UUID().uuidString)"
    _ = FileManager.default.createFile(atPath: base, contents: Data("x".utf8))
    defer { try? FileManager.default.removeItem(atPath: base) }
    #expect(throws: ReportDirectory.WriteError.self) { try ReportLock.claim(base) }
    #expect(throws: ReportDirectory.WriteError.self) { try ReportLock.claim(base + "/sub") }
  }

  /// Issue 11, case 3: a second run into the same directory is refused naming the PID of the first.
  @Test func aSecondClaimIsRefusedNamingThePID() throws {
    let dir = NSTemporaryDirectory() + "locked-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let first = try ReportLock.claim(dir)
    #expect {
      try ReportLock.claim(dir)
    } throws: { error in
      "\(error)".contains("another anyint-conformance run (PID \(getpid())) is writing reports")
    }
    first.release()
    try ReportLock.claim(dir).release()
  }

  /// Issue 11, case 3: temporary files of dead processes go at the next claim; a live writer's stay.
  @Test func staleTemporaryFilesAreRemoved() throws {
    let dir = NSTemporaryDirectory() + "stale-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let dead = ".report.json.2147483646.tmp"
    let live = ".junit.xml.\(getppid()).tmp"
    for name in [dead, live, "keep.tmp", ".other"] {
      _ = FileManager.default.createFile(atPath: dir + "/" + name, contents: Data("x".utf8))
    }
    try ReportLock.claim(dir).release()
    let names = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
    #expect(names == [".other", live, "keep.tmp"].sorted())
  }

  @Test func failsClearlyWhenTheDirectoryCannotBeMade() {
    let blocker = NSTemporaryDirectory() + "blocker-\(UUID().uuidString)"
    _ = FileManager.default.createFile(atPath: blocker, contents: Data("x".utf8))
    defer { try? FileManager.default.removeItem(atPath: blocker) }
    #expect(throws: ReportDirectory.WriteError.self) {
      try ReportDirectory.write(
        sampleRun(), formats: [.json], to: blocker + "/sub", redactor: Redactor(secrets: [Secret]())
      )
    }
  }
}
