import TestSupport
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

  @Test func scrubsBase64AtEveryOffset() throws {
    for prefix in ["", "x", "x:"] {
      let encoded = Forms.base64(Array((prefix + key).utf8), url: false, padded: true)
      let e = exchange(
        requestHeaders: [("authorization", "Bearer \(key)")],
        responseHeaders: [("Location", "/cb?t=" + Forms.percentAll(encoded, upper: false))],
        responseBody: #"{"token":"\#(encoded)"}"#)
      let f = try recorder.fixture(for: e, id: "s", profile: RouteCatalog.anyint.profile(.openai))
      let text = JSONWriter.string(f)
      #expect(Leaks.find(key, in: text).isEmpty, "\(prefix): \(text)")
      #expect(f["response"]?["json"]?["token"]?.stringValue?.contains("<redacted>") == true)
    }
  }

  @Test func aStreamIsScrubbedWholeAndSplitAgainAtItsChunks() throws {
    var e = exchange(
      requestHeaders: [("authorization", "Bearer \(key)")],
      responseHeaders: [("content-type", "text/event-stream")], responseBody: "")
    e.reply.firstByteMs = 0
    let event = "data: {\"k\": \"\(key)\"}\n\n"
    let bytes = Array(event.utf8)
    // The key split across three chunks.
    let cuts = [0, 15, 25, 40, bytes.count]
    e.reply.chunks = (0..<4).map { i in
      .init(atMs: Double(i * 10), bytes: Array(bytes[cuts[i]..<cuts[i + 1]]))
    }
    let f = try recorder.fixture(for: e, id: "s", profile: RouteCatalog.anyint.profile(.openai))
    let chunks = f["response"]?["chunks"]?.arrayValue ?? []
    #expect(chunks.count == 4, "the recorded boundaries are kept")
    let joined = chunks.compactMap { $0["data"]?.stringValue }.joined()
    #expect(joined == "data: {\"k\": \"<redacted>\"}\n\n")
    #expect(chunks.map { $0["delayMs"] } == [0, 10, 10, 10])
  }

  @Test func aFixtureThatStillHoldsASecretIsRefusedNamingTheField() {
    let fixture: JSONValue = [
      "id": "s", "response": ["headers": ["location": .string("/x?k=" + key)]],
    ]
    do {
      try recorder.check(fixture, id: "s")
      Issue.record("not refused")
    } catch {
      #expect(error.field == "response.headers.location")
      #expect(error.secret == "the key")
      #expect(!error.description.contains(key))
      #expect(error.description.contains("response.headers.location"))
    }
    let chunks: JSONValue = [
      "id": "s",
      "response": [
        "chunks": [
          ["data": .string(String(key.prefix(5)))], ["data": .string(String(key.dropFirst(5)))],
        ]
      ],
    ]
    #expect(throws: FixtureRecorder.Refusal.self) { try recorder.check(chunks, id: "s") }
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
