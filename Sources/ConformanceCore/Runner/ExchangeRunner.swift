/// Sends one resolved request and judges what came back: builds the request, sends it (retrying per the
/// documented decisions when allowed), analyses the answer, asks the Models API about a refused model, checks
/// the expectations, and writes it all as an exchange record: the one place a result is redacted.
struct ExchangeRunner: Sendable {
  let transport: any Transport
  let options: RunOptions
  let analyzer: AnswerAnalyzer
  let redactor: Redactor

  init(transport: any Transport, options: RunOptions) {
    self.transport = transport
    self.options = options
    analyzer = AnswerAnalyzer(
      catalog: options.catalog,
      keys: KeyClassifier(validKey: options.credentials.validKey, schemes: options.catalog.schemes))
    redactor = options.redactor.adding(options.credentials.secrets)
  }

  /// One exchange: the record, and the request and analysis it was written from.
  struct Performed: Sendable {
    var record: ExchangeRecord
    var request: HTTPRequest
    var analysis: Analysis
  }

  func perform(_ spec: RequestSpec, expect: ScenarioExpectation?, allowRetries: Bool) async
    -> Performed
  {
    let watch = Stopwatch()
    let profile = options.catalog.profile(spec.family)
    let request = RequestBuilder.build(spec, profile: profile, credentials: options.credentials)
    let sent = await send(
      request, profile: profile, timeoutMs: spec.timeoutMs ?? options.requestTimeoutMs,
      retries: allowRetries ? options.retries : 0, stream: expect?.stream)
    // A model the key cannot use: ask the Models API (once per run) whether the id exists for this key.
    var modelNotes: [Note] = []
    if let catalog = options.models, let s = sent.last.situation,
      s == .modelUnavailable || s == .accessBlocked,
      let note = await catalog.diagnose(
        model: ModelCatalog.modelID(in: spec.body, path: spec.path), profile: profile)
    {
      modelNotes.append(note)
    }
    var record = self.record(
      sent.last, request: request, expect: expect ?? ScenarioExpectation(),
      extraDiagnoses: modelNotes)
    record.attempts = sent.attempts.count > 1 ? sent.attempts : []
    record.durationMs = watch.elapsedMs
    return Performed(record: record, request: request, analysis: sent.last)
  }

  /// Sends a request, retrying per the documented decision when `--retries` allows.
  func send(
    _ request: HTTPRequest, profile: FamilyProfile?, timeoutMs: Int, retries: Int,
    stream: StreamExpectation?
  ) async -> (last: Analysis, attempts: [Attempt]) {
    var attempts: [Attempt] = []
    var attempt = 0
    while true {
      // `--rate`: the wait for a slot is not the answer's latency.
      await options.pacer?.wait()
      let watch = Stopwatch()
      // Transports enforce the request limit themselves (the scenario limit is the backstop), which saves a
      // racing task per request on large runs.
      let result = await transport.send(request, timeout: .milliseconds(timeoutMs))
      let analysis = analyzer.analyze(
        result, to: request, profile: profile, latencyMs: watch.elapsedMs, stream: stream)
      if let log = options.exchangeLog, let id = RunContext.scenarioID {
        log.append(exchangeDump(request, result, latencyMs: analysis.latencyMs), scenario: id)
      }
      let wait =
        attempt < retries
        ? options.retryPolicy.delayMs(
          after: analysis.classification, headers: analysis.reply?.response.headers,
          attempt: attempt)
        : nil
      attempts.append(
        Attempt(
          status: analysis.status, situation: analysis.situation, delayMs: wait ?? 0,
          fault: analysis.fault.map { redactor.string($0.message) }))
      guard let wait else { return (analysis, attempts) }
      try? await Task.sleep(for: .milliseconds(wait))
      if Task.isCancelled { return (analysis, attempts) }
      attempt += 1
    }
  }

  /// The record of an analysed answer, with the expectations checked; everything in it is redacted.
  func record(
    _ a: Analysis, request: HTTPRequest, expect: ScenarioExpectation, extraDiagnoses: [Note] = []
  ) -> ExchangeRecord {
    var r = ExchangeRecord()
    r.request = redact(RequestSummary.of(request, keys: analyzer.keys))
    r.situation = a.situation
    r.classificationReason = a.classification.map { redactor.string($0.reason) }
    r.sdk = a.sdk
    r.diagnoses = extraDiagnoses.map(redact)
    guard let reply = a.reply else {
      let fault = a.fault ?? TransportFault(.other, "no answer")
      r.faultKind = fault.kind
      r.message = redactor.string(fault.message)
      // A scenario may expect the target to be unreachable; then its checks decide.
      if a.situation == .unreachable, expect.situation?.value == .unreachable {
        r.failures = Evaluator.evaluate(expect, a.facts)
        r.outcome = r.failures.isEmpty ? .passed : .failed
      } else {
        r.outcome = .errored
      }
      return r
    }
    let response = reply.response
    r.observed = Observed(
      status: response.status, envelope: a.envelope.kind, error: a.envelope.error.map(redact),
      headers: response.headers.fields.map {
        .init(name: $0.name.lowercased(), value: redactor.string($0.value))
      }, latencyMs: a.latencyMs, firstByteMs: reply.firstByteMs, bodyBytes: response.body.count,
      bodyExcerpt: redactor.excerpt(response.body, limit: Self.excerptLimit))
    r.observed?.stream = a.stream.map(redact)
    r.observed?.httpVersion = reply.httpVersion
    r.observed?.timings = reply.timings
    if let fault = reply.bodyFault { r.message = redactor.string(fault.message) }
    r.diagnoses += a.diagnoses.map(redact)
    r.findings = a.findings.map(redact)
    var facts = a.facts
    facts.diagnoses = extraDiagnoses + a.diagnoses
    r.failures = Evaluator.evaluate(expect, facts).map { f in
      var f = f
      f.actual = redactor.string(f.actual)
      return f
    }
    r.outcome = r.failures.isEmpty ? .passed : .failed
    // The body's start helps read a failure; a passed check does not need it (and 10,000 of them add up).
    if r.outcome == .passed { r.observed?.bodyExcerpt = nil }
    return r
  }

  /// The redacted view of one exchange for `--verbose` (the body is redacted before it is cut).
  func exchangeDump(_ request: HTTPRequest, _ result: TransportResult, latencyMs: Double)
    -> ExchangeDump
  {
    let summary = redact(RequestSummary.of(request, keys: analyzer.keys))
    switch result {
    case .success(let reply):
      let r = reply.response
      return ExchangeDump(
        request: summary, status: r.status,
        headers: r.headers.fields.map {
          .init(name: $0.name.lowercased(), value: redactor.string($0.value))
        },
        bodyBytes: r.body.count, bodyExcerpt: redactor.excerpt(r.body, limit: Self.excerptLimit),
        fault: reply.bodyFault.map { redactor.string($0.message) }, latencyMs: latencyMs)
    case .failure(let fault):
      return ExchangeDump(
        request: summary, status: nil, fault: redactor.string(fault.message), latencyMs: latencyMs)
    }
  }

  /// How much of a body a report keeps (redacted before it is cut).
  static let excerptLimit = 512

  func redact(_ n: Note) -> Note { Note(n.id, redactor.string(n.message)) }

  func redact(_ e: ErrorInfo) -> ErrorInfo {
    ErrorInfo(
      type: e.type.map(redactor.json), code: e.code.map(redactor.json),
      param: e.param.map(redactor.json), message: e.message.map(redactor.json))
  }

  func redact(_ s: StreamAnalysis) -> StreamAnalysis {
    var s = s
    s.error = s.error.map(redact)
    s.problems = s.problems.map(redactor.string)
    return s
  }

  func redact(_ r: RequestSummary) -> RequestSummary {
    var r = r
    r.target = redactor.string(r.target)
    r.headers = r.headers.map { .init(name: $0.name, value: redactor.string($0.value)) }
    return r
  }
}
