/// Answers of the OpenAI-extended, media and synchronous AI Music routes, in their upstream shapes.
public enum ExtendedShapes {
  /// The answer for a synchronous route; nil for the kinds other builders answer (chat, tasks, ...).
  public static func answer(
    _ kind: RouteContract.Answer, request: JSONValue?, form: [String: String], _ ctx: ShapeContext
  ) -> ContractBody? {
    let t = JSONValue.number(Double(ctx.created))
    switch kind {
    case .embeddings:
      let inputs = min(request?["input"]?.arrayValue?.count ?? 1, 2048)
      let dims = max(1, min(request?["dimensions"]?.intValue ?? 8, 4096))
      let vector = JSONValue.array((0..<dims).map { .number(Double(($0 % 7) + 1) / 10) })
      return .json([
        "object": "list",
        "data": .array(
          (0..<inputs).map {
            ["object": "embedding", "index": .number(Double($0)), "embedding": vector]
          }),
        "model": request?["model"] ?? "model",
        "usage": [
          "prompt_tokens": .number(Double(inputs * 4)), "total_tokens": .number(Double(inputs * 4)),
        ],
      ])
    case .imageGeneration:
      let n = max(1, min(request?["n"]?.intValue ?? 1, 10))
      let item: JSONValue =
        request?["response_format"]?.stringValue == "url"
        ? [
          "url": .string("https://cdn.anyint-twin.example/\(ctx.id).png"),
          "revised_prompt": request?["prompt"] ?? "",
        ]
        : ["b64_json": .string(tinyPNGBase64)]
      return .json(["created": t, "data": .array(Array(repeating: item, count: n))])
    case .speech:
      let format = request?["response_format"]?.stringValue ?? "mp3"
      return .bytes(audio(format), contentType: format == "wav" ? "audio/wav" : "audio/mpeg")
    case .transcription:
      let format = form["response_format"] ?? "json"
      if format == "text" {
        return .bytes(Array((ctx.text + "\n").utf8), contentType: "text/plain")
      }
      return .json(["text": .string(ctx.text)])
    case .moderation:
      let categories = ["harassment", "hate", "self-harm", "sexual", "violence"]
      var flags = JSONObject()
      var scores = JSONObject()
      for c in categories {
        flags[c] = false
        scores[c] = 0.0001
      }
      return .json([
        "id": .string("modr-" + ctx.id), "model": request?["model"] ?? "omni-moderation-latest",
        "results": [
          ["flagged": false, "categories": .object(flags), "category_scores": .object(scores)]
        ],
      ])
    case .fileList:
      return .json(["object": "list", "data": [], "has_more": false])
    case .fileUpload:
      return .json([
        "id": .string("file-" + ctx.id), "object": "file", "bytes": 0, "created_at": t,
        "filename": .string(form["filename"] ?? "upload.jsonl"),
        "purpose": .string(form["purpose"] ?? "batch"),
        "status": "processed", "expires_at": .null, "status_details": .null,
      ])
    case .batchList:
      return .json([
        "object": "list", "data": [], "has_more": false, "first_id": .null, "last_id": .null,
      ])
    case .batchCreate:
      return .json([
        "id": .string("batch_" + ctx.id), "object": "batch",
        "endpoint": request?["endpoint"] ?? .null,
        "errors": .null, "input_file_id": request?["input_file_id"] ?? .null,
        "completion_window": request?["completion_window"] ?? "24h", "status": "validating",
        "output_file_id": .null, "error_file_id": .null, "created_at": t,
        "in_progress_at": .null, "expires_at": .number(Double(ctx.created + 86_400)),
        "finalizing_at": .null, "completed_at": .null, "failed_at": .null, "expired_at": .null,
        "cancelling_at": .null, "cancelled_at": .null,
        "request_counts": ["total": 0, "completed": 0, "failed": 0],
        "metadata": request?["metadata"] ?? .null,
      ])
    case .dashscopeImage:
      return .json([
        "output": [
          "choices": [
            [
              "finish_reason": "stop",
              "message": [
                "role": "assistant",
                "content": [["image": .string("https://cdn.anyint-twin.example/\(ctx.id).png")]],
              ],
            ]
          ]
        ],
        "usage": ["width": 1024, "height": 1024, "image_count": 1],
        "request_id": .string("twin-" + ctx.id),
      ])
    case .musicPersona:
      return .json(
        music([
          "personaId": .string("persona-" + ctx.id), "name": request?["name"] ?? "Twin Persona",
          "description": request?["description"] ?? "A persona made by the AnyInt twin",
        ]))
    case .musicTimestampedLyrics:
      return .json(
        music([
          "alignedWords": [
            ["word": "[Verse]\nA", "success": true, "startS": 1.0, "endS": 1.4, "palign": 0],
            ["word": "twin ", "success": true, "startS": 1.4, "endS": 1.9, "palign": 0],
          ],
          "waveformData": [0, 1, 0.5], "hootCer": 0.1, "isStreamed": false,
        ]))
    case .musicStyle:
      return .json(
        music([
          "taskId": .string("style-" + ctx.id), "param": request?["content"] ?? "",
          "result": "A bright pop arrangement with warm synths and a steady beat.",
          "creditsConsumed": 0, "creditsRemaining": 100, "successFlag": "1", "errorCode": 0,
          "errorMessage": "",
        ]))
    case .videoContent:
      return .bytes(Array("\u{0}\u{0}\u{0}\u{18}ftypmp42".utf8), contentType: "video/mp4")
    default:
      return nil
    }
  }

  static func music(_ data: JSONValue) -> JSONValue {
    ["code": 200, "msg": "success", "data": data]
  }

  /// A 1x1 transparent PNG.
  static let tinyPNGBase64 =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="

  /// A tenth of a second of silence: a real WAV file, or an MPEG frame header with an ID3 tag.
  static func audio(_ format: String) -> [UInt8] {
    guard format == "wav" else {
      return Array("ID3".utf8) + [3, 0, 0, 0, 0, 0, 0] + [0xFF, 0xFB, 0x90, 0x64]
        + [UInt8](repeating: 0, count: 413)
    }
    let samples = 1600
    func le32(_ v: Int) -> [UInt8] { (0..<4).map { UInt8((v >> (8 * $0)) & 0xFF) } }
    func le16(_ v: Int) -> [UInt8] { (0..<2).map { UInt8((v >> (8 * $0)) & 0xFF) } }
    return Array("RIFF".utf8) + le32(36 + samples * 2) + Array("WAVEfmt ".utf8) + le32(16)
      + le16(1) + le16(1) + le32(16_000) + le32(32_000) + le16(2) + le16(16)
      + Array("data".utf8) + le32(samples * 2) + [UInt8](repeating: 0, count: samples * 2)
  }
}
