/// Gemini-compatible success answers in Gemini's shape: `GenerateContentResponse`, and for
/// `streamGenerateContent?alt=sse` a series of them as `data:` events, the last with `finishReason` and usage.
public enum GeminiShapes {
  public static func generate(
    _ request: JSONValue, model: String, stream: Bool, _ ctx: ShapeContext
  ) -> ContractBody {
    let config = request["generationConfig"]
    let prompt = ShapeContext.inputTokens(request)
    let intent = intent(request)
    let (text, tokens, cut) = OpenAIShapes.replyText(
      intent, ctx, limit: config?["maxOutputTokens"]?.intValue)
    let finish = cut ? "MAX_TOKENS" : "STOP"
    let usage: JSONValue = [
      "promptTokenCount": .number(Double(prompt)), "candidatesTokenCount": .number(Double(tokens)),
      "totalTokenCount": .number(Double(prompt + tokens)),
      "promptTokensDetails": [["modality": "TEXT", "tokenCount": .number(Double(prompt))]],
    ]
    func response(_ parts: [JSONValue], finish: String?, usage: JSONValue?) -> JSONValue {
      var candidate: JSONObject = [
        "content": ["parts": .array(parts), "role": "model"], "index": 0,
      ]
      if let finish { candidate["finishReason"] = .string(finish) }
      var o: JSONObject = [
        "candidates": [.object(candidate)], "modelVersion": .string(model),
        "responseId": .string("twin-" + ctx.id),
      ]
      if let usage { o["usageMetadata"] = usage }
      return .object(o)
    }
    var parts: [JSONValue]
    if case .call(let name, let args) = intent {
      parts = [["functionCall": ["name": .string(name), "args": args]]]
    } else {
      parts = [["text": .string(text)]]
    }
    guard stream else { return .json(response(parts, finish: finish, usage: usage)) }
    if !intent.isCall {
      parts = ShapeContext.pieces(text).map { ["text": .string($0)] }
    }
    let events = parts.enumerated().map { i, part in
      let last = i == parts.count - 1
      return ContractStream.Event(
        json: response([part], finish: last ? finish : nil, usage: last ? usage : nil))
    }
    return .stream(ContractStream(events: events, separator: "\r\n\r\n"))
  }

  /// Function declarations with `toolConfig.functionCallingConfig.mode` ANY force a call; JSON output comes
  /// from `responseMimeType: application/json` with `responseSchema` or `responseJsonSchema`.
  static func intent(_ request: JSONValue) -> ToolIntent {
    let declarations = (request["tools"]?.arrayValue ?? []).flatMap {
      $0["functionDeclarations"]?.arrayValue ?? []
    }
    let mode = request["toolConfig"]?["functionCallingConfig"]?["mode"]?.stringValue?.uppercased()
    let lastRole = request["contents"]?.arrayValue?.last.flatMap { content -> String? in
      let isResult =
        content["parts"]?.arrayValue?.contains { $0["functionResponse"] != nil } ?? false
      return isResult ? "tool" : (content["role"]?.stringValue ?? "user")
    }
    if !declarations.isEmpty, mode != "NONE",
      ToolIntent.callsTool(forced: mode == "ANY", offered: true, lastRole: lastRole)
    {
      let d = declarations[0]
      let schema = d["parameters"] ?? d["parametersJsonSchema"] ?? ["type": "object"]
      return .call(
        name: d["name"]?.stringValue ?? "tool", arguments: SchemaInstance.instance(of: schema))
    }
    let config = request["generationConfig"]
    if config?["responseMimeType"]?.stringValue == "application/json" {
      return .json(schema: config?["responseJsonSchema"] ?? config?["responseSchema"])
    }
    return .text
  }
}
