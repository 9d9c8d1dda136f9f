/// OpenAI streams: data-only `chat.completion.chunk` events ending in `data: [DONE]`; an error arrives as a
/// `{"error": {...}}` payload. The Responses API's named events (`response.*`, `event: error`) are understood
/// too, since `/openai/v1/responses` streams the same way and sends no `[DONE]`.
struct OpenAIRules {
  static let responsesTerminals: Set<String> = [
    "response.completed", "response.incomplete", "response.failed",
  ]

  mutating func observe(_ event: SSEEvent, ordinal: Int, into state: inout StreamState) {
    if event.data == "[DONE]" {
      state.checkAfterTerminal("[DONE]", ordinal: ordinal)
      state.record("[DONE]", event)
      if state.terminal == nil { state.terminal = "[DONE]" }
      return
    }
    guard let json = StreamAnalyzer.parseJSON(event.data) else {
      state.recordNotJSON(event, ordinal: ordinal)
      return
    }
    if let info = Self.error(in: json, eventName: event.name) {
      state.checkAfterTerminal("error", ordinal: ordinal)
      state.noteError(info)
      state.record("error", event)
      return
    }
    let name = event.name ?? json["object"]?.stringValue ?? json["type"]?.stringValue ?? "message"
    state.checkAfterTerminal(name, ordinal: ordinal)
    state.record(name, event)
    // A chunk that finishes a choice: the generation is over even if no [DONE] follows.
    if let reason = json["choices"]?.arrayValue?.lazy.compactMap({
      $0["finish_reason"]?.stringValue
    })
    .first {
      state.finishReason = reason
    }
    if Self.responsesTerminals.contains(name) && state.terminal == nil {
      state.terminal = name
      if name == "response.failed", let err = json["response"]?["error"]?.objectValue {
        state.noteError(
          ErrorInfo(
            type: err["type"], code: err["code"], param: err["param"], message: err["message"]))
      }
    }
  }

  /// The error an OpenAI-style payload reports: `{"error": {...}}`, `{"error": "text"}`, or (under
  /// `event: error`) the Responses API's flat `{"type": "error", "code", "message", "param"}`.
  static func error(in json: JSONValue, eventName: String?) -> ErrorInfo? {
    if let info = Envelope.recognize(json).error { return info }
    if let text = json["error"]?.stringValue { return ErrorInfo(message: .string(text)) }
    guard eventName == "error" || json["type"]?.stringValue == "error" else { return nil }
    return ErrorInfo(
      code: nonNull(json["code"]), param: nonNull(json["param"]), message: nonNull(json["message"]))
  }
}

/// Anthropic streams: named events in the order `message_start`, then per content block `content_block_start`,
/// `content_block_delta`*, `content_block_stop`, then `message_delta`*, then `message_stop`; `ping` anywhere;
/// `event: error` with `{"type": "error", "error": {"type", "message"}}` mid-stream; no `[DONE]`. Unknown event
/// names are allowed (Anthropic's versioning policy may add some).
struct AnthropicRules {
  static let flowNames: Set<String> = [
    "message_start", "content_block_start", "content_block_delta", "content_block_stop",
    "message_delta", "message_stop",
  ]
  private var started = false
  private var open: Set<Int> = []
  private var closed: Set<Int> = []
  private var sawMessageDelta = false

  mutating func observe(_ event: SSEEvent, ordinal: Int, into state: inout StreamState) {
    if event.data == "[DONE]" {
      state.problems.add(
        "a [DONE] terminator: Anthropic streams end with message_stop and send no [DONE]",
        at: ordinal)
      state.record("[DONE]", event)
      return
    }
    let json = StreamAnalyzer.parseJSON(event.data)
    let type = json?["type"]?.stringValue
    let name = event.name ?? type ?? "message"
    state.checkAfterTerminal(name, ordinal: ordinal)
    state.record(name, event)
    if json == nil { state.notJSON(event, ordinal: ordinal) }
    if event.name == nil {
      state.problems.add(
        "an event without an event: name (Anthropic names every event)", at: ordinal)
    } else if let type, type != name {
      state.problems.add("event \"\(name)\" carries type \"\(type)\"", at: ordinal)
    }
    if name == "error" {
      state.noteError(
        json.flatMap { Envelope.recognize($0).error } ?? ErrorInfo(message: .string(event.data)))
      return
    }
    checkOrder(name, index: json?["index"]?.intValue, ordinal: ordinal, into: &state)
  }

  private mutating func checkOrder(
    _ name: String, index: Int?, ordinal: Int, into state: inout StreamState
  ) {
    guard Self.flowNames.contains(name) else { return }
    if name != "message_start" && !started && state.terminal == nil {
      state.problems.add("\(name) before message_start", at: ordinal)
    }
    switch name {
    case "message_start":
      if started { state.problems.add("a second message_start", at: ordinal) }
      started = true
    case "content_block_start", "content_block_delta", "content_block_stop":
      guard let index else {
        state.problems.add("\(name) without an integer index", at: ordinal)
        return
      }
      block(name, index: index, ordinal: ordinal, into: &state)
    case "message_delta":
      if !open.isEmpty {
        state.problems.add(
          "message_delta while content block \(Self.list(open)) is still open", at: ordinal)
      }
      sawMessageDelta = true
    default:  // message_stop
      if !open.isEmpty {
        state.problems.add(
          "message_stop while content block \(Self.list(open)) is still open", at: ordinal)
      }
      if state.terminal == nil { state.terminal = "message_stop" }
    }
  }

  private mutating func block(
    _ name: String, index: Int, ordinal: Int, into state: inout StreamState
  ) {
    switch name {
    case "content_block_start":
      if open.contains(index) || closed.contains(index) {
        state.problems.add(
          "content_block_start for index \(index), which was already started", at: ordinal)
      }
      if sawMessageDelta {
        state.problems.add("content_block_start after message_delta", at: ordinal)
      }
      open.insert(index)
    default:
      if open.contains(index) {
        if name == "content_block_stop" {
          open.remove(index)
          closed.insert(index)
        }
      } else if closed.contains(index) {
        state.problems.add("\(name) for index \(index) after its content_block_stop", at: ordinal)
      } else {
        state.problems.add("\(name) for index \(index) before its content_block_start", at: ordinal)
      }
    }
  }

  private static func list(_ indexes: Set<Int>) -> String {
    indexes.sorted().map(String.init).joined(separator: ", ")
  }
}

/// Gemini `streamGenerateContent?alt=sse` streams: data-only events, each a `GenerateContentResponse`; the last
/// carries `candidates[].finishReason` (or, for a blocked prompt, `promptFeedback.blockReason`); an error
/// arrives as a Google error `{"error": {"code", "message", "status"}}`; no `[DONE]`.
struct GeminiRules {
  mutating func observe(_ event: SSEEvent, ordinal: Int, into state: inout StreamState) {
    if event.data == "[DONE]" {
      state.problems.add("a [DONE] terminator: Gemini streams send no [DONE]", at: ordinal)
      state.record("[DONE]", event)
      return
    }
    guard let json = StreamAnalyzer.parseJSON(event.data) else {
      state.recordNotJSON(event, ordinal: ordinal)
      return
    }
    if let err = json["error"]?.objectValue {
      state.checkAfterTerminal("error", ordinal: ordinal)
      // Google errors name their kind in `status` ("UNAVAILABLE"); it stands in for the missing `type`.
      state.noteError(
        ErrorInfo(
          type: nonNull(err["type"]) ?? nonNull(err["status"]), code: nonNull(err["code"]),
          message: nonNull(err["message"])))
      state.record("error", event)
      return
    }
    let name = json["object"]?.stringValue ?? "message"
    state.checkAfterTerminal(name, ordinal: ordinal)
    state.record(name, event)
    let finished =
      json["candidates"]?.arrayValue?.contains {
        ($0["finishReason"]?.stringValue ?? "").isEmpty == false
      } ?? false
    let blocked = (json["promptFeedback"]?["blockReason"]?.stringValue ?? "").isEmpty == false
    if (finished || blocked) && state.terminal == nil {
      state.terminal = "event with a finishReason"
    }
  }
}

/// The value unless it is absent or JSON null.
private func nonNull(_ value: JSONValue?) -> JSONValue? {
  if let value, value != .null { return value }
  return nil
}
