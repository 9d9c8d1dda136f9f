extension RouteCatalog {
  /// The `anthropic-version` AnyInt documents for `/anthropic/*`.
  public static let anthropicVersion = "2023-06-01"

  /// AnyInt's route families and documented routes (`../shared/anyint/contract.md`).
  public static let anyint = RouteCatalog(families: anyintFamilies, routes: anyintRoutes)

  static let ping: JSONValue = [["role": "user", "content": "ping"]]

  static let anyintFamilies: [FamilyProfile] = [
    FamilyProfile(
      .openai, displayName: "OpenAI-compatible", prefixes: ["/openai/"], auth: .bearer,
      probeBodies: [
        ProbeBody(
          pathSuffix: "/chat/completions", body: ["max_tokens": 1, "messages": ping],
          model: ("gpt_model", "gpt-4o-mini"))
      ]),
    FamilyProfile(
      .anthropic, displayName: "Anthropic-compatible", prefixes: ["/anthropic/"], auth: .apiKey,
      extraHeaders: [
        RequiredHeader(
          AuthScheme.anthropicVersionHeader, value: anthropicVersion,
          missing: .missingAnthropicVersion, unknown: .unknownAnthropicVersion)
      ],
      modelsPath: "/anthropic/v1/models",
      probeBodies: [
        ProbeBody(
          pathSuffix: "/messages/count_tokens", body: ["messages": ping],
          model: ("claude_model", "claude-sonnet-4-5")),
        ProbeBody(
          pathSuffix: "/messages", body: ["max_tokens": 1, "messages": ping],
          model: ("claude_model", "claude-sonnet-4-5")),
      ]),
    FamilyProfile(
      .gemini, displayName: "Gemini-compatible", prefixes: ["/gemini/"], auth: .bearer,
      modelInPath: true,
      probeBodies: [":generateContent", ":streamGenerateContent"].map {
        ProbeBody(
          pathSuffix: $0, matchesAnywhere: true,
          body: [
            "contents": [["parts": [["text": "ping"]]]],
            "generationConfig": ["maxOutputTokens": 1],
          ])
      }),
    FamilyProfile(
      .media, displayName: "Media", prefixes: ["/dashscope/", "/transtreams/"], auth: .bearer),
    FamilyProfile(
      .music, displayName: "AI Music (Suno-compatible)", prefixes: ["/suno/"], auth: .bearer,
      envelope: .music),
  ]

  static let anyintRoutes: [Route] =
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
      Route("POST", "/openai/v1/videos", .media, "OpenAI videos: create", createsTask: true),
      Route("GET", "/openai/v1/videos/{video_id}", .media, "OpenAI videos: get"),
      Route("GET", "/openai/v1/videos/{video_id}/content", .media, "OpenAI videos: content"),
      Route(
        "POST", "/dashscope/v1/services/aigc/multimodal-generation/generation", .media,
        "DashScope image generation"),
      Route(
        "POST", "/dashscope/v1/services/aigc/video-generation/video-synthesis", .media,
        "DashScope video task", createsTask: true),
      Route("GET", "/dashscope/v1/tasks/{task_id}", .media, "DashScope task query"),
      Route(
        "POST", "/transtreams/kling/v1/images/generations", .media, "Kling image task",
        createsTask: true),
      Route(
        "GET", "/transtreams/kling/v1/images/generations/{task_id}", .media,
        "Kling image task query"),
      Route(
        "POST", "/transtreams/kling/v1/videos/text2video", .media, "Kling text-to-video task",
        createsTask: true),
      Route(
        "GET", "/transtreams/kling/v1/videos/text2video/{task_id}", .media,
        "Kling text-to-video query"),
      Route(
        "POST", "/transtreams/kling/v1/videos/image2video", .media, "Kling image-to-video task",
        createsTask: true),
      Route(
        "GET", "/transtreams/kling/v1/videos/image2video/{task_id}", .media,
        "Kling image-to-video query"),
      Route(
        "POST", "/transtreams/kling/v1/videos/omni-video", .media, "Kling omni-video task",
        createsTask: true),
      Route(
        "GET", "/transtreams/kling/v1/videos/omni-video/{task_id}", .media, "Kling omni-video query"
      ),
    ] + musicRoutes

  static let musicRoutes: [Route] =
    [
      "generate", "extend", "generate-lyrics", "timestamped-lyrics", "style-generate",
      "generate-cover",
    ].map {
      Route("POST", "/suno/\($0)", .music, "AI Music create: \($0)", createsTask: true)
    }
    + [
      "upload-cover", "upload-extend", "add-vocals", "add-instrumental", "generate-persona",
      "vocal-removal",
      "split-stem", "replace-section", "wav-generate", "mp4-generate",
    ].map { Route("POST", "/suno/\($0)", .music, "AI Music transform: \($0)", createsTask: true) }
    + ["task", "lyrics", "vocal-removal", "wav", "mp4", "cover"].map {
      Route("GET", "/suno/query/\($0)", .music, "AI Music query: \($0)")
    }
}
