/// Anthropic-compatible success answers in Anthropic's shapes: messages (and the named-event stream
/// `message_start` ... `message_stop`, no `[DONE]`), count_tokens, the models list.
public enum AnthropicShapes {
  public static func message(_ request: JSONValue, _ ctx: ShapeContext) -> ContractBody {
    let model = request["model"]?.stringValue ?? "model"
    let intent = intent(request)
    let prompt = ShapeContext.inputTokens(request)
    let (text, tokens, cut) = OpenAIShapes.replyText(
      intent, ctx, limit: request["max_tokens"]?.intValue)
    let stop = intent.isCall ? "tool_use" : (cut ? "max_tokens" : "end_turn")
    let block: JSONValue
    if case .call(let name, let input) = intent {
      block = [
        "type": "tool_use", "id": .string("toolu_" + ctx.id), "name": .string(name),
        "input": input,
      ]
    } else {
      block = ["type": "text", "text": .string(text)]
    }
    var message: JSONObject = [
      "id": .string("msg_" + ctx.id), "type": "message", "role": "assistant",
      "model": .string(model), "content": [block], "stop_reason": .string(stop),
      "stop_sequence": .null,
      "usage": [
        "input_tokens": .number(Double(prompt)), "output_tokens": .number(Double(tokens)),
        "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0, "service_tier": "standard",
      ],
    ]
    guard request["stream"]?.boolValue == true else { return .json(.object(message)) }

    var events: [ContractStream.Event] = []
    func emit(_ type: String, _ fields: JSONObject = [:]) {
      var o: JSONObject = ["type": .string(type)]
      for m in fields.members { o[m.key] = m.value }
      events.append(ContractStream.Event(name: type, json: .object(o)))
    }
    message["content"] = []
    message["stop_reason"] = .null
    message["usage"] = [
      "input_tokens": .number(Double(prompt)), "output_tokens": 1,
      "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0, "service_tier": "standard",
    ]
    emit("message_start", ["message": .object(message)])
    if case .call(let name, let input) = intent {
      emit(
        "content_block_start",
        [
          "index": 0,
          "content_block": [
            "type": "tool_use", "id": .string("toolu_" + ctx.id), "name": .string(name),
            "input": [:],
          ],
        ])
      emit("ping")
      emit(
        "content_block_delta",
        [
          "index": 0,
          "delta": ["type": "input_json_delta", "partial_json": .string(JSONWriter.string(input))],
        ])
    } else {
      emit("content_block_start", ["index": 0, "content_block": ["type": "text", "text": ""]])
      emit("ping")
      for piece in ShapeContext.pieces(text) {
        emit(
          "content_block_delta",
          ["index": 0, "delta": ["type": "text_delta", "text": .string(piece)]])
      }
    }
    emit("content_block_stop", ["index": 0])
    emit(
      "message_delta",
      [
        "delta": ["stop_reason": .string(stop), "stop_sequence": .null],
        "usage": ["output_tokens": .number(Double(tokens))],
      ])
    emit("message_stop")
    return .stream(ContractStream(events: events))
  }

  public static func countTokens(_ request: JSONValue) -> JSONValue {
    ["input_tokens": .number(Double(ShapeContext.inputTokens(request)))]
  }

  /// Tools and `tool_choice` of a messages request (`any` or a named tool forces a call).
  static func intent(_ request: JSONValue) -> ToolIntent {
    let tools = (request["tools"]?.arrayValue ?? []).filter { $0["input_schema"] != nil }
    let choice = request["tool_choice"]?["type"]?.stringValue
    let forcedName = request["tool_choice"]?["name"]?.stringValue
    let lastMessage = request["messages"]?.arrayValue?.last
    // A user turn that only carries tool results continues an agent loop: answer in text.
    let resultsOnly =
      lastMessage?["content"]?.arrayValue?.allSatisfy {
        $0["type"]?.stringValue == "tool_result"
      } ?? false
    let lastRole = resultsOnly ? "tool" : lastMessage?["role"]?.stringValue
    guard !tools.isEmpty, choice != "none",
      ToolIntent.callsTool(
        forced: choice == "any" || choice == "tool", offered: true, lastRole: lastRole)
    else { return .text }
    let tool = tools.first { $0["name"]?.stringValue == forcedName } ?? tools[0]
    return .call(
      name: tool["name"]?.stringValue ?? "tool",
      arguments: SchemaInstance.instance(of: tool["input_schema"] ?? ["type": "object"]))
  }

  /// A models list answer (`GET /anthropic/v1/models`) with the documented fields.
  public static func modelsList(_ models: [String]) -> JSONValue {
    [
      "data": .array(
        models.map {
          [
            "type": "model", "id": .string($0), "display_name": .string($0),
            "created_at": "2026-01-01T00:00:00Z",
          ]
        }),
      "has_more": false, "first_id": .optionalString(models.first),
      "last_id": .optionalString(models.last),
    ]
  }
}
