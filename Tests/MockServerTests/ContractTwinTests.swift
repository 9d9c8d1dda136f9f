import ConformanceCore
import Testing

@testable import MockServer

/// The contract twin's answers, asked directly (no sockets): errors in the documented order and envelopes,
/// successes in the upstream shapes, tasks moving through their states.
@Suite struct ContractTwinTests {
  static let key = "sk-twin-valid-key"
  static let bearer = [("authorization", "Bearer \(key)"), ("content-type", "application/json")]
  static let anthropic = [
    ("x-api-key", key), ("anthropic-version", "2023-06-01"), ("content-type", "application/json"),
  ]

  static func twin(taskMs: Int = 3000, models: ModelAccess? = nil) -> ContractResponder {
    var configuration = ContractConfiguration(taskMs: taskMs, eventDelayMs: 0)
    if let models { configuration.models = models }
    return ContractResponder(
      configuration: configuration, validKey: key, tasks: ContractTasks(taskMs: taskMs))
  }

  static func ask(
    _ twin: ContractResponder, _ method: String, _ target: String, _ body: String = "",
    headers: [(String, String)] = bearer
  ) -> ResponderAnswer {
    twin.answer(
      HTTPRequest(
        method: method, target: target, headers: HTTPHeaders(headers), body: Array(body.utf8)))
  }

  static let chat = #"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}"#
  static let message =
    #"{"model":"claude-sonnet-4-5","max_tokens":64,"messages":[{"role":"user","content":"hi"}]}"#

  /// (request, expected status, expected error type or code, expected param)
  static let refusals: [(String, String, String, [(String, String)], Int, String, String?)] = [
    ("unpublished route", "GET", "/v1/models", bearer, 404, "route_not_found", nil),
    (
      "x-api-key on openai", "POST", "/openai/v1/chat/completions", anthropic, 401,
      "invalid_api_key", nil
    ),
    (
      "wrong key", "POST", "/openai/v1/chat/completions",
      [("authorization", "Bearer sk-nope-000000")], 401, "invalid_api_key", nil
    ),
    (
      "bearer on anthropic", "POST", "/anthropic/v1/messages",
      bearer + [("anthropic-version", "2023-06-01")], 401, "invalid_api_key", nil
    ),
    (
      "no version", "POST", "/anthropic/v1/messages", [("x-api-key", key)], 400,
      "invalid_request_error", "anthropic-version"
    ),
    (
      "unknown version", "POST", "/anthropic/v1/messages",
      [("x-api-key", key), ("anthropic-version", "2026-10-21")], 400, "invalid_request_error",
      "anthropic-version"
    ),
  ]

  @Test(arguments: refusals.indices)
  func refusesAsDocumented(_ i: Int) throws {
    let (name, method, path, headers, status, kind, param) = Self.refusals[i]
    let body = path.hasPrefix("/anthropic") ? Self.message : Self.chat
    let a = Self.ask(Self.twin(), method, path, method == "GET" ? "" : body, headers: headers)
    #expect(a.response.status == status, "\(name)")
    let error = try JSONParser.parse(a.response.body)["error"]
    #expect(error?["code"]?.stringValue == kind || error?["type"]?.stringValue == kind, "\(name)")
    if let param { #expect(error?["param"]?.stringValue == param, "\(name)") }
  }

  @Test func refusesBadBodiesAndModels() throws {
    let twin = Self.twin(
      models: ModelAccess(available: ["gpt-4o-mini"], disabled: ["off"], blocked: ["policy"]))
    func error(_ body: String, path: String = "/openai/v1/chat/completions") throws -> (
      Int, JSONValue?
    ) {
      let a = Self.ask(twin, "POST", path, body)
      return (a.response.status, try JSONParser.parse(a.response.body)["error"])
    }
    var (status, e) = try error(#"{"model": "gpt-4o-mini", "messages": ["#)
    #expect(status == 400 && e?["message"] == "Invalid JSON in request body")
    (status, e) = try error(#"{"messages": []}"#)
    #expect(status == 400 && e?["param"] == "model")
    (status, e) = try error(#"{"model": "nope", "messages": []}"#)
    #expect(status == 404 && e?["code"] == "model_not_found")
    (status, e) = try error(#"{"model": "off", "messages": []}"#)
    #expect(status == 403 && e?["code"] == "model_not_available")
    (status, e) = try error(#"{"model": "policy", "messages": []}"#)
    #expect(status == 403 && e?["code"] == "access_blocked")
    (status, e) = try error(
      #"{"model": "gpt-4o-mini"}"#, path: "/gemini/v1beta/models/gpt-4o-mini:generateContent")
    #expect(status == 400 && e?["param"] == "contents")
    // AI Music: the documented {code, msg} envelope; custom mode needs style and title.
    let music = Self.ask(
      twin, "POST", "/suno/generate",
      #"{"customMode": true, "instrumental": true, "model": "V4", "callBackUrl": "http://x"}"#)
    let m = try JSONParser.parse(music.response.body)
    #expect(music.response.status == 400 && m["code"] == 400)
    #expect(m["msg"]?.stringValue?.contains("style") == true)
    let badModel = Self.ask(
      twin, "POST", "/suno/generate",
      #"{"customMode": false, "instrumental": false, "model": "V9", "prompt": "p", "callBackUrl": "http://x"}"#
    )
    #expect(badModel.response.status == 400)
  }

  @Test func answersInTheUpstreamShapes() throws {
    let twin = Self.twin()
    let chat = try JSONParser.parse(
      Self.ask(twin, "POST", "/openai/v1/chat/completions", Self.chat).response.body)
    #expect(chat["object"] == "chat.completion")
    #expect(
      chat["choices"]?.arrayValue?.first?["message"]?["content"]?.stringValue?.isEmpty == false)
    #expect(chat["usage"]?["total_tokens"]?.intValue ?? 0 > 0)
    let message = try JSONParser.parse(
      Self.ask(twin, "POST", "/anthropic/v1/messages", Self.message, headers: Self.anthropic)
        .response.body)
    #expect(message["type"] == "message" && message["stop_reason"] == "end_turn")
    let models = try JSONParser.parse(
      Self.ask(twin, "GET", "/anthropic/v1/models", headers: Self.anthropic).response.body)
    #expect(models["has_more"] == false && models["data"]?.arrayValue?.first?["type"] == "model")
    // Forced tool call, with arguments of the tool's schema.
    let tools = #"""
      {"model":"gpt-4o-mini","messages":[{"role":"user","content":"x"}],"tool_choice":"required",
       "tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object","properties":{"n":{"type":"integer"}}}}}]}
      """#
    let call = try JSONParser.parse(
      Self.ask(twin, "POST", "/openai/v1/chat/completions", tools).response.body)
    #expect(call["choices"]?.arrayValue?.first?["finish_reason"] == "tool_calls")
    let arguments = call["choices"]?.arrayValue?.first?["message"]?["tool_calls"]?.arrayValue?
      .first?["function"]?["arguments"]?.stringValue
    #expect(try JSONParser.parse(arguments ?? "") == ["n": 0])
  }

  /// Streams in each family's SSE format: OpenAI chunks ending in [DONE] with the usage chunk, Anthropic's
  /// named events, Gemini data events.
  @Test func streamsInTheFamilysFormat() {
    let twin = Self.twin()
    func events(_ a: ResponderAnswer) -> [String] {
      let text = String(decoding: a.response.fullBody, as: UTF8.self)
      return text.components(separatedBy: "\n").filter {
        $0.hasPrefix("event: ") || $0.hasPrefix("data: ")
      }
    }
    let chat = events(
      Self.ask(
        twin, "POST", "/openai/v1/chat/completions",
        #"{"model":"gpt-4o-mini","messages":[],"stream":true,"stream_options":{"include_usage":true}}"#
      ))
    #expect(chat.last == "data: [DONE]")
    #expect(chat.dropLast().last?.contains(#""choices":[]"#) == true)
    #expect(chat.dropLast().last?.contains(#""total_tokens""#) == true)
    let anthropic = events(
      Self.ask(
        twin, "POST", "/anthropic/v1/messages",
        #"{"model":"claude-sonnet-4-5","max_tokens":9,"messages":[],"stream":true}"#,
        headers: Self.anthropic))
    let names = anthropic.filter { $0.hasPrefix("event: ") }.map { String($0.dropFirst(7)) }
    #expect(names.first == "message_start" && names.last == "message_stop")
    #expect(names.contains("content_block_delta") && !anthropic.contains("data: [DONE]"))
    let gemini = Self.ask(
      twin, "POST", "/gemini/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
      #"{"contents":[{"role":"user","parts":[{"text":"hi"}]}]}"#)
    #expect(gemini.response.chunks?.count ?? 0 > 1)
    #expect(events(gemini).last?.contains("finishReason") == true)
  }

  /// A task moves through its documented states over taskMs and calls back text, first, complete (twice).
  @Test(.timeLimit(.minutes(1)))
  func tasksMoveThroughTheirStates() async throws {
    let twin = Self.twin(taskMs: 2000)
    let create = Self.ask(
      twin, "POST", "/suno/generate",
      #"{"customMode": false, "instrumental": false, "model": "V4", "prompt": "p", "callBackUrl": "http://127.0.0.1:9/cb"}"#
    )
    let task = try #require(create.taskID)
    #expect(try JSONParser.parse(create.response.body)["data"]?["taskId"]?.stringValue == task)
    #expect(
      create.callbacks.map { $0.callback.body["callbackType"]?.stringValue } == [
        "text", "first", "complete", "complete",
      ])
    #expect(
      create.callbacks.map(\.callback.afterMs) == create.callbacks.map(\.callback.afterMs).sorted())
    func state() throws -> String? {
      try JSONParser.parse(Self.ask(twin, "GET", "/suno/query/task?taskId=\(task)").response.body)[
        "data"]?["status"]?.stringValue
    }
    // A failing task ends in the documented failure state.
    let video = try #require(
      Self.ask(twin, "POST", "/openai/v1/videos", #"{"model":"sora-2","prompt":"p"}"#).taskID)
    twin.tasks.markFailing(video)
    // Only lower bounds on time: a busy machine may make the first poll late, never early.
    #expect(try state() != "SUCCESS")
    try await Task.sleep(for: .milliseconds(2300))
    #expect(try state() == "SUCCESS")
    #expect(Self.ask(twin, "GET", "/suno/query/task?taskId=nope").response.status == 404)
    #expect(twin.tasks.terminalTimes()[task] != nil)
    let failed = try JSONParser.parse(
      Self.ask(twin, "GET", "/openai/v1/videos/\(video)").response.body)
    #expect(failed["status"] == "failed" && failed["error"]?["code"] != nil)
  }
}
