import Testing

@testable import ConformanceCore

/// The answer analyzer: one pass from a transport result to everything the runner, `diagnose` and the Models
/// API check read.
@Suite struct AnswerAnalyzerTests {
  let analyzer = AnswerAnalyzer(keys: KeyClassifier(validKey: "good-key-123"))
  let anthropic = RouteCatalog.anyint.profile(.anthropic)

  func request(_ path: String, _ headers: [(String, String)] = []) -> HTTPRequest {
    HTTPRequest(method: "POST", target: path, headers: HTTPHeaders(headers))
  }

  @Test func aRefusedBearerOnAnAnthropicRouteIsClassifiedDiagnosedAndFound() {
    let body: JSONValue = [
      "error": [
        "message": "Invalid or missing API key", "type": "authentication_error",
        "code": "invalid_api_key",
      ]
    ]
    let a = analyzer.analyze(
      json(401, body),
      to: request("/anthropic/v1/messages", [("authorization", "Bearer good-key-123")]),
      profile: anthropic, latencyMs: 3)
    #expect(a.status == 401 && a.envelope.kind == .openai && a.situation == .invalidAPIKey)
    #expect(a.diagnoses.map(\.id) == [.headerMismatch, .missingAnthropicVersion])
    #expect(a.findings.isEmpty)
    #expect(a.sdk.map(\.retries) == [false, false])
    #expect(a.facts.status == 401 && a.facts.bodyIsJSON && a.facts.diagnoses.count == 2)
    #expect(a.latencyMs == 3)
  }

  @Test func faultsAndCutBodiesAreUnreachable() {
    let refused = analyzer.analyze(
      .failure(TransportFault(.connectionRefused, "refused")), to: request("/openai/v1/models"),
      profile: nil, latencyMs: 1)
    #expect(refused.reply == nil && refused.situation == .unreachable)
    #expect(refused.sdk.allSatisfy { $0.retries })
    let noFixture = analyzer.analyze(
      .failure(TransportFault(.noFixture, "no fixture")), to: request("/openai/v1/models"),
      profile: nil, latencyMs: 1)
    #expect(noFixture.classification == nil)
    let cut = TransportReply(
      response: HTTPResponse(status: 200, body: Array("{\"a\":".utf8)),
      bodyFault: TransportFault(.truncated, "the body ended early"))
    let a = analyzer.analyze(
      .success(cut), to: request("/openai/v1/models"), profile: nil, latencyMs: 1)
    #expect(a.reply == nil && a.situation == .unreachable && a.fault?.kind == .truncated)
  }

  @Test func aStreamIsAnalysedByContentTypeOrByExpectation() {
    let sse = TransportReply(
      response: HTTPResponse(
        status: 200, headers: HTTPHeaders([("content-type", "text/event-stream")]),
        body: Array("data: {\"object\":\"chat.completion.chunk\"}\n\ndata: [DONE]\n\n".utf8)))
    let a = analyzer.analyze(
      .success(sse), to: request("/openai/v1/chat/completions"), profile: nil, latencyMs: 1)
    #expect(a.stream?.complete == true && a.stream?.format == .openaiSSE && a.body == nil)
    let plain = TransportReply(
      response: HTTPResponse(status: 200, body: Array("data: [DONE]\n\n".utf8)))
    #expect(
      analyzer.analyze(
        .success(plain), to: request("/openai/v1/chat/completions"), profile: nil, latencyMs: 1
      )
      .stream == nil)
    #expect(
      analyzer.analyze(
        .success(plain), to: request("/openai/v1/chat/completions"), profile: nil, latencyMs: 1,
        stream: StreamExpectation(ref: SourceRef(file: "t", line: 1, column: 1))
      ).stream != nil)
  }

  @Test func aFailedTaskSaysSoInItsReason() {
    let a = analyzer.analyze(
      json(200, ["code": 200, "msg": "success", "data": ["status": "CREATE_TASK_FAILED"]]),
      to: request("/suno/query/task"), profile: RouteCatalog.anyint.profile(.music), latencyMs: 1)
    #expect(a.situation == .success)
    #expect(a.classification?.reason.contains("terminal failure") == true)
  }
}
