/// A route family of the AnyInt gateway; each documents one auth header family.
public enum Family: String, CaseIterable, Sendable, Codable {
  case openai
  case anthropic
  case gemini
  case media
  case music

  /// The family a path belongs to by its prefix, as scenario format v1 infers it; nil when the prefix is unknown.
  public static func infer(fromPath path: String) -> Family? {
    if path.hasPrefix("/openai/") { return .openai }
    if path.hasPrefix("/anthropic/") { return .anthropic }
    if path.hasPrefix("/gemini/") { return .gemini }
    if path.hasPrefix("/dashscope/") || path.hasPrefix("/transtreams/") { return .media }
    if path.hasPrefix("/suno/") { return .music }
    return nil
  }

  /// The auth header family the route family documents.
  public var documentedAuth: AuthFamily {
    self == .anthropic ? .xAPIKey : .bearer
  }

  /// Extra headers the family documents beside the key (sent when a scenario says `auth: family`).
  public var documentedExtraHeaders: [(name: String, value: String)] {
    self == .anthropic ? [("anthropic-version", RouteCatalog.anthropicVersion)] : []
  }

  /// The error envelope the family documents: AnyInt documents the OpenAI-style envelope for errors, and
  /// AI Music answers with `{code, msg}` bodies.
  public var documentedEnvelope: EnvelopeKind {
    self == .music ? .music : .openai
  }

  /// The display name with its indefinite article: "an OpenAI-compatible", "a Media".
  public var withArticle: String {
    let vowel = displayName.first.map { "AEIOU".contains($0) } ?? false
    return (vowel ? "an " : "a ") + displayName
  }

  public var displayName: String {
    switch self {
    case .openai: return "OpenAI-compatible"
    case .anthropic: return "Anthropic-compatible"
    case .gemini: return "Gemini-compatible"
    case .media: return "Media"
    case .music: return "AI Music (Suno-compatible)"
    }
  }
}

/// How a request presents its key.
public enum AuthFamily: String, CaseIterable, Sendable, Codable {
  case bearer
  case xAPIKey = "x-api-key"
  case both
  case none
}

/// What kind of key a request carried; the key itself is never recorded.
public enum KeyKind: String, CaseIterable, Sendable, Codable {
  case valid
  case invalid
  case empty
  case none
}

/// A documented route: method, path pattern (`{name}` is one path segment) and family.
public struct Route: Sendable, Hashable {
  public let method: String
  public let pattern: String
  public let family: Family
  public let summary: String

  public init(_ method: String, _ pattern: String, _ family: Family, _ summary: String) {
    self.method = method
    self.pattern = pattern
    self.family = family
    self.summary = summary
  }

  /// Whether a concrete path (query ignored) fits the pattern.
  public func matches(path: String) -> Bool {
    let p =
      path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(
        String.init) ?? path
    let want = pattern.split(separator: "/", omittingEmptySubsequences: false)
    let have = p.split(separator: "/", omittingEmptySubsequences: false)
    guard want.count == have.count else { return false }
    for (w, h) in zip(want, have) {
      if w == h { continue }
      // `{model}:generateContent` style segments: a placeholder followed by a literal suffix.
      if let open = w.firstIndex(of: "{"), let close = w.firstIndex(of: "}") {
        let prefix = w[w.startIndex..<open]
        let suffix = w[w.index(after: close)...]
        if h.hasPrefix(prefix), h.hasSuffix(suffix), h.count > prefix.count + suffix.count {
          continue
        }
      }
      return false
    }
    return true
  }
}

/// The routes AnyInt documents (`../shared/anyint/contract.md`), used to tell a 404 for an unpublished route from
/// a 404 for a model, to pick the documented headers, and to build the coverage table.
public enum RouteCatalog {
  public static let anthropicVersion = "2023-06-01"

  public static let routes: [Route] =
    [
      Route("GET", "/openai/v1/models", .openai, "OpenAI-compatible models list"),
      Route("GET", "/anthropic/v1/models", .anthropic, "Anthropic-compatible models list"),
      Route("POST", "/openai/v1/chat/completions", .openai, "chat completions"),
      Route("POST", "/openai/v1/responses", .openai, "responses (beta)"),
      Route("GET", "/openai/v1/responses/{response_id}", .openai, "get a response (beta)"),
      Route("POST", "/anthropic/v1/messages", .anthropic, "messages"),
      Route("POST", "/anthropic/v1/messages/count_tokens", .anthropic, "count tokens"),
      Route(
        "POST", "/gemini/v1beta/models/{model}:generateContent", .gemini, "Gemini generateContent"),
      Route(
        "POST", "/gemini/v1beta/models/{model}:streamGenerateContent", .gemini,
        "Gemini streamGenerateContent"),
      Route("POST", "/openai/v1/embeddings", .openai, "embeddings"),
      Route("POST", "/openai/v1/images/generations", .openai, "image generation"),
      Route("POST", "/openai/v1/audio/speech", .openai, "text to speech"),
      Route("POST", "/openai/v1/audio/transcriptions", .openai, "transcription"),
      Route("POST", "/openai/v1/audio/translations", .openai, "translation"),
      Route("POST", "/openai/v1/moderations", .openai, "moderations"),
      Route("GET", "/openai/v1/files", .openai, "list files"),
      Route("POST", "/openai/v1/files", .openai, "upload a file"),
      Route("GET", "/openai/v1/batches", .openai, "list batches"),
      Route("POST", "/openai/v1/batches", .openai, "create a batch"),
      Route("POST", "/openai/v1/videos", .media, "OpenAI videos: create"),
      Route("GET", "/openai/v1/videos/{video_id}", .media, "OpenAI videos: get"),
      Route("GET", "/openai/v1/videos/{video_id}/content", .media, "OpenAI videos: content"),
      Route(
        "POST", "/dashscope/v1/services/aigc/multimodal-generation/generation", .media,
        "DashScope image generation"),
      Route(
        "POST", "/dashscope/v1/services/aigc/video-generation/video-synthesis", .media,
        "DashScope video task"),
      Route("GET", "/dashscope/v1/tasks/{task_id}", .media, "DashScope task query"),
      Route("POST", "/transtreams/kling/v1/images/generations", .media, "Kling image task"),
      Route(
        "GET", "/transtreams/kling/v1/images/generations/{task_id}", .media,
        "Kling image task query"),
      Route("POST", "/transtreams/kling/v1/videos/text2video", .media, "Kling text-to-video task"),
      Route(
        "GET", "/transtreams/kling/v1/videos/text2video/{task_id}", .media,
        "Kling text-to-video query"),
      Route(
        "POST", "/transtreams/kling/v1/videos/image2video", .media, "Kling image-to-video task"),
      Route(
        "GET", "/transtreams/kling/v1/videos/image2video/{task_id}", .media,
        "Kling image-to-video query"),
      Route("POST", "/transtreams/kling/v1/videos/omni-video", .media, "Kling omni-video task"),
      Route(
        "GET", "/transtreams/kling/v1/videos/omni-video/{task_id}", .media, "Kling omni-video query"
      ),
    ] + musicRoutes

  static let musicRoutes: [Route] =
    [
      "generate", "extend", "generate-lyrics", "timestamped-lyrics", "style-generate",
      "generate-cover",
    ].map {
      Route("POST", "/suno/\($0)", .music, "AI Music create: \($0)")
    }
    + [
      "upload-cover", "upload-extend", "add-vocals", "add-instrumental", "generate-persona",
      "vocal-removal",
      "split-stem", "replace-section", "wav-generate", "mp4-generate",
    ].map { Route("POST", "/suno/\($0)", .music, "AI Music transform: \($0)") }
    + ["task", "lyrics", "vocal-removal", "wav", "mp4", "cover"].map {
      Route("GET", "/suno/query/\($0)", .music, "AI Music query: \($0)")
    }

  /// The documented route a request goes to, if any; the method must match too.
  public static func route(method: String, path: String) -> Route? {
    routes.first { $0.method == method.uppercased() && $0.matches(path: path) }
  }

  /// Whether a request creates an async task (music, video, Kling, DashScope video): a request that must never
  /// be sent twice for one task.
  public static func isTaskCreate(method: String, path: String) -> Bool {
    guard method.uppercased() == "POST", let route = route(method: "POST", path: path) else {
      return false
    }
    if route.family == .music { return !route.pattern.hasPrefix("/suno/query/") }
    return route.pattern == "/openai/v1/videos" || route.pattern.hasPrefix("/transtreams/kling/")
      || route.pattern == "/dashscope/v1/services/aigc/video-generation/video-synthesis"
  }

  /// Whether any documented route has this path, whatever its method.
  public static func isPublishedPath(_ path: String) -> Bool {
    routes.contains { $0.matches(path: path) }
  }
}
