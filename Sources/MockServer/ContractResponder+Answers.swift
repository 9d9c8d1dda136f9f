import ConformanceCore

/// The success answers of the contract twin, per route kind, in the upstream APIs' shapes.
extension ContractResponder {
  func succeed(_ a: Accepted) -> ResponderAnswer {
    let ctx = nextContext()
    let body = a.json ?? [:]
    let family = a.contract.route.family
    switch a.contract.answer {
    case .chatCompletion:
      return render(OpenAIShapes.chatCompletion(body, ctx))
    case .response:
      let (answer, stored) = ResponsesShapes.response(body, ctx)
      if let id = stored["id"]?.stringValue { store(id, stored) }
      return render(answer)
    case .responseRetrieve:
      let id = String(a.request.path.split(separator: "/").last ?? "")
      guard let found = storedResponse(id) else {
        return Self.answer(
          DocumentedError.notFound("response", id).answer(family: family, catalog: catalog))
      }
      return render(.json(found))
    case .message:
      return render(AnthropicShapes.message(body, ctx))
    case .countTokens:
      return render(.json(AnthropicShapes.countTokens(body)))
    case .geminiGenerate:
      let model = Self.model(a.contract, a.request, a.json) ?? "gemini"
      return render(
        GeminiShapes.generate(body, model: model, stream: a.contract.streams(a.json), ctx))
    case .modelsList:
      let listed = configuration.models.listed
      return render(
        .json(
          family == .anthropic
            ? AnthropicShapes.modelsList(listed)
            : OpenAIShapes.modelsList(listed, created: ctx.created)))
    case .taskCreate(let kind):
      let task = tasks.create(kind, params: body, unix: ctx.created)
      var answer = render(.json(TaskShapes.created(task)))
      answer.taskID = task.id
      if let url = FixtureStore.callbackURL(in: a.request.body) {
        answer.callbacks = tasks.callbacks(
          for: task, url: url, duplicate: configuration.duplicateCallbacks)
      }
      return answer
    case .taskQuery(let kind):
      let id = kind.taskID(inPoll: a.request) ?? ""
      guard let task = tasks.snapshot(id, kind: kind) else {
        return Self.answer(
          DocumentedError.notFound("task", id).answer(family: family, catalog: catalog))
      }
      var answer = render(.json(TaskShapes.query(task)))
      answer.taskID = task.id
      return answer
    case .videoContent:
      let parts = a.request.path.split(separator: "/")
      let id = parts.count >= 2 ? String(parts[parts.count - 2]) : ""
      guard let task = tasks.snapshot(id, kind: .openaiVideo) else {
        return Self.answer(
          DocumentedError.notFound("video", id).answer(family: family, catalog: catalog))
      }
      guard task.state == TaskKind.openaiVideo.states.last else {
        return Self.answer(
          DocumentedError.invalidField(
            "video_id", "Video \(id) is not completed yet (\(task.state))"
          )
          .answer(family: family, catalog: catalog))
      }
      var answer = render(
        ExtendedShapes.answer(.videoContent, request: nil, form: [:], ctx) ?? .json([:]))
      answer.taskID = task.id
      return answer
    default:
      var form = a.form.values
      if let name = a.form.filename { form["filename"] = name }
      let shaped = ExtendedShapes.answer(a.contract.answer, request: a.json, form: form, ctx)
      return render(shaped ?? .json([:]))
    }
  }

  /// The answer on the wire: JSON, bytes, or a stream paced by `eventDelayMs`, one chunk per event.
  func render(_ body: ContractBody) -> ResponderAnswer {
    switch body {
    case .json(let value):
      return ResponderAnswer(
        response: FixtureResponse(
          status: 200, headers: HTTPHeaders([("content-type", "application/json")]),
          body: JSONWriter.bytes(value)))
    case .bytes(let bytes, let type):
      return ResponderAnswer(
        response: FixtureResponse(
          status: 200, headers: HTTPHeaders([("content-type", type)]), body: bytes))
    case .stream(let stream):
      let pace = max(0, configuration.eventDelayMs)
      let chunks = stream.events.enumerated().map { i, event in
        FixtureChunk(delayMs: i == 0 ? 0 : pace, data: stream.bytes(event))
      }
      return ResponderAnswer(
        response: FixtureResponse(
          status: 200,
          headers: HTTPHeaders([
            ("content-type", "text/event-stream; charset=utf-8"), ("cache-control", "no-cache"),
          ]), chunks: chunks))
    }
  }
}
