import Foundation

/// Values that follow a scenario's work through every task it starts.
public enum RunContext {
  /// The id of the scenario whose request is being sent (for transports that record exchanges).
  @TaskLocal public static var scenarioID: String?
}

/// How a run behaves.
public struct RunOptions: Sendable {
  public var concurrency: Int
  /// Per-request limit when a scenario sets none.
  public var requestTimeoutMs: Int
  /// Whole-scenario limit when a scenario sets none.
  public var scenarioTimeoutMs: Int
  /// Further attempts allowed on a retryable answer (0: conformance sees the first answer).
  public var retries: Int
  public var retryPolicy: RetryPolicy
  public var credentials: Credentials
  public var variables: VariableSources
  /// Where webhook steps wait for callbacks; nil when the run has no listener.
  public var callbacks: CallbackHub?
  /// The Models API, asked when an answer says a model is unavailable or blocked; nil skips it.
  public var models: ModelCatalog?
  /// What the route families document, and which routes exist.
  public var catalog = RouteCatalog.anyint

  public init(
    concurrency: Int = ProcessInfo.processInfo.activeProcessorCount,
    requestTimeoutMs: Int = Defaults.requestTimeoutMs,
    scenarioTimeoutMs: Int = Defaults.scenarioTimeoutMs,
    retries: Int = 0, retryPolicy: RetryPolicy = RetryPolicy(),
    credentials: Credentials = Credentials(validKey: Credentials.fixtureKey),
    variables: VariableSources = VariableSources()
  ) {
    self.concurrency = max(1, concurrency)
    self.requestTimeoutMs = requestTimeoutMs
    self.scenarioTimeoutMs = scenarioTimeoutMs
    self.retries = retries
    self.retryPolicy = retryPolicy
    self.credentials = credentials
    self.variables = variables
  }
}

/// Runs scenarios through a transport with bounded concurrency and judges each answer.
///
/// Results come back in input order whatever the concurrency. The runner produces plain values and knows
/// nothing about report formats.
public struct Runner: Sendable {
  public let transport: any Transport
  public let options: RunOptions
  let redactor: Redactor
  /// Tells key kinds, counting the catalog's key headers.
  let keys: KeyClassifier

  public init(transport: any Transport, options: RunOptions) {
    self.transport = transport
    self.options = options
    redactor = Redactor(secrets: [options.credentials.validKey])
    keys = KeyClassifier(
      validKey: options.credentials.validKey, schemes: options.catalog.schemes)
  }

  /// Runs every scenario; `onResult` is called (from any task) as each finishes, with its input index.
  public func run(
    _ scenarios: [Scenario], onResult: (@Sendable (Int, ScenarioResult) -> Void)? = nil
  ) async -> [ScenarioResult] {
    var results = [ScenarioResult?](repeating: nil, count: scenarios.count)
    await withTaskGroup(of: (Int, ScenarioResult).self) { group in
      var next = 0
      func startNext() {
        guard next < scenarios.count else { return }
        let i = next
        let scenario = scenarios[i]
        next += 1
        group.addTask { (i, await self.runWithLimit(scenario)) }
      }
      for _ in 0..<min(options.concurrency, scenarios.count) { startNext() }
      while let (i, r) = await group.next() {
        results[i] = r
        onResult?(i, r)
        startNext()
      }
    }
    return results.enumerated().map { i, r in
      r
        ?? ScenarioResult(
          id: scenarios[i].id, summary: scenarios[i].summary, tags: scenarios[i].tags,
          family: scenarios[i].family, source: scenarios[i].source,
          outcome: .errored)
    }
  }

  /// Runs one scenario under its time limit.
  public func runWithLimit(_ scenario: Scenario) async -> ScenarioResult {
    let limit = scenario.timeoutMs ?? options.scenarioTimeoutMs
    let watch = Stopwatch()
    let id = scenario.id
    if let r = await withTimeLimit(
      milliseconds: limit,
      { await RunContext.$scenarioID.withValue(id) { await self.runScenario(scenario) } })
    {
      return r
    }
    var r = ScenarioResult(
      id: scenario.id, summary: scenario.summary, tags: scenario.tags, family: scenario.family,
      source: scenario.source, outcome: .errored)
    r.durationMs = watch.elapsedMs
    r.message =
      "the scenario did not finish within its \(limit) ms limit (timeoutMs); raise it or check the target"
    r.faultKind = .timeout
    return r
  }

  func runScenario(_ scenario: Scenario) async -> ScenarioResult {
    let watch = Stopwatch()
    var result = ScenarioResult(
      id: scenario.id, summary: scenario.summary, tags: scenario.tags, family: scenario.family,
      source: scenario.source, outcome: .errored)
    switch scenario.body {
    case .exchange(let exchange):
      let resolver = VariableResolver(sources: options.variables)
      do {
        let spec = try resolver.request(exchange.request)
        let expect = try resolver.expectation(exchange.expect)
        let done = await perform(spec, expect: expect, allowRetries: true)
        result.apply(done.record)
      } catch {
        result.message = Runner.describe(variableError: error)
      }
    case .steps(let steps):
      await runSteps(steps, of: scenario, into: &result)
    }
    result.durationMs = watch.elapsedMs
    return result
  }

  static func describe(variableError error: Error) -> String {
    if let e = error as? Template.Unresolved { return "unresolved variable ${\(e.name)}" }
    return "bad variable reference: \(error)"
  }

  /// Sends one resolved request (with retries when allowed) and judges the answer.
  func perform(_ spec: RequestSpec, expect: ScenarioExpectation?, allowRetries: Bool) async -> (
    record: ExchangeRecord, body: JSONValue?, answer: Answer
  ) {
    let watch = Stopwatch()
    let profile = options.catalog.profile(spec.family)
    let family = spec.family
    let request = RequestBuilder.build(spec, profile: profile, credentials: options.credentials)
    var record = ExchangeRecord()
    record.request = redact(RequestSummary.of(request, keys: keys))
    let timeoutMs = spec.timeoutMs ?? options.requestTimeoutMs
    let sent = await send(
      request, timeoutMs: timeoutMs, family: family, retries: allowRetries ? options.retries : 0,
      stream: expect?.stream)
    record.attempts = sent.attempts.count > 1 ? sent.attempts : []
    // A model the key cannot use: ask the Models API (once per run) whether the id exists for this key.
    if let catalog = options.models, let s = sent.last.classification?.situation,
      s == .modelUnavailable || s == .accessBlocked,
      let d = await catalog.diagnose(request, profile: profile)
    {
      record.diagnoses.append(Diagnosis(id: d.id, message: redactor.string(d.message)))
    }
    judge(
      sent.last, expect: expect ?? ScenarioExpectation(), request: request, profile: profile,
      into: &record)
    record.durationMs = watch.elapsedMs
    return (record, sent.last.body, sent.last)
  }

  /// One answer (or fault) with everything derived from it.
  struct Answer {
    var reply: TransportReply?
    var fault: TransportFault?
    var latencyMs: Double
    var body: JSONValue?
    var envelope: Envelope
    var classification: Classification?
    var stream: StreamAnalysis? = nil
  }

  /// Sends a request, retrying per the documented decision when `--retries` allows.
  func send(
    _ request: HTTPRequest, timeoutMs: Int, family: Family?, retries: Int,
    stream: StreamExpectation? = nil
  ) async -> (
    last: Answer, attempts: [Attempt]
  ) {
    var attempts: [Attempt] = []
    var attempt = 0
    while true {
      let answer = await sendOnce(request, timeoutMs: timeoutMs, family: family, stream: stream)
      let wait =
        attempt < retries
        ? options.retryPolicy.delayMs(
          after: answer.classification, headers: answer.reply?.response.headers, attempt: attempt)
        : nil
      attempts.append(
        Attempt(
          status: answer.reply?.response.status, situation: answer.classification?.situation,
          delayMs: wait ?? 0,
          fault: answer.fault.map { redactor.string($0.message) }))
      guard let wait else { return (answer, attempts) }
      try? await Task.sleep(for: .milliseconds(wait))
      if Task.isCancelled { return (answer, attempts) }
      attempt += 1
    }
  }

  func sendOnce(
    _ request: HTTPRequest, timeoutMs: Int, family: Family?, stream expected: StreamExpectation?
  ) async -> Answer {
    let watch = Stopwatch()
    // Transports enforce the request limit themselves (the scenario limit is the backstop), which saves a
    // racing task per request on large runs.
    let outcome = await transport.send(request, timeout: .milliseconds(timeoutMs))
    let latency = watch.elapsedMs
    switch outcome {
    case .failure(let fault):
      let c = fault.isNetworkFault ? Classification(.unreachable, fault.message) : nil
      return Answer(fault: fault, latencyMs: latency, envelope: .none, classification: c)
    case .success(let reply):
      let body = Runner.parseBody(reply.response)
      let envelope = Envelope.recognize(body)
      let observation = Observation(
        status: reply.response.status, headers: reply.response.headers, envelope: envelope,
        method: request.method, path: request.path, family: family, catalog: options.catalog)
      let stream =
        Runner.isStream(reply.response, expected: expected != nil)
        ? StreamAnalyzer.analyze(reply: reply, path: request.path, format: expected?.format) : nil
      var classification = Classifier.classify(observation, stream: stream)
      if classification.situation == .success, let state = TaskStates.state(of: body), state.failed
      {
        classification.reason +=
          "; the task ended in \(state.value), a terminal failure: it will not finish, so stop polling and do not re-create it blindly"
      }
      if stream == nil, let fault = reply.bodyFault {
        // A plain body that did not arrive whole is no answer to judge.
        classification = Classification(.unreachable, fault.message)
        return Answer(
          fault: fault, latencyMs: latency, envelope: .none, classification: classification)
      }
      return Answer(
        reply: reply, latencyMs: reply.totalMs > 0 ? reply.totalMs : latency, body: body,
        envelope: envelope, classification: classification,
        stream: stream)
    }
  }

  /// Whether an answer is an event stream: by its content type, or because the scenario expects one.
  static func isStream(_ r: HTTPResponse, expected: Bool) -> Bool {
    if MediaType.isEventStream(r.headers[HeaderName.contentType]) { return true }
    return expected && (200..<300).contains(r.status)
  }

  /// The body as JSON when it is JSON; nil for empty or non-JSON bodies.
  static func parseBody(_ r: HTTPResponse) -> JSONValue? {
    guard let first = r.body.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }),
      first == UInt8(ascii: "{") || first == UInt8(ascii: "[") || first == UInt8(ascii: "\"")
    else { return nil }
    return try? JSONParser.parse(r.body)
  }

  /// Fills a result from an answer and checks the expectations.
  func judge(
    _ answer: Answer, expect: ScenarioExpectation, request: HTTPRequest, profile: FamilyProfile?,
    into result: inout ExchangeRecord
  ) {
    result.situation = answer.classification?.situation
    result.classificationReason = answer.classification.map { redactor.string($0.reason) }
    guard let reply = answer.reply else {
      result.sdk = SDKRules.decisions(status: nil, headers: HTTPHeaders(), streamError: false)
      let fault = answer.fault ?? TransportFault(.other, "no answer")
      result.faultKind = fault.kind
      result.message = redactor.string(fault.message)
      // A scenario may expect the target to be unreachable; then its checks decide.
      if answer.classification?.situation == .unreachable, expect.situation?.value == .unreachable {
        let facts = AnswerFacts(status: nil, situation: .unreachable, latencyMs: answer.latencyMs)
        result.failures = Evaluator.evaluate(expect, facts)
        result.outcome = result.failures.isEmpty ? .passed : .failed
      } else {
        result.outcome = .errored
      }
      return
    }
    let response = reply.response
    result.observed = Observed(
      status: response.status, envelope: answer.envelope.kind,
      error: answer.envelope.error.map(redact),
      headers: response.headers.fields.map {
        .init(name: $0.name.lowercased(), value: redactor.string($0.value))
      }, latencyMs: answer.latencyMs,
      firstByteMs: reply.firstByteMs, bodyBytes: response.body.count,
      bodyExcerpt: Runner.excerpt(response.body).map(redactor.string))
    result.observed?.stream = answer.stream.map(redact)
    result.observed?.httpVersion = reply.httpVersion
    result.observed?.timings = reply.timings
    if let fault = reply.bodyFault { result.message = redactor.string(fault.message) }
    if HeaderDiagnosis.applies(status: response.status, error: answer.envelope.error) {
      result.diagnoses += HeaderDiagnosis.diagnose(
        request, profile: profile, keys: keys,
        status: response.status)
    }
    result.findings = FindingRules.find(
      status: response.status, headers: response.headers, envelope: answer.envelope,
      classification: answer.classification, stream: answer.stream,
      request: request, profile: profile
    ).map { Finding(id: $0.id, message: redactor.string($0.message)) }
    result.findings += reply.findings.map {
      Finding(id: $0.id, message: redactor.string($0.message))
    }
    result.sdk = SDKRules.decisions(
      status: response.status, headers: response.headers, streamError: answer.stream?.error != nil)
    var facts = AnswerFacts(
      status: response.status, headers: response.headers, envelope: answer.envelope,
      body: answer.body, bodyIsJSON: answer.body != nil,
      situation: answer.classification?.situation, latencyMs: answer.latencyMs,
      diagnoses: result.diagnoses)
    facts.stream = answer.stream
    result.failures = Evaluator.evaluate(expect, facts).map { f in
      var f = f
      f.actual = redactor.string(f.actual)
      return f
    }
    result.outcome = result.failures.isEmpty ? .passed : .failed
    // The body's start helps read a failure; a passed check does not need it (and 10,000 of them add up).
    if result.outcome == .passed { result.observed?.bodyExcerpt = nil }
  }

  static func excerpt(_ body: [UInt8]) -> String? {
    guard !body.isEmpty else { return nil }
    let limit = 512
    let s = String(decoding: body.prefix(limit), as: UTF8.self)
    return body.count > limit ? s + "..." : s
  }

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
