/// OpenAI Responses API answers: the `response` object and its named event stream (`response.created` ...
/// `response.completed`, each with `type` and `sequence_number`).
public enum ResponsesShapes {
  /// The answer to `POST /openai/v1/responses`, and the stored response `GET .../responses/{id}` returns.
  public static func response(_ request: JSONValue, _ ctx: ShapeContext) -> (
    body: ContractBody, stored: JSONValue
  ) {
    let intent = intent(request)
    let (text, tokens, cut) = OpenAIShapes.replyText(
      intent, ctx, limit: request["max_output_tokens"]?.intValue)
    let prompt = ShapeContext.inputTokens(request)
    let messageID = "msg_" + ctx.id
    let item: JSONValue
    if case .call(let name, let arguments) = intent {
      item = [
        "type": "function_call", "id": .string("fc_" + ctx.id),
        "call_id": .string("call_" + ctx.id),
        "name": .string(name), "arguments": .string(JSONWriter.string(arguments)),
        "status": "completed",
      ]
    } else {
      item = [
        "type": "message", "id": .string(messageID), "status": "completed", "role": "assistant",
        "content": [["type": "output_text", "text": .string(text), "annotations": []]],
      ]
    }
    var done = envelope(request, ctx, status: cut ? "incomplete" : "completed")
    done["output"] = [item]
    done["incomplete_details"] = cut ? ["reason": "max_output_tokens"] : .null
    done["usage"] = [
      "input_tokens": .number(Double(prompt)), "input_tokens_details": ["cached_tokens": 0],
      "output_tokens": .number(Double(tokens)), "output_tokens_details": ["reasoning_tokens": 0],
      "total_tokens": .number(Double(prompt + tokens)),
    ]
    let stored = JSONValue.object(done)
    guard request["stream"]?.boolValue == true else { return (.json(stored), stored) }

    var events: [ContractStream.Event] = []
    func emit(_ type: String, _ fields: JSONObject) {
      var o: JSONObject = ["type": .string(type), "sequence_number": .number(Double(events.count))]
      for m in fields.members { o[m.key] = m.value }
      events.append(ContractStream.Event(name: type, json: .object(o)))
    }
    var started = envelope(request, ctx, status: "in_progress")
    started["output"] = []
    emit("response.created", ["response": .object(started)])
    emit("response.in_progress", ["response": .object(started)])
    if case .call = intent {
      var pending = item.objectValue ?? [:]
      pending["status"] = "in_progress"
      pending["arguments"] = ""
      emit("response.output_item.added", ["output_index": 0, "item": .object(pending)])
      let itemID = item["id"] ?? .null
      emit(
        "response.function_call_arguments.delta",
        ["item_id": itemID, "output_index": 0, "delta": item["arguments"] ?? ""])
      emit(
        "response.function_call_arguments.done",
        ["item_id": itemID, "output_index": 0, "arguments": item["arguments"] ?? ""])
    } else {
      let empty: JSONValue = ["type": "output_text", "text": "", "annotations": []]
      let at: JSONObject = ["item_id": .string(messageID), "output_index": 0, "content_index": 0]
      emit(
        "response.output_item.added",
        [
          "output_index": 0,
          "item": [
            "type": "message", "id": .string(messageID), "status": "in_progress",
            "role": "assistant", "content": [],
          ],
        ])
      emit("response.content_part.added", merge(at, ["part": empty]))
      for piece in ShapeContext.pieces(text) {
        emit("response.output_text.delta", merge(at, ["delta": .string(piece), "logprobs": []]))
      }
      emit("response.output_text.done", merge(at, ["text": .string(text), "logprobs": []]))
      emit(
        "response.content_part.done",
        merge(at, ["part": ["type": "output_text", "text": .string(text), "annotations": []]]))
    }
    emit("response.output_item.done", ["output_index": 0, "item": item])
    emit(cut ? "response.incomplete" : "response.completed", ["response": stored])
    return (.stream(ContractStream(events: events)), stored)
  }

  static func merge(_ a: JSONObject, _ b: JSONObject) -> JSONObject {
    var out = a
    for m in b.members { out[m.key] = m.value }
    return out
  }

  /// The response object's fields that echo the request.
  static func envelope(_ request: JSONValue, _ ctx: ShapeContext, status: String) -> JSONObject {
    [
      "id": .string("resp_" + ctx.id), "object": "response",
      "created_at": .number(Double(ctx.created)), "status": .string(status), "error": .null,
      "incomplete_details": .null, "instructions": request["instructions"] ?? .null,
      "max_output_tokens": request["max_output_tokens"] ?? .null,
      "model": request["model"] ?? "model", "parallel_tool_calls": true,
      "previous_response_id": request["previous_response_id"] ?? .null,
      "reasoning": ["effort": .null, "summary": .null], "store": true,
      "temperature": request["temperature"] ?? 1,
      "text": request["text"] ?? ["format": ["type": "text"]],
      "tool_choice": request["tool_choice"] ?? "auto", "tools": request["tools"] ?? [],
      "top_p": request["top_p"] ?? 1, "truncation": "disabled", "user": .null,
      "metadata": request["metadata"] ?? [:],
    ]
  }

  /// Tools and `text.format` of a responses request.
  static func intent(_ request: JSONValue) -> ToolIntent {
    let tools = (request["tools"]?.arrayValue ?? []).filter {
      $0["type"]?.stringValue == "function"
    }
    let choice = request["tool_choice"]
    let forcedName = choice?["name"]?.stringValue
    let forced = forcedName != nil || choice?.stringValue == "required"
    let lastRole: String? =
      if request["input"]?.stringValue != nil {
        "user"
      } else {
        request["input"]?.arrayValue?.last.flatMap {
          $0["role"]?.stringValue ?? $0["type"]?.stringValue
        }
      }
    if !tools.isEmpty, choice?.stringValue != "none",
      ToolIntent.callsTool(forced: forced, offered: true, lastRole: lastRole)
    {
      let tool = tools.first { $0["name"]?.stringValue == forcedName } ?? tools[0]
      return .call(
        name: tool["name"]?.stringValue ?? "tool",
        arguments: SchemaInstance.instance(of: tool["parameters"] ?? ["type": "object"]))
    }
    switch request["text"]?["format"]?["type"]?.stringValue {
    case "json_object": return .json(schema: nil)
    case "json_schema": return .json(schema: request["text"]?["format"]?["schema"])
    default: return .text
    }
  }
}
