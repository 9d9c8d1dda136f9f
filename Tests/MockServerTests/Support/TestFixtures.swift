import ConformanceCore
import MockServer

/// A small in-memory fixture set covering what the server tests need: key kinds, a JSON body, streams.
enum TestFixtures {
  static let validKey = MockServerConfiguration.defaultTestKey

  static let chatRequest: JSONValue = [
    "model": "m", "messages": [["role": "user", "content": "hi"]],
  ]
  static let streamRequest: JSONValue = ["model": "m", "stream": true]
  static let truncatedRequest: JSONValue = ["model": "m", "stream": true, "cut": true]
  static let fastStreamRequest: JSONValue = ["model": "m", "stream": true, "fast": true]

  static let store = FixtureStore(fixtures: [
    fixture(
      "models.valid", "GET", "/v1/models", key: .valid,
      response: json(200, ["object": "list", "data": []], headers: [("x-request-id", "req_1")])),
    fixture(
      "models.invalid", "GET", "/v1/models", key: .invalid,
      response: json(401, ["error": "invalid"])),
    fixture(
      "models.empty", "GET", "/v1/models", key: .empty, response: json(401, ["error": "empty"])),
    fixture(
      "models.none", "GET", "/v1/models", auth: AuthFamily.none, key: KeyKind.none,
      response: json(401, ["error": "none"])),
    fixture(
      "chat.create", "POST", "/v1/chat/completions", body: .json(chatRequest),
      response: json(200, ["id": "chatcmpl-1"])),
    fixture(
      "chat.stream", "POST", "/v1/chat/completions", body: .json(streamRequest),
      response: stream([(0, "data: a\n\n"), (300, "data: b\n\n"), (50, "data: [DONE]\n\n")])),
    fixture(
      "chat.stream.truncated", "POST", "/v1/chat/completions", body: .json(truncatedRequest),
      response: stream([(0, "data: a\n\n"), (50, "data: b\n\n")], truncate: true)),
    fixture(
      "chat.stream.fast", "POST", "/v1/chat/completions", body: .json(fastStreamRequest),
      response: stream([(0, "data: a\n\n"), (0, "data: b\n\n")])),
    fixture(
      "slow", "GET", "/v1/slow",
      response: FixtureResponse(status: 200, body: Array("slow".utf8), delayMs: 10_000)),
    fixture(
      "paused", "GET", "/v1/paused",
      response: FixtureResponse(status: 200, body: Array("paused".utf8), delayMs: 300)),
    fixture(
      "upload", "POST", "/v1/upload", body: .any,
      response: FixtureResponse(status: 200, body: Array("ok".utf8))),
    fixture("no-content", "DELETE", "/v1/things/1", response: FixtureResponse(status: 204)),
  ])

  static func fixture(
    _ id: String, _ method: String, _ path: String, auth: AuthFamily = .bearer,
    key: KeyKind = .valid, body: FixtureBody = .none,
    response: FixtureResponse
  ) -> Fixture {
    Fixture(
      id: id, source: SourceRef(file: "memory", line: 1, column: 1),
      request: FixtureRequest(method: method, path: path, auth: auth, key: key, body: body),
      response: response)
  }

  static func json(_ status: Int, _ body: JSONValue, headers: [(String, String)] = [])
    -> FixtureResponse
  {
    FixtureResponse(
      status: status, headers: HTTPHeaders(headers + [("content-type", "application/json")]),
      body: JSONWriter.bytes(body))
  }

  static func stream(_ pieces: [(Int, String)], truncate: Bool = false) -> FixtureResponse {
    FixtureResponse(
      status: 200, headers: HTTPHeaders([("content-type", "text/event-stream")]),
      chunks: pieces.map { FixtureChunk(delayMs: $0.0, data: Array($0.1.utf8)) }, truncate: truncate
    )
  }

  /// A request with the valid key, as raw bytes; `extra` lines go before the empty line.
  static func request(
    _ method: String, _ target: String, body: String? = nil, extra: [String] = [],
    key: String? = validKey
  ) -> String {
    var lines = ["\(method) \(target) HTTP/1.1", "Host: 127.0.0.1"]
    if let key { lines.append("Authorization: Bearer \(key)") }
    if let body { lines.append("Content-Length: \(body.utf8.count)") }
    lines += extra
    return lines.joined(separator: "\r\n") + "\r\n\r\n" + (body ?? "")
  }
}

/// Starts a server on a free port for the body of a test and stops it afterwards, whatever happens.
func withServer<T>(
  _ configuration: MockServerConfiguration = MockServerConfiguration(),
  store: FixtureStore = TestFixtures.store,
  _ body: (MockServer, Int) throws -> T
) throws -> T {
  let server = MockServer(configuration: configuration, store: store)
  let port = try server.start()
  defer { server.stop() }
  return try body(server, port)
}

/// The async form, for tests that use URLSession.
func withServer<T>(
  _ configuration: MockServerConfiguration = MockServerConfiguration(),
  store: FixtureStore = TestFixtures.store,
  _ body: (MockServer, Int) async throws -> T
) async throws -> T {
  let server = MockServer(configuration: configuration, store: store)
  let port = try server.start()
  defer { server.stop() }
  return try await body(server, port)
}

/// A configuration tweaked by `change`.
func configuration(_ change: (inout MockServerConfiguration) -> Void) -> MockServerConfiguration {
  var c = MockServerConfiguration()
  change(&c)
  return c
}

/// Milliseconds in a duration, for readable timing assertions.
func ms(_ d: Duration) -> Double {
  Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
}
