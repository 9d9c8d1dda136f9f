import ConformanceCore
import Foundation
import Testing

@testable import ConformanceReports

/// Two runs that differ in every way `report diff` reports, for the golden files.
enum DiffSamples {
  static func scenario(
    _ id: String, _ outcome: String, status: Int? = 200, situation: String? = "success",
    retry: String? = nil, latency: Double = 10, path: String = "/openai/v1/models",
    method: String = "GET", findings: [String] = [], diagnoses: [String] = [],
    steps: String = "[]"
  ) -> String {
    let observed =
      status.map {
        #"{"status": \#($0), "envelope": "none", "error": null, "latencyMs": \#(latency)}"#
      }
      ?? "null"
    func notes(_ ids: [String]) -> String {
      "[" + ids.map { #"{"id": "\#($0)", "message": "m"}"# }.joined(separator: ", ") + "]"
    }
    return #"""
      {"id": "\#(id)", "summary": "s", "outcome": "\#(outcome)", "durationMs": 1,
       "request": {"method": "\#(method)", "target": "\#(path)", "auth": "bearer", "key": "valid"},
       "observed": \#(observed),
       "situation": \#(situation.map { "\"\($0)\"" } ?? "null"), "retry": \#(retry.map { "\"\($0)\"" } ?? "null"),
       "diagnoses": \#(notes(diagnoses)), "findings": \#(notes(findings)), "failures": [], "attempts": [],
       "steps": \#(steps)}
      """#
  }

  static func report(_ scenarios: [String], startedAt: String = "2026-11-25T12:00:00Z") -> String {
    #"""
    {"tool": {"name": "anyint-conformance", "version": "0.1.0"}, "reportVersion": 1,
     "target": {"kind": "fixtures", "baseURL": null}, "startedAt": "\#(startedAt)", "durationMs": 12,
     "summary": {"total": \#(scenarios.count), "passed": 0, "failed": 0, "errored": 0, "skipped": 0},
     "scenarios": [\#(scenarios.joined(separator: ",\n"))]}
    """#
  }

  static let base = report([
    scenario("chat.ok", "passed", path: "/openai/v1/chat/completions", method: "POST"),
    scenario("chat.stream", "passed", path: "/openai/v1/chat/completions", method: "POST"),
    scenario("models.ok", "passed", latency: 100),
    scenario("models.bad-key", "passed", status: 401, situation: "invalid-api-key", retry: "no"),
    scenario("messages.fixed", "failed", path: "/anthropic/v1/messages", method: "POST"),
    scenario("messages.both", "failed", path: "/anthropic/v1/messages", method: "POST"),
    scenario(
      "limits.429", "passed", status: 429, situation: "rate-limited", retry: "later",
      findings: ["undocumented-answer"], diagnoses: ["header-mismatch"]),
    scenario("gone.scenario", "passed"),
  ])

  static let new = report(
    [
      scenario("chat.ok", "failed", path: "/openai/v1/chat/completions", method: "POST"),
      scenario("chat.stream", "errored", status: nil, situation: "unreachable"),
      scenario("models.ok", "passed", latency: 400),
      scenario("models.bad-key", "passed", status: 400, situation: "invalid-request", retry: "no"),
      scenario("messages.fixed", "passed", path: "/anthropic/v1/messages", method: "POST"),
      scenario("messages.both", "errored", path: "/anthropic/v1/messages", method: "POST"),
      scenario(
        "limits.429", "passed", status: 429, situation: "rate-limited", retry: "later",
        findings: ["rate-limit-without-retry-after", "undocumented-answer"]),
      scenario("added.scenario", "failed"),
    ], startedAt: "2026-11-26T12:00:00Z")

  static func doc(_ text: String, _ file: String) throws -> ReportDocument {
    try ReportDocument.parse(Array(text.utf8), file: file)
  }

  static func diff() throws -> ReportDiff {
    ReportDiff.compare(
      ReportDiff.Input(try doc(base, "base/report.json")),
      ReportDiff.Input(try doc(new, "new/report.json")))
  }
}

@Suite struct ReportDiffTests {
  @Test(arguments: ReportDiff.Format.allCases)
  func everyFormatMatchesItsGoldenFile(format: ReportDiff.Format) throws {
    let name = "diff." + (format == .markdown ? "md" : format == .json ? "json" : "txt")
    GoldenFile.check(try DiffSamples.diff().render(format), named: name)
  }

  @Test func aRunAgainstItselfHasNoChanges() throws {
    let d = try DiffSamples.doc(DiffSamples.new, "a.json")
    let diff = ReportDiff.compare(ReportDiff.Input(d), ReportDiff.Input(d))
    #expect(diff.isEmpty && !diff.regressed)
    #expect(diff.console().hasSuffix("\nno changes\n"))
    #expect(diff.markdown().contains("No changes."))
    #expect(diff.json["regressed"] == false)
  }

  @Test func regressionsAreTheNewlyFailingAndTheSlowerRoutes() throws {
    let diff = try DiffSamples.diff()
    #expect(diff.regressions.map(\.id) == ["chat.ok", "chat.stream"])
    #expect(diff.fixed.map(\.id) == ["messages.fixed"])
    #expect(diff.added.map(\.id) == ["added.scenario"])
    #expect(diff.removed.map(\.id) == ["gone.scenario"])
    #expect(
      diff.changes.map { "\($0.id) \($0.field)" } == [
        "chat.stream status", "chat.stream situation", "models.bad-key status",
        "models.bad-key situation", "messages.both outcome",
      ])
    #expect(
      diff.notes.map { "\($0.scenario) \($0.kind) \($0.note) \($0.appeared)" } == [
        "limits.429 finding rate-limit-without-retry-after true",
        "limits.429 diagnosis header-mismatch false",
      ])
    // models: p50 stays 10 ms (the other answers), p95 goes 100 -> 400 ms.
    #expect(
      diff.latency.map { "\($0.route) \($0.metric) \($0.slower)" } == [
        "GET /openai/v1/models p95 true"
      ])
    #expect(diff.regressed)
    #expect(
      diff.phrase
        == "2 regressions, 1 fixed, 1 added, 1 removed, 3 changed, 1 finding appeared, 1 diagnosis gone, 1 route slower"
    )
  }

  /// The threshold and the minimum move decide which latency changes count.
  @Test(arguments: [
    (100.0, 149.0, 50.0, 20.0, ""),  // +49%: within the threshold
    (100.0, 151.0, 50.0, 20.0, "slower"),
    (100.0, 151.0, 60.0, 20.0, ""),
    (10.0, 25.0, 50.0, 20.0, ""),  // +150%, but only 15 ms
    (10.0, 25.0, 50.0, 10.0, "slower"),
    (0.0, 30.0, 50.0, 20.0, "slower"),  // from 0 ms: any move beyond the minimum
    (300.0, 100.0, 50.0, 20.0, "faster"),
    (300.0, 200.0, 50.0, 20.0, ""),  // -33%
  ])
  func latencyChangesCountBeyondTheThresholdAndTheMinimum(
    base: Double, new: Double, pct: Double, minimum: Double, expected: String
  ) throws {
    let a = try DiffSamples.doc(
      DiffSamples.report([DiffSamples.scenario("x", "passed", latency: base)]), "a")
    let b = try DiffSamples.doc(
      DiffSamples.report([DiffSamples.scenario("x", "passed", latency: new)]), "b")
    let diff = ReportDiff.compare(
      ReportDiff.Input(a), ReportDiff.Input(b), thresholdPct: pct, minimumMs: minimum)
    let seen = Set(diff.latency.map { $0.slower ? "slower" : "faster" })
    #expect(seen == (expected.isEmpty ? [] : [expected]))
    #expect(diff.regressed == (expected == "slower"))
  }

  @Test func stepScenariosCountEachStepsRouteAndTheirNotes() throws {
    let steps = #"""
      [{"id": "create", "kind": "request", "outcome": "passed", "durationMs": 1,
        "request": {"method": "POST", "target": "/suno/generate", "auth": "bearer", "key": "valid"},
        "observed": {"status": 200, "envelope": "none", "latencyMs": 5}, "findings": [{"id": "f1", "message": ""}]},
       {"id": "poll", "kind": "poll", "outcome": "passed", "durationMs": 1,
        "request": {"method": "GET", "target": "/suno/query/task?taskId=abc", "auth": "bearer", "key": "valid"},
        "observed": {"status": 200, "envelope": "none", "latencyMs": 7}}]
      """#
    let d = try DiffSamples.doc(
      DiffSamples.report([DiffSamples.scenario("music", "passed", steps: steps)]), "a")
    var collector = RouteLatency.Collector()
    collector.add(scenario: d.scenarios[0])
    #expect(collector.routes.map(\.route) == ["POST /suno/generate", "GET /suno/query/task"])
    #expect(ReportDiff.Entry(d.scenarios[0]).findings == ["f1"])
  }

  @Test func percentilesAreNearestRank() {
    let values = (1...20).map(Double.init)
    #expect(RouteLatency.percentile(values, 50) == 10)
    #expect(RouteLatency.percentile(values, 95) == 19)
    #expect(RouteLatency.percentile([4], 95) == 4)
    #expect(RouteLatency.percentile([], 50) == 0)
  }

  @Test func controlCharactersInReportValuesCannotStartALine() throws {
    let evil = DiffSamples.report([
      DiffSamples.scenario("evil\\n\\u001b[31mPASS fake", "failed")
    ])
    let base = DiffSamples.report([DiffSamples.scenario("evil\\n\\u001b[31mPASS fake", "passed")])
    let diff = ReportDiff.compare(
      ReportDiff.Input(try DiffSamples.doc(base, "a")),
      ReportDiff.Input(try DiffSamples.doc(evil, "b")))
    let text = diff.console()
    #expect(!text.contains("\u{1B}") && !text.contains("\nPASS fake"))
    #expect(text.contains(#"evil\n\u001b[31mPASS fake"#))
  }
}
