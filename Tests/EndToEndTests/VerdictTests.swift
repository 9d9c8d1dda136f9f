import ConformanceCore
import Foundation
import Testing

/// Issue 11, case 6: verdicts that were wrong. diagnose on a mistyped route or an unreachable gateway says
/// it could not judge; a wrong key answered 400 is named as such in diagnose and run; a JSON answer to a
/// stream request is judged as that answer; an OpenAI stream with a finish_reason but no [DONE] is complete.
@Suite struct VerdictTests {
  static let key = "sk-verdict-test-0123456789"

  static func json(_ text: String) throws -> JSONValue { try JSONParser.parse(Array(text.utf8)) }

  static func verdict(_ r: Harness.Result) throws -> [String] {
    try json(r.stdout)["verdict"]?["summary"]?.arrayValue?.compactMap(\.stringValue) ?? []
  }

  /// A gateway where a wrong or missing key gets LiteLLM's 400 no_db_connection.
  static let noDB: String = {
    let refusal =
      #""response": {"status": 400, "json": {"error": {"message": "No connected db.", "type": "no_db_connection", "param": null, "code": "400"}}}"#
    let refused = [
      ("invalid", "bearer", "invalid"), ("none", "none", "none"), ("xapikey", "x-api-key", "valid"),
      ("both", "both", "valid"),
    ].map { id, auth, key in
      #"{"id": "\#(id)", "request": {"method": "POST", "path": "/openai/v1/chat/completions", "auth": "\#(auth)", "key": "\#(key)", "anyBody": true}, \#(refusal)}"#
    }
    return "[\n"
      + ([
        #"{"id": "ok", "request": {"method": "POST", "path": "/openai/v1/chat/completions", "auth": "bearer", "key": "valid", "anyBody": true}, "response": {"status": 200, "json": {"id": "c", "object": "chat.completion", "choices": []}}}"#
      ] + refused).joined(separator: ",\n") + "\n]"
  }()

  @Test func aMistypedRouteCannotBeJudgedOfflineOrAgainstTheMock() async throws {
    let mock = try await MockServeProcess(arguments: ["--fixtures", "Fixtures"])
    defer { mock.terminate() }
    let route = ["--route", "/openai/v1/chat/completion", "--format", "json"]
    let offline = try await Harness.run(["diagnose", "--fixtures", "Fixtures"] + route)
    let live = try await Harness.run(
      ["diagnose", "--base-url", mock.url] + route, env: ["ANYINT_API_KEY": "sk-anyint-mock"])
    for r in [offline, live] {
      #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
      let lines = try Self.verdict(r)
      #expect(
        lines.count == 1
          && lines[0].hasPrefix("could not judge: the route answered 404 to every probe"),
        "\(lines)")
      let results = try Self.json(r.stdout)["probes"]?.arrayValue?.compactMap {
        $0["result"]?.stringValue
      }
      #expect(results?.allSatisfy { $0 == "route-not-found" } == true, "\(results ?? [])")
      #expect(!r.stdout.contains("\"accepted\","), "no probe is accepted")
    }
    // Replay and the mock give the same verdict for the same answers.
    #expect(try Self.verdict(offline) == Self.verdict(live))
  }

  @Test func nothingAnsweringCannotBeJudged() async throws {
    let r = try await Harness.run(
      [
        "diagnose", "--base-url", "http://127.0.0.1:9", "--route", "/openai/v1/models",
        "--timeout-ms", "2000",
      ],
      env: ["ANYINT_API_KEY": Self.key])
    #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
    #expect(
      r.stdout.contains("verdict: could not judge: no probe got an HTTP answer"), "\(r.stdout)")
    #expect(!r.stdout.contains("does NOT accept"), "\(r.stdout)")
    #expect(!r.stdout.contains("not enforced"), "\(r.stdout)")
  }

  @Test func aWrongKeyAnswered400IsNamedInDiagnoseAndRun() async throws {
    let dir = Harness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    Harness.write(Self.noDB, to: dir + "/gw/chat.fixture.json")
    let d = try await Harness.run(
      [
        "diagnose", "--fixtures", "gw", "--route", "/openai/v1/chat/completions", "--format",
        "json",
      ],
      in: dir)
    #expect(d.status == 1)
    let lines = try Self.verdict(d)
    #expect(
      lines.contains(
        "answers a wrong key with 400 instead of the documented 401 (probe 'invalid key')"),
      "\(lines)")
    #expect(!lines.contains { $0.contains("authentication is not enforced") }, "\(lines)")
    // run: the same answer to a scenario with a wrong key is a finding, and the advice is about the key.
    Harness.write(
      """
      [{"id": "wrong.key", "summary": "s", "request": {"method": "POST", "path": "/openai/v1/chat/completions",
        "key": "invalid", "json": {"model": "m", "messages": []}}, "expect": {"status": 401}}]
      """, to: dir + "/scenarios/s.json")
    let r = try await Harness.run(["run", "--fixtures", "gw"], in: dir)
    #expect(r.status == 1)
    #expect(r.stdout.contains("finding wrong-key-not-401:"), "\(r.stdout)")
    #expect(!r.stdout.contains("Fix the request body"), "\(r.stdout)")
    #expect(r.stdout.contains("400 openai invalid-api-key -> retry no"), "\(r.stdout)")
    let explain = try await Harness.run(["explain", "wrong-key-not-401"])
    #expect(explain.status == 0, "\(explain.stdout)\(explain.stderr)")
  }

  static let streams = """
    [
      {"id": "json.to.stream", "summary": "LiteLLM answers /v1/messages with JSON though a stream was asked",
       "request": {"method": "POST", "path": "/anthropic/v1/messages",
                   "json": {"model": "claude-sonnet-4-5", "max_tokens": 8, "stream": true, "messages": []}},
       "expect": {"status": 200, "stream": {"format": "anthropic-sse", "complete": true}}},
      {"id": "no.done", "summary": "an OpenAI stream with a finish_reason and no [DONE]",
       "request": {"method": "POST", "path": "/openai/v1/chat/completions",
                   "json": {"model": "gpt-4o-mini", "stream": true, "messages": []}},
       "expect": {"status": 200, "situation": "success", "stream": {"format": "openai-sse", "complete": true}}}
    ]
    """

  static let streamFixtures = """
    [
      {"id": "json.answer", "request": {"method": "POST", "path": "/anthropic/v1/messages", "anyBody": true},
       "response": {"status": 200, "json": {"id": "msg_1", "type": "message", "role": "assistant", "content": [{"type": "text", "text": "hi"}], "stop_reason": "end_turn"}}},
      {"id": "no.done", "request": {"method": "POST", "path": "/openai/v1/chat/completions", "anyBody": true},
       "response": {"status": 200, "headers": {"content-type": "text/event-stream"}, "chunks": [
         {"json": {"id": "c", "object": "chat.completion.chunk", "choices": [{"index": 0, "delta": {"content": "hi"}, "finish_reason": null}]}},
         {"json": {"id": "c", "object": "chat.completion.chunk", "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}}
       ]}}
    ]
    """

  @Test func streamsAreJudgedAsWhatTheyAre() async throws {
    let dir = Harness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    Harness.write(Self.streams, to: dir + "/scenarios/s.json")
    Harness.write(Self.streamFixtures, to: dir + "/Fixtures/s.fixture.json")
    let r = try await Harness.run(["run", "--no-delays"], in: dir)
    #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
    let report = try Self.json(Harness.read(dir + "/Reports/report.json") ?? "")
    let byID = Dictionary(
      uniqueKeysWithValues: (report["scenarios"]?.arrayValue ?? []).compactMap { s in
        s["id"]?.stringValue.map { ($0, s) }
      })
    let json = byID["json.to.stream"]
    #expect(json?["situation"] == "success", "\(json ?? .null)")
    #expect(json?["outcome"] == "failed")
    #expect(json?["findings"]?.arrayValue?.contains { $0["id"] == "not-a-stream" } == true)
    #expect(
      json?["failures"]?.arrayValue?.contains { $0["expected"] == "an event stream" } == true,
      "\(json?["failures"] ?? .null)")
    #expect(!r.stdout.contains("interrupted-stream"), "\(r.stdout)")
    let done = byID["no.done"]
    #expect(done?["outcome"] == "passed", "\(done ?? .null)")
    #expect(done?["findings"]?.arrayValue?.contains { $0["id"] == "stream-without-done" } == true)
    for id in ["not-a-stream", "stream-without-done"] {
      #expect(try await Harness.run(["explain", id]).status == 0, "explain \(id)")
    }
  }
}
