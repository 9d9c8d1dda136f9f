import Testing

@testable import ConformanceCore

@Suite struct FixtureRecorderTests {
  let key = "sk-canary-Zq81xLw0pRt5vNc2mKd7hYa3"
  var recorder: FixtureRecorder {
    FixtureRecorder(credentials: Credentials(validKey: key), source: "gateway.test")
  }

  func exchange(
    requestHeaders: [(String, String)], body: String = "", status: Int = 200,
    responseHeaders: [(String, String)] = [], responseBody: String
  )
    -> RecordedExchange
  {
    RecordedExchange(
      scenarioID: "s",
      request: HTTPRequest(
        method: "POST", target: "/anthropic/v1/messages?k=\(key)",
        headers: HTTPHeaders(requestHeaders), body: Array(body.utf8)),
      reply: TransportReply(
        response: HTTPResponse(
          status: status, headers: HTTPHeaders(responseHeaders), body: Array(responseBody.utf8))))
  }

  @Test func recordsKindsNotKeysAndScrubsEchoes() throws {
    let e = exchange(
      requestHeaders: [
        ("x-api-key", key), ("Cookie", "session=\(key)"), ("user-agent", "x"),
        ("anthropic-beta", "tools"),
      ],
      body: #"{"model":"claude","note":"\#(key)"}"#, status: 401,
      responseHeaders: [
        ("Set-Cookie", "a=b"), ("Content-Type", "application/json"), ("X-Echo", key),
        ("retry-after", "3"), ("date", "today"),
      ],
      responseBody:
        #"{"error":{"message":"Invalid key \#(key) (\#(key.replacingOccurrences(of: "-", with: "%2D")))","type":"authentication_error"}}"#
    )
    let f = try recorder.fixture(for: e, id: "s", profile: RouteCatalog.anyint.profile(.anthropic))
    let text = JSONWriter.string(f)
    #expect(!text.contains(key))
    #expect(!text.contains("Zq81xLw0pRt5vNc2mKd7hYa3"))
    #expect(f["request"]?["auth"] == "x-api-key")
    #expect(f["request"]?["key"] == "valid")
    #expect(f["request"]?["headers"] == ["anthropic-beta": "tools", "anthropic-version": nil])
    #expect(f["request"]?["path"] == "/anthropic/v1/messages?k=<redacted>")
    #expect(f["request"]?["json"]?["note"] == "<redacted>")
    #expect(f["response"]?["headers"] == ["content-type": "application/json", "retry-after": "3"])
    #expect(
      f["response"]?["json"]?["error"]?["message"]?.stringValue?.contains("<redacted>") == true)
    // What was written reads back as a valid fixture.
    let decoded = FixtureDecoder.decode(
      path: "r.fixture.json", bytes: JSONWriter.bytes(f, style: .pretty))
    #expect(decoded.diagnostics.isEmpty, "\(decoded.diagnostics)")
    #expect(decoded.fixtures.first?.request.key == .valid)
  }

  @Test func refusesAFixtureThatStillHoldsTheKey() {
    // A base64 form cannot be scrubbed safely, so the fixture is refused rather than written.
    let basic = recorder.base64(key)
    let e = exchange(
      requestHeaders: [("authorization", "Bearer \(key)")], responseBody: #"{"token":"\#(basic)"}"#)
    #expect(throws: FixtureRecorder.Refusal.self) {
      try recorder.fixture(for: e, id: "s", profile: RouteCatalog.anyint.profile(.openai))
    }
  }

  @Test func keepsStreamsAsPacedChunks() throws {
    var e = exchange(
      requestHeaders: [("authorization", "Bearer \(key)")],
      responseHeaders: [("content-type", "text/event-stream")], responseBody: "")
    e.reply.firstByteMs = 10
    e.reply.chunks = [
      .init(atMs: 10, bytes: Array("data: 1\n\n".utf8)),
      .init(atMs: 60, bytes: Array("data: [DONE]\n\n".utf8)),
    ]
    let f = try recorder.fixture(for: e, id: "s", profile: RouteCatalog.anyint.profile(.openai))
    #expect(
      f["response"]?["chunks"] == [
        ["delayMs": 0, "data": "data: 1\n\n"], ["delayMs": 50, "data": "data: [DONE]\n\n"],
      ])
  }
}
