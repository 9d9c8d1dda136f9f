import ConformanceCore
import Foundation
import Testing

@testable import ConformanceReports

/// The client judgement in its three forms, for a fixed traffic: a held rule, broken ones with their
/// requests, times and fixes, a failed callback, and rules not exercised.
@Suite struct ClientReportTests {
  static let key = "sk-report-valid-key"

  static func exchange(
    _ seq: Int, at: Double, path: String = "/openai/v1/chat/completions",
    body: String = #"{"model":"gpt-4o-mini","messages":[]}"#,
    headers: [(String, String)] = [("authorization", "Bearer \(key)")],
    error: DocumentedError? = nil, fault: String? = nil
  ) -> ClientExchange {
    let response =
      error?.answer(family: RouteCatalog.anyint.family(forPath: path))
      ?? HTTPResponse(status: 200, body: Array(#"{"ok":true}"#.utf8))
    return ClientExchange.observe(
      seq: seq,
      request: HTTPRequest(
        method: "POST", target: path, headers: HTTPHeaders(headers), body: Array(body.utf8)),
      response: response, complete: true, keys: KeyClassifier(validKey: key),
      redactor: Redactor(secrets: [key]), receivedMs: at, answeredMs: at + 1, fault: fault,
      taskID: nil)
  }

  static func sample() -> (ClientJudgement, ClientReportContext) {
    let traffic = ClientTraffic(
      exchanges: [
        exchange(1, at: 10, body: #"{"messages":[]}"#, error: .missingField("model")),
        exchange(2, at: 12, body: #"{"messages":[]}"#, error: .missingField("model")),
        exchange(3, at: 20, error: .rateLimited(retryAfterSeconds: 1), fault: "rate-limit"),
        exchange(4, at: 1030),
        exchange(
          5, at: 1100, path: "/anthropic/v1/messages",
          body: #"{"model":"claude-sonnet-4-5","max_tokens":9,"messages":[]}"#,
          headers: [
            ("authorization", "Bearer \(key)"), ("anthropic-version", "2026-10-21"),
            ("user-agent", "Anthropic/Python 2.14.0"),
          ], error: .invalidAPIKey),
      ],
      callbacks: [
        CallbackAttempt(
          seq: 1, taskID: "twin1", callbackType: "complete", url: "http://127.0.0.1:9/cb",
          sentMs: 3000, answeredMs: 3001, status: nil, error: "connection refused")
      ], durationMs: 3500)
    let context = ClientReportContext(
      startedAt: Date(timeIntervalSince1970: 1_800_000_000), mode: "contract",
      baseURL: "http://127.0.0.1:8080", injections: [("rate-limit", 1)], seed: 42, injectFirst: 1,
      taskMs: 3000,
      command: ClientReportContext.Command(
        argv: ["python3", "my_app.py"], exitStatus: 0, signal: nil))
    return (ClientJudge.judge(traffic), context)
  }

  @Test func jsonMatchesGolden() {
    let (j, c) = Self.sample()
    GoldenFile.check(
      String(decoding: ClientReport.render(j, c), as: UTF8.self), named: "client-report.json")
  }

  @Test func markdownMatchesGolden() {
    let (j, c) = Self.sample()
    GoldenFile.check(ClientReportText.markdown(j, c), named: "client-report.md")
  }

  @Test func consoleMatchesGolden() {
    let (j, c) = Self.sample()
    GoldenFile.check(ClientReportText.console(j, c, color: false), named: "client-console.txt")
  }

  @Test func theVerdictAndTheKeyNeverInTheReport() throws {
    let (j, c) = Self.sample()
    let bytes = ClientReport.render(j, c)
    let report = try JSONParser.parse(bytes)
    #expect(report["verdict"] == "broken")
    #expect(report["summary"]?["broken"] == 4)
    #expect(!String(decoding: bytes, as: UTF8.self).contains(Self.key))
    #expect(!ClientReportText.markdown(j, c).contains(Self.key))
    let quiet = ClientJudge.judge(ClientTraffic())
    #expect(ClientReport.verdict(quiet) == "not exercised")
  }
}
