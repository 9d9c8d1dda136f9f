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
    let askedForStream = expected != nil || Self.asksForStream(request)
    let stream =
      Self.isStream(response, expected: askedForStream)
      ? StreamAnalyzer.analyze(reply: reply, path: request.path, format: expected?.format) : nil
    var classification = Classifier.classify(observation, stream: stream)
    let key = keys.keyKind(of: request.headers)
    let wrongKey400 = Self.isWrongKey400(
      status: response.status, classification: classification, envelope: envelope, key: key)
    if wrongKey400 {
      // The key was refused with the wrong status (LiteLLM's no_db_connection): not a body problem.
      classification = Classification(
        .invalidAPIKey,
        "HTTP 400 to a request with \(key.rawValue) key\(Self.describeError(envelope.error)); the docs answer a refused key with 401, so this is the key refused with the wrong status, not a request-body problem"
      )
    }
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
    var findings = FindingRules.find(
      status: response.status, headers: response.headers, envelope: envelope,
      classification: classification, stream: stream, request: request, profile: profile)
    findings += Self.requestFindings(
      response, envelope: envelope, stream: stream, askedForStream: askedForStream,
      wrongKey400: wrongKey400)
    // What the transport saw about the exchange itself (a proxy in the path).
    findings += reply.findings
    return Analysis(
      reply: reply, latencyMs: reply.totalMs > 0 ? reply.totalMs : latencyMs, body: body,
      envelope: envelope, stream: stream, classification: classification, diagnoses: diagnoses,
      findings: findings,
      sdk: SDKRules.decisions(
        status: response.status, headers: response.headers, streamError: stream?.error != nil))
  }

  /// Whether an answer is an event stream: by its content type, or, when a stream was asked for, a 2xx
  /// body that is not a JSON document (SSE sent with the wrong content type). A JSON answer to a stream
  /// request is judged as the JSON answer it is (finding `not-a-stream`), never as a cut stream.
  public static func isStream(_ r: HTTPResponse, expected: Bool) -> Bool {
    if MediaType.isEventStream(r.headers[HeaderName.contentType]) { return true }
    guard expected, (200..<300).contains(r.status) else { return false }
    if (r.headers[HeaderName.contentType] ?? "").lowercased().contains("json") { return false }
    return parseBody(r) == nil
  }

  /// Whether a request asks for a stream: `"stream": true` in its JSON body, or a streaming Gemini route.
  static func asksForStream(_ request: HTTPRequest) -> Bool {
    if request.path.contains(":streamGenerateContent") { return true }
    guard request.body.count < 1 << 20, let json = try? JSONParser.parse(request.body) else {
      return false
    }
    return json["stream"] == .bool(true)
  }

  /// A wrong, empty or missing key answered 400 with an error that is about neither a field of the body
  /// (a `param`) nor a header: the gateway refused the key with the wrong status.
  static func isWrongKey400(
    status: Int, classification: Classification, envelope: Envelope, key: KeyKind
  ) -> Bool {
    guard status == 400, key != .valid, classification.situation == .invalidRequest else {
      return false
    }
    if HeaderDiagnosis.applies(status: status, error: envelope.error) { return false }
    if let param = envelope.error?.param, param != .null { return false }
    return true
  }

  /// Findings that need to know what the request asked for and which key it carried.
  static func requestFindings(
    _ response: HTTPResponse, envelope: Envelope, stream: StreamAnalysis?, askedForStream: Bool,
    wrongKey400: Bool
  ) -> [Note] {
    var out: [Note] = []
    if stream == nil, askedForStream {
      let type = response.headers[HeaderName.contentType] ?? "no content type"
      out.append(
        Note(
          .notAStream,
          "a stream was asked for, but HTTP \(response.status) came as a plain body (\(type)): judged as that answer, not as a cut stream (retrying it as one would bill the generation twice)"
        ))
    }
    if wrongKey400 {
      out.append(
        Note(
          .wrongKeyNot401,
          "a wrong key was answered HTTP 400\(describeError(envelope.error)) instead of the documented 401: the key was refused, the body is not the problem"
        ))
    }
    if stream?.endedWithoutDone == true {
      out.append(
        Note(
          .streamWithoutDone,
          "the stream delivered a finish_reason and ended without data: [DONE]; openai-python ends such a stream normally, so it is complete"
        ))
    }
    return out
  }

  static func describeError(_ e: ErrorInfo?) -> String {
    guard let e else { return "" }
    let parts = [e.typeString.map { "type \($0)" }, e.codeString.map { "code \($0)" }].compactMap {
      $0
    }
    return parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")"
  }

  /// The body as JSON when it is JSON; nil for empty or non-JSON bodies.
  public static func parseBody(_ r: HTTPResponse) -> JSONValue? {
    guard let first = r.body.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }),
      first == UInt8(ascii: "{") || first == UInt8(ascii: "[") || first == UInt8(ascii: "\"")
    else { return nil }
    return try? JSONParser.parse(r.body)
  }
}
