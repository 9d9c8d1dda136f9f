import ConformanceCore
import Foundation
import Testing

@testable import ConformanceReports

/// The `sdk` view and the Retry-After findings as every report shows them, computed by the real rules for the
/// waits where the SDKs part ways: 90 s (both wait), 300 s (openai-python gives up, anthropic-sdk-python 2.14
/// sleeps it) and none (both back off 0.5 s).
@Suite struct SDKViewGoldenTests {
  static func run() -> RunResult {
    let file = SourceRef(file: "scenarios/openai/limits.json", line: 1, column: 1)
    let cases: [(String, [(String, String)])] = [
      ("retry-after-90", [("retry-after", "90")]),
      ("retry-after-300", [("retry-after", "300")]),
      ("no-retry-after", []),
    ]
    let scenarios = cases.map { id, headers in
      var s = ScenarioResult(
        id: "openai.chat.\(id)", summary: "429 with \(id)", tags: [], family: .openai,
        source: file, outcome: .passed, durationMs: 1)
      let fields = headers.map { HTTPHeaders.Field(name: $0.0, value: $0.1) }
      s.observed = Observed(
        status: 429, envelope: .openai,
        error: ErrorInfo(
          type: "rate_limit_error", code: "rate_limit_exceeded", message: "Rate limit exceeded"),
        headers: fields, latencyMs: 1, firstByteMs: 1, bodyBytes: 90, bodyExcerpt: nil)
      s.situation = .rateLimited
      s.sdk = SDKRules.decisions(status: 429, headers: HTTPHeaders(headers), streamError: false)
      let path = "/openai/v1/chat/completions"
      s.findings = FindingRules.find(
        status: 429, headers: HTTPHeaders(headers), envelope: Envelope.recognize(nil),
        classification: nil, stream: nil,
        request: HTTPRequest(method: "POST", target: path),
        profile: RouteCatalog.anyint.profile(.openai))
      return s
    }
    return RunResult(
      target: TargetInfo(kind: "fixtures", fixtures: "Fixtures"),
      startedAt: Date(timeIntervalSince1970: 1_800_000_000), durationMs: 3, scenarios: scenarios)
  }

  @Test func jsonShowsEachSDKsDecision() {
    GoldenFile.check(
      String(decoding: JSONReport.render(Self.run()), as: UTF8.self), named: "sdk-view.json")
  }

  @Test func junitShowsEachSDKsDecision() {
    GoldenFile.check(
      String(decoding: JUnitReport.render(Self.run()), as: UTF8.self), named: "sdk-view.xml")
  }
}
