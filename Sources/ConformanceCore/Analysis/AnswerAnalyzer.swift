/// The stages every answer goes through, once, for the runner, `diagnose` and the Models API check alike:
/// parse the body, recognise the envelope, analyse a stream, classify into the retry table, diagnose the
/// request's headers, find undocumented behaviour, and take the SDKs' view. Pure: no I/O, no clock.
public struct AnswerAnalyzer: Sendable {
  public var catalog: RouteCatalog
  /// Tells key kinds (for the header diagnoses), counting the catalog's key headers.
  public var keys: KeyClassifier

  public init(catalog: RouteCatalog = .anyint, keys: KeyClassifier) {
    self.catalog = catalog
    self.keys = keys
  }

  /// Analyses what a request got back.
  ///
  /// - Parameters:
  ///   - profile: the row of the request's family (nil: no family, no header diagnoses).
  ///   - latencyMs: the time from sending to the answer, when the transport did not measure it.
  ///   - stream: the scenario's stream expectation: a 2xx is then read as a stream whatever its content type.
  public func analyze(
    _ result: TransportResult, to request: HTTPRequest, profile: FamilyProfile?, latencyMs: Double,
    stream expected: StreamExpectation? = nil
  ) -> Analysis {
    switch result {
    case .failure(let fault):
      return Analysis(
        fault: fault, latencyMs: latencyMs, envelope: .none,
        classification: fault.isNetworkFault ? Classification(.unreachable, fault.message) : nil,
        diagnoses: [], findings: [],
        sdk: SDKRules.decisions(status: nil, headers: HTTPHeaders(), streamError: false))
    case .success(let reply):
      return analyze(
        reply, to: request, profile: profile, latencyMs: latencyMs, stream: expected)
    }
  }

  func analyze(
    _ reply: TransportReply, to request: HTTPRequest, profile: FamilyProfile?, latencyMs: Double,
    stream expected: StreamExpectation?
  ) -> Analysis {
    let response = reply.response
    let body = Self.parseBody(response)
    let envelope = Envelope.recognize(body)
    let observation = Observation(
      status: response.status, headers: response.headers, envelope: envelope,
      method: request.method, path: request.path, family: profile?.family, catalog: catalog)
    let stream =
      Self.isStream(response, expected: expected != nil)
      ? StreamAnalyzer.analyze(reply: reply, path: request.path, format: expected?.format) : nil
    var classification = Classifier.classify(observation, stream: stream)
    if classification.situation == .success, let state = TaskStates.state(of: body), state.failed {
      classification.reason +=
        "; the task ended in \(state.value), a terminal failure: it will not finish, so stop polling and do not re-create it blindly"
    }
    if stream == nil, let fault = reply.bodyFault {
      // A plain body that did not arrive whole is no answer to judge.
      return Analysis(
        fault: fault, latencyMs: latencyMs, envelope: .none,
        classification: Classification(.unreachable, fault.message), diagnoses: [], findings: [],
        sdk: SDKRules.decisions(status: nil, headers: HTTPHeaders(), streamError: false))
    }
    let diagnoses =
      HeaderDiagnosis.applies(status: response.status, error: envelope.error)
      ? HeaderDiagnosis.diagnose(request, profile: profile, keys: keys, status: response.status)
      : []
    // The rules' findings, then what the transport saw about the exchange itself (a proxy in the path).
    let findings =
      FindingRules.find(
        status: response.status, headers: response.headers, envelope: envelope,
        classification: classification, stream: stream, request: request, profile: profile)
      + reply.findings
    return Analysis(
      reply: reply, latencyMs: reply.totalMs > 0 ? reply.totalMs : latencyMs, body: body,
      envelope: envelope, stream: stream, classification: classification, diagnoses: diagnoses,
      findings: findings,
      sdk: SDKRules.decisions(
        status: response.status, headers: response.headers, streamError: stream?.error != nil))
  }

  /// Whether an answer is an event stream: by its content type, or because the scenario expects one.
  public static func isStream(_ r: HTTPResponse, expected: Bool) -> Bool {
    if MediaType.isEventStream(r.headers[HeaderName.contentType]) { return true }
    return expected && (200..<300).contains(r.status)
  }

  /// The body as JSON when it is JSON; nil for empty or non-JSON bodies.
  public static func parseBody(_ r: HTTPResponse) -> JSONValue? {
    guard let first = r.body.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }),
      first == UInt8(ascii: "{") || first == UInt8(ascii: "[") || first == UInt8(ascii: "\"")
    else { return nil }
    return try? JSONParser.parse(r.body)
  }
}
