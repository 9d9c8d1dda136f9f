import Testing

@testable import ConformanceCore

@Suite struct FixtureStoreTests {
  static let fixtureText = """
    [
      {"id": "models.ok", "request": {"method": "GET", "path": "/openai/v1/models"},
       "response": {"status": 200, "json": {"object": "list", "data": []}}},
      {"id": "models.bad-key", "request": {"method": "GET", "path": "/openai/v1/models", "key": "invalid"},
       "response": {"status": 401, "json": {"error": {"message": "Invalid or missing API key", "type": "authentication_error", "code": "invalid_api_key"}}}},
      {"id": "messages.ok", "request": {"method": "POST", "path": "/anthropic/v1/messages",
         "headers": {"anthropic-version": "2023-06-01"},
         "json": {"model": "claude", "max_tokens": 16, "messages": [{"role": "user", "content": "ping"}]}},
       "response": {"status": 200, "json": {"type": "message"}}},
      {"id": "messages.no-version", "request": {"method": "POST", "path": "/anthropic/v1/messages",
         "headers": {"anthropic-version": null}, "anyBody": true},
       "response": {"status": 400, "json": {"error": {"message": "anthropic-version header is required", "type": "invalid_request_error"}}}},
      {"id": "task.query", "request": {"method": "GET", "path": "/suno/query/task?taskId=t1&x=2"},
       "response": {"status": 200, "json": {"code": 200, "msg": "success"}}}
    ]
    """

  func store() throws -> FixtureStore {
    let decoded = FixtureDecoder.decode(path: "f.fixture.json", bytes: Array(Self.fixtureText.utf8))
    #expect(decoded.diagnostics.isEmpty, "\(decoded.diagnostics)")
    return FixtureStore(fixtures: decoded.fixtures)
  }

  let keys = KeyClassifier(validKey: "good-key-123")

  func request(_ method: String, _ target: String, _ headers: [(String, String)], body: String = "")
    -> HTTPRequest
  {
    HTTPRequest(
      method: method, target: target, headers: HTTPHeaders(headers), body: Array(body.utf8))
  }

  func id(_ m: FixtureMatch) -> String? {
    if case .hit(let f) = m { return f.id }
    return nil
  }

  func miss(_ m: FixtureMatch) -> String {
    if case .miss(let s) = m { return s }
    return ""
  }

  @Test func matchesOnKeyKindNeverOnTheKey() throws {
    let s = try store()
    #expect(
      id(
        s.match(
          request("GET", "/openai/v1/models", [("Authorization", "Bearer good-key-123")]),
          keys: keys)) == "models.ok")
    #expect(
      id(
        s.match(
          request("GET", "/openai/v1/models", [("authorization", "Bearer other")]), keys: keys))
        == "models.bad-key")
    #expect(
      id(s.match(request("GET", "/openai/v1/models", [("x-api-key", "good-key-123")]), keys: keys))
        == nil)
  }

  @Test func comparesJSONBodiesCanonically() throws {
    let s = try store()
    let body =
      #"{"messages":[{"content":"ping","role":"user"}],"max_tokens":16.0,"model":"claude"}"#
    let r = request(
      "POST", "/anthropic/v1/messages",
      [("x-api-key", "good-key-123"), ("anthropic-version", "2023-06-01")], body: body)
    #expect(id(s.match(r, keys: keys)) == "messages.ok")
  }

  @Test func prefersTheFixtureWithMoreHeaderConditionsAndHonoursAbsence() throws {
    let s = try store()
    let r = request(
      "POST", "/anthropic/v1/messages", [("x-api-key", "good-key-123")],
      body: #"{"model":"claude"}"#)
    #expect(id(s.match(r, keys: keys)) == "messages.no-version")
  }

  @Test func queryOrderDoesNotMatter() throws {
    let s = try store()
    #expect(
      id(
        s.match(
          request(
            "GET", "/suno/query/task?x=2&taskId=t1", [("authorization", "Bearer good-key-123")]),
          keys: keys)) == "task.query")
    let m = miss(
      s.match(
        request(
          "GET", "/suno/query/task?taskId=t2&x=2", [("authorization", "Bearer good-key-123")]),
        keys: keys))
    #expect(m.contains("query: recorded taskId=t1&x=2, sent taskId=t2&x=2"), "\(m)")
  }

  @Test func aMissNamesTheNearestFixtureAndWhatDiffered() throws {
    let s = try store()
    let body =
      #"{"model":"claude-2","max_tokens":16,"messages":[{"role":"user","content":"ping"}]}"#
    let r = request(
      "POST", "/anthropic/v1/messages",
      [("authorization", "Bearer good-key-123"), ("anthropic-version", "2023-06-01")], body: body)
    let m = miss(s.match(r, keys: keys))
    #expect(m.contains("nearest is \"messages.ok\""), "\(m)")
    #expect(m.contains("auth header: recorded x-api-key, sent bearer"), "\(m)")
    #expect(m.contains(#"body at $.model: recorded "claude", sent "claude-2""#), "\(m)")
    #expect(m.contains("f.fixture.json:"), "\(m)")
    #expect(!m.contains("good-key-123"))
  }

  @Test func theNearestFixtureSharesTheLongestPathPrefix() throws {
    let text = """
      [
        {"id": "tasks.query", "request": {"method": "GET", "path": "/dashscope/v1/tasks/{{task_id}}"},
         "response": {"status": 200, "json": {}}},
        {"id": "models.ok", "request": {"method": "GET", "path": "/openai/v1/models"},
         "response": {"status": 200, "json": {}}}
      ]
      """
    let decoded = FixtureDecoder.decode(path: "g.fixture.json", bytes: Array(text.utf8))
    let s = FixtureStore(fixtures: decoded.fixtures)
    let m = miss(
      s.match(
        request("GET", "/openai/v1/nothing-here", [("authorization", "Bearer good-key-123")]),
        keys: keys))
    #expect(m.contains("nearest is \"models.ok\""), "\(m)")
    #expect(FixtureStore.pathDistance("/openai/v1/models", "/openai/v1/models/x") == 1)
    #expect(FixtureStore.pathDistance("/a/b", "/c/b") == 2)
  }

  @Test func keyKinds() {
    #expect(keys.keyKind(of: HTTPHeaders([("Authorization", "Bearer good-key-123")])) == .valid)
    #expect(keys.keyKind(of: HTTPHeaders([("Authorization", "Bearer")])) == .empty)
    #expect(keys.keyKind(of: HTTPHeaders([("x-api-key", "")])) == .empty)
    #expect(keys.keyKind(of: HTTPHeaders([("x-api-key", "Bearer good-key-123")])) == .invalid)
    #expect(
      keys.keyKind(of: HTTPHeaders([("x-api-key", " good-key-123 ")])) == .valid,
      "HTTP strips whitespace around field values")
    #expect(
      keys.keyKind(
        of: HTTPHeaders([("x-api-key", "good-key-123"), ("authorization", "Bearer good-key-123")]))
        == .valid)
    #expect(
      keys.keyKind(
        of: HTTPHeaders([("x-api-key", "good-key-123"), ("authorization", "Bearer nope")]))
        == .invalid)
    #expect(keys.keyKind(of: HTTPHeaders()) == .none)
    #expect(KeyClassifier.authFamily(of: HTTPHeaders([("X-Api-Key", "k")])) == .xAPIKey)
  }

  @Test func rejectsKeysAndContradictionsInFixtureFiles() {
    let text =
      #"{"id": "x", "request": {"method": "GET", "path": "/openai/v1/models", "auth": "none", "key": "valid", "headers": {"Authorization": "Bearer sk"}}, "response": {"status": 200}}"#
    let decoded = FixtureDecoder.decode(path: "bad.fixture.json", bytes: Array(text.utf8))
    #expect(decoded.fixtures.isEmpty)
    #expect(decoded.diagnostics.contains { $0.message.contains("must not be recorded") })
    #expect(decoded.diagnostics.contains { $0.message.contains("disagree") })
  }
}
