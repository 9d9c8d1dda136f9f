/// OpenAI-compatible success answers in OpenAI's shapes: chat completions (and `chat.completion.chunk`
/// streams ending with `[DONE]`, with the `stream_options.include_usage` chunk), responses (and their named
/// event stream), models lists.
public enum OpenAIShapes {
  /// A chat completion for a request: text, a forced or offered tool call, or JSON for `response_format`.
  public static func chatCompletion(_ request: JSONValue, _ ctx: ShapeContext) -> ContractBody {
    let model = request["model"]?.stringValue ?? "model"
    let limit = (request["max_completion_tokens"] ?? request["max_tokens"])?.intValue
    let intent = chatIntent(request)
    let (text, tokens, cut) = replyText(intent, ctx, limit: limit)
    let prompt = ShapeContext.inputTokens(request)
    let finish = intent.isCall ? "tool_calls" : (cut ? "length" : "stop")
    let id = "chatcmpl-" + ctx.id
    let base: JSONObject = [
      "id": .string(id), "created": .number(Double(ctx.created)), "model": .string(model),
      "system_fingerprint": "fp_anyint_twin",
    ]
    let usage: JSONValue = [
      "prompt_tokens": .number(Double(prompt)), "completion_tokens": .number(Double(tokens)),
      "total_tokens": .number(Double(prompt + tokens)),
      "prompt_tokens_details": ["cached_tokens": 0, "audio_tokens": 0],
      "completion_tokens_details": [
        "reasoning_tokens": 0, "audio_tokens": 0, "accepted_prediction_tokens": 0,
        "rejected_prediction_tokens": 0,
      ],
    ]
    let choices = max(1, min(request["n"]?.intValue ?? 1, 8))
    guard request["stream"]?.boolValue == true else {
      var message: JSONObject = ["role": "assistant", "refusal": .null, "annotations": []]
      if case .call(let name, let arguments) = intent {
        message["content"] = .null
        message["tool_calls"] = [toolCall(name, arguments, ctx)]
      } else {
        message["content"] = .string(text)
      }
      var body = base
      body["object"] = "chat.completion"
      body["choices"] = .array(
        (0..<choices).map {
          [
            "index": .number(Double($0)), "message": .object(message), "logprobs": .null,
            "finish_reason": .string(finish),
          ]
        })
      body["usage"] = usage
      body["service_tier"] = "default"
      return .json(.object(body))
    }
    let includeUsage = request["stream_options"]?["include_usage"]?.boolValue == true
    func chunk(_ delta: JSONValue, finish: String?) -> ContractStream.Event {
      var c = base
      c["object"] = "chat.completion.chunk"
      c["choices"] = [
        [
          "index": 0, "delta": delta, "logprobs": .null,
          "finish_reason": .optionalString(finish),
        ]
      ]
      if includeUsage { c["usage"] = .null }
      return ContractStream.Event(json: .object(c))
    }
    var events = [chunk(["role": "assistant", "content": "", "refusal": .null], finish: nil)]
    if case .call(let name, let arguments) = intent {
      let call = toolCall(name, arguments, ctx)
      events.append(
        chunk(
          [
            "tool_calls": [
              [
                "index": 0, "id": call["id"] ?? .null, "type": "function",
                "function": ["name": .string(name), "arguments": ""],
              ]
            ]
          ], finish: nil))
      events.append(
        chunk(
          [
            "tool_calls": [
              ["index": 0, "function": ["arguments": call["function"]?["arguments"] ?? ""]]
            ]
          ], finish: nil))
    } else {
      for piece in ShapeContext.pieces(text) {
        events.append(chunk(["content": .string(piece)], finish: nil))
      }
    }
    events.append(chunk([:], finish: finish))
    if includeUsage {
      var last = base
      last["object"] = "chat.completion.chunk"
      last["choices"] = []
      last["usage"] = usage
      events.append(ContractStream.Event(json: .object(last)))
    }
    events.append(ContractStream.Event(data: "[DONE]"))
    return .stream(ContractStream(events: events))
  }

  static func toolCall(_ name: String, _ arguments: JSONValue, _ ctx: ShapeContext) -> JSONValue {
    [
      "id": .string("call_" + ctx.id), "type": "function",
      "function": ["name": .string(name), "arguments": .string(JSONWriter.string(arguments))],
    ]
  }

  /// Tools and `response_format` of a chat request.
  static func chatIntent(_ request: JSONValue) -> ToolIntent {
    let tools = request["tools"]?.arrayValue ?? []
    let choice = request["tool_choice"]
    let forcedName = choice?["function"]?["name"]?.stringValue
    let forced = forcedName != nil || choice?.stringValue == "required"
    let lastRole = request["messages"]?.arrayValue?.last?["role"]?.stringValue
    if !tools.isEmpty, choice?.stringValue != "none",
      ToolIntent.callsTool(forced: forced, offered: true, lastRole: lastRole)
    {
      let tool =
        tools.first { $0["function"]?["name"]?.stringValue == forcedName } ?? tools[0]
      let name = tool["function"]?["name"]?.stringValue ?? "tool"
      let schema = tool["function"]?["parameters"] ?? ["type": "object"]
      return .call(name: name, arguments: SchemaInstance.instance(of: schema))
    }
    switch request["response_format"]?["type"]?.stringValue {
    case "json_object": return .json(schema: nil)
    case "json_schema": return .json(schema: request["response_format"]?["json_schema"]?["schema"])
    default: return .text
    }
  }

  static func replyText(_ intent: ToolIntent, _ ctx: ShapeContext, limit: Int?) -> (
    String, Int, Bool
  ) {
    switch intent {
    case .json(let schema):
      let value: JSONValue =
        schema.map(SchemaInstance.instance(of:)) ?? ["answer": .string(ctx.text)]
      let text = JSONWriter.string(value)
      return (text, max(1, text.count / 4), false)
    case .call(_, let arguments):
      return ("", max(1, JSONWriter.string(arguments).count / 4), false)
    case .text:
      let r = ctx.reply(limit: limit)
      return (r.text, r.tokens, r.cut)
    }
  }

  /// A models list answer (`GET /openai/v1/models`).
  public static func modelsList(_ models: [String], created: Int) -> JSONValue {
    [
      "object": "list",
      "data": .array(
        models.map {
          [
            "id": .string($0), "object": "model", "created": .number(Double(created)),
            "owned_by": "anyint",
          ]
        }),
    ]
  }
}

extension ToolIntent {
  var isCall: Bool {
    if case .call = self { return true }
    return false
  }
}
