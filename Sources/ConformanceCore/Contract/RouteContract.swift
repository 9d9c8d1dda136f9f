/// What a documented route asks of a request and what kind of answer it gives: the part of the contract
/// beyond method, path and family (those are `RouteCatalog`'s). The contract twin (`mock serve --contract`)
/// answers by it and the checks read it, so the two cannot drift apart.
///
/// Required fields are the ones AnyInt documents (`contract.md`) and the recorded gateway answers name in
/// their `param` (the `missing-*` fixtures): a request without one gets `400` naming it.
public struct RouteContract: Sendable {
  /// How the request body is sent.
  public enum Body: Sendable, Equatable {
    case none
    case json
    /// `multipart/form-data` (uploads); required fields are form field names.
    case multipart
  }

  /// Whether and how the route streams its answer.
  public enum Streaming: Sendable, Equatable {
    case never
    /// When the body says `"stream": true`.
    case onRequest
    /// Always (Gemini's `streamGenerateContent`).
    case always
  }

  /// Where the model a request asks for is named.
  public enum ModelSource: Sendable, Equatable {
    /// A body field (`model`).
    case body(String)
    /// The `models/{model}:...` path segment (Gemini).
    case path
  }

  /// The kind of success answer the route gives, in the upstream API's shape.
  public enum Answer: Sendable, Equatable {
    case chatCompletion, response, responseRetrieve, message, countTokens, geminiGenerate
    case modelsList, embeddings, imageGeneration, speech, transcription, moderation
    case fileList, fileUpload, batchList, batchCreate, videoContent, dashscopeImage
    case musicPersona, musicTimestampedLyrics, musicStyle
    /// Creates an async task of this kind.
    case taskCreate(TaskKind)
    /// Answers the state of a task of this kind.
    case taskQuery(TaskKind)
  }

  public let route: Route
  public let body: Body
  /// Fields a request must carry (top-level names; `a.b` for a nested one).
  public let required: [String]
  public let streaming: Streaming
  /// Where the model is named, for routes whose model must be one the account may use.
  public let model: ModelSource?
  public let answer: Answer

  init(
    _ route: Route, body: Body = .json, required: [String] = [], streaming: Streaming = .never,
    model: ModelSource? = nil, answer: Answer
  ) {
    self.route = route
    self.body = body
    self.required = required
    self.streaming = streaming
    self.model = model
    self.answer = answer
  }

  /// The contract of the documented route a request goes to, if any. The table describes AnyInt's routes;
  /// a catalog's other routes have no contract.
  public static func of(method: String, path: String, catalog: RouteCatalog = .anyint)
    -> RouteContract?
  {
    guard let route = catalog.route(method: method, path: path) else { return nil }
    return table[route.method + " " + route.pattern].map { $0(route) }
  }

  /// Whether a request asks for a streamed answer.
  public func streams(_ body: JSONValue?) -> Bool {
    switch streaming {
    case .never: return false
    case .always: return true
    case .onRequest: return body?["stream"]?.boolValue == true
    }
  }

  /// The documented AI Music model ids (`/suno/generate` and the routes that take a `model`).
  public static let musicModels = ["V4", "V4_5", "V4_5PLUS", "V4_5ALL", "V5"]

  /// Fields required only in some forms of a request: `/suno/generate` asks for `style` and `title` in custom
  /// mode (and `prompt` unless instrumental), and for `prompt` otherwise.
  public func conditionallyRequired(_ body: JSONValue) -> [String] {
    guard route.pattern == "/suno/generate" else { return [] }
    if body["customMode"]?.boolValue == true {
      return ["style", "title"] + (body["instrumental"]?.boolValue == true ? [] : ["prompt"])
    }
    return ["prompt"]
  }

  typealias Entry = @Sendable (Route) -> RouteContract

  static let table: [String: Entry] = {
    var t: [String: Entry] = [
      "GET /openai/v1/models": { RouteContract($0, body: .none, answer: .modelsList) },
      "GET /anthropic/v1/models": { RouteContract($0, body: .none, answer: .modelsList) },
      "POST /openai/v1/chat/completions": {
        RouteContract(
          $0, required: ["model", "messages"], streaming: .onRequest, model: .body("model"),
          answer: .chatCompletion)
      },
      "POST /openai/v1/responses": {
        RouteContract(
          $0, required: ["model"], streaming: .onRequest, model: .body("model"), answer: .response)
      },
      "GET /openai/v1/responses/{response_id}": {
        RouteContract($0, body: .none, answer: .responseRetrieve)
      },
      "POST /anthropic/v1/messages": {
        RouteContract(
          $0, required: ["model", "max_tokens", "messages"], streaming: .onRequest,
          model: .body("model"), answer: .message)
      },
      "POST /anthropic/v1/messages/count_tokens": {
        RouteContract(
          $0, required: ["model", "messages"], model: .body("model"), answer: .countTokens)
      },
      "POST /gemini/v1beta/models/{model}:generateContent": {
        RouteContract($0, required: ["contents"], model: .path, answer: .geminiGenerate)
      },
      "POST /gemini/v1beta/models/{model}:streamGenerateContent": {
        RouteContract(
          $0, required: ["contents"], streaming: .always, model: .path, answer: .geminiGenerate)
      },
      "POST /openai/v1/embeddings": {
        RouteContract($0, required: ["model", "input"], model: .body("model"), answer: .embeddings)
      },
      "POST /openai/v1/images/generations": {
        RouteContract($0, required: ["prompt"], model: .body("model"), answer: .imageGeneration)
      },
      "POST /openai/v1/audio/speech": {
        RouteContract(
          $0, required: ["model", "input", "voice"], model: .body("model"), answer: .speech)
      },
      "POST /openai/v1/audio/transcriptions": {
        RouteContract($0, body: .multipart, required: ["file", "model"], answer: .transcription)
      },
      "POST /openai/v1/audio/translations": {
        RouteContract($0, body: .multipart, required: ["file", "model"], answer: .transcription)
      },
      "POST /openai/v1/moderations": {
        RouteContract($0, required: ["input"], model: .body("model"), answer: .moderation)
      },
      "GET /openai/v1/files": { RouteContract($0, body: .none, answer: .fileList) },
      "POST /openai/v1/files": {
        RouteContract($0, body: .multipart, required: ["file", "purpose"], answer: .fileUpload)
      },
      "GET /openai/v1/batches": { RouteContract($0, body: .none, answer: .batchList) },
      "POST /openai/v1/batches": {
        RouteContract(
          $0, required: ["input_file_id", "endpoint", "completion_window"], answer: .batchCreate)
      },
      "POST /openai/v1/videos": {
        RouteContract(
          $0, required: ["prompt"], model: .body("model"), answer: .taskCreate(.openaiVideo))
      },
      "GET /openai/v1/videos/{video_id}": {
        RouteContract($0, body: .none, answer: .taskQuery(.openaiVideo))
      },
      "GET /openai/v1/videos/{video_id}/content": {
        RouteContract($0, body: .none, answer: .videoContent)
      },
      "POST /dashscope/v1/services/aigc/multimodal-generation/generation": {
        RouteContract(
          $0, required: ["model", "input"], model: .body("model"), answer: .dashscopeImage)
      },
      "POST /dashscope/v1/services/aigc/video-generation/video-synthesis": {
        RouteContract(
          $0, required: ["model", "input"], model: .body("model"), answer: .taskCreate(.dashscope))
      },
      "GET /dashscope/v1/tasks/{task_id}": {
        RouteContract($0, body: .none, answer: .taskQuery(.dashscope))
      },
    ]
    for (name, field) in [
      ("images/generations", "prompt"), ("videos/text2video", "prompt"),
      ("videos/image2video", "image"), ("videos/omni-video", "prompt"),
    ] {
      let kind = TaskKind.kling(name)
      t["POST /transtreams/kling/v1/\(name)"] = {
        RouteContract($0, required: [field], answer: .taskCreate(kind))
      }
      t["GET /transtreams/kling/v1/\(name)/{task_id}"] = {
        RouteContract($0, body: .none, answer: .taskQuery(kind))
      }
    }
    for (name, fields, kind) in musicCreates {
      t["POST /suno/\(name)"] = {
        RouteContract($0, required: fields, answer: kind.map { .taskCreate($0) } ?? .musicStyle)
      }
    }
    t["POST /suno/generate-persona"] = {
      RouteContract($0, required: ["audioId"], answer: .musicPersona)
    }
    t["POST /suno/timestamped-lyrics"] = {
      RouteContract($0, required: ["audioId"], answer: .musicTimestampedLyrics)
    }
    for kind in TaskKind.musicKinds {
      t["GET " + kind.queryPattern] = {
        RouteContract($0, body: .none, required: ["taskId"], answer: .taskQuery(kind))
      }
    }
    return t
  }()

  /// The AI Music create and transform routes: required fields and the task each one starts (nil: answered
  /// at once).
  static let musicCreates: [(String, [String], TaskKind?)] = [
    ("generate", ["customMode", "instrumental", "model", "callBackUrl"], .music),
    ("extend", ["audioId"], .music),
    ("upload-cover", ["uploadUrl"], .music),
    ("upload-extend", ["uploadUrl"], .music),
    ("add-vocals", ["uploadUrl"], .music),
    ("add-instrumental", ["uploadUrl"], .music),
    ("replace-section", ["audioId"], .music),
    ("generate-lyrics", ["prompt"], .lyrics),
    ("generate-cover", ["taskId"], .musicRecord("cover")),
    ("vocal-removal", ["audioId"], .musicRecord("vocal-removal")),
    ("split-stem", ["taskId"], .musicRecord("vocal-removal")),
    ("wav-generate", ["audioId"], .musicRecord("wav")),
    ("mp4-generate", ["audioId"], .musicRecord("mp4")),
    ("style-generate", ["content"], nil),
  ]
}
