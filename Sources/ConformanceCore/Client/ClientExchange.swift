/// One request a client sent to the twin and what it was answered, reduced to what the client rules judge.
/// Built from the request as it arrived; key values never leave the constructor (only their kind and the
/// header diagnoses, whose messages name header names, never values).
public struct ClientExchange: Sendable, Equatable {
  /// Order of arrival, from 1.
  public var seq: Int
  public var identity: RequestIdentity
  /// The identity as reports show it, with secrets redacted.
  public var identityLabel: String
  public var method: String
  /// Path and query, with the valid key redacted.
  public var target: String
  public var family: Family?
  /// The family's display name ("Anthropic-compatible"), from its row of the catalog.
  public var familyName: String?
  /// The documented route's pattern, if the request went to one.
  public var route: String?
  /// Milliseconds since the twin started: when the request had arrived, and when its answer was sent.
  public var receivedMs: Double
  public var answeredMs: Double
  /// The HTTP status sent; nil when no answer was sent (the connection was reset on purpose).
  public var status: Int?
  /// The retry-table row of the answer, by the harness's own classifier.
  public var situation: Situation?
  /// The wait the answer asked for (`retry-after-ms` / `Retry-After`).
  public var retryAfterMs: Double?
  /// The injected fault, if one replaced or changed the answer.
  public var fault: String?
  public var auth: AuthFamily
  public var key: KeyKind
  /// What makes a re-send "changed" though its identity is the same: header family, key kind, version.
  public var credentials: String
  /// `run`'s header diagnoses about the header family, and about the headers the family requires beside the
  /// key (`anthropic-version`).
  public var headerDiagnoses: [Note]
  public var versionDiagnoses: [Note]
  /// The official SDK the `user-agent` names (for SDK-specific fixes), if any.
  public var sdk: String?
  /// The task this request created (a create answered 2xx), or the task it polled.
  public var taskCreated: String?
  public var taskPolled: String?
  /// The task state the answer reported, and whether it is terminal.
  public var taskState: String?
  public var taskTerminal: Bool
  public var isTaskCreate: Bool
  /// Whether the answer reached the client whole (false for a reset or a cut stream).
  public var complete: Bool

  /// Reduces an arrived request and its answer. `response` is nil when the connection was reset.
  public static func observe(
    seq: Int, request: HTTPRequest, response: HTTPResponse?, complete: Bool, keys: KeyClassifier,
    redactor: Redactor, receivedMs: Double, answeredMs: Double, fault: String?, taskID: String?,
    catalog: RouteCatalog = .anyint
  ) -> ClientExchange {
    let identity = RequestIdentity(request)
    func clean(_ text: String) -> String { redactSecrets(in: text, redactor) }
    let route = catalog.route(method: request.method, path: request.path)
    let family = route?.family ?? catalog.family(forPath: request.path)
    let profile = catalog.profile(family)
    let contract = route.flatMap { _ in
      RouteContract.of(method: request.method, path: request.path, catalog: catalog)
    }
    var situation: Situation?
    var retryAfter: Double?
    var state: TaskStates.State?
    if let response {
      let body = try? JSONParser.parse(response.body)
      let envelope = Envelope.recognize(body)
      situation =
        Classifier.classify(
          Observation(
            status: response.status, headers: response.headers, envelope: envelope,
            method: request.method, path: request.path, family: family, catalog: catalog)
        ).situation
      retryAfter = RetryPolicy.retryAfterMs(response.headers)
      state = TaskStates.state(of: body)
    }
    var header: [Note] = []
    var version: [Note] = []
    let extraIDs = HeaderDiagnosis.extraHeaderIDs(profile)
    for d in HeaderDiagnosis.diagnose(
      request, profile: profile, keys: keys, status: response?.status ?? 401)
    {
      if HeaderDiagnosis.headerFamilyIDs.contains(d.id) { header.append(d) }
      if extraIDs.contains(d.id) { version.append(d) }
    }
    let auth = keys.authFamily(of: request.headers)
    let key = keys.keyKind(of: request.headers)
    let isCreate = catalog.isTaskCreate(method: request.method, path: request.path)
    let extraHeaders = (profile?.extraHeaders ?? []).map { request.headers[$0.name] ?? "-" }
    let ok = response.map { (200..<300).contains($0.status) } ?? false
    var polled: String?
    if case .taskQuery(let kind) = contract?.answer { polled = kind.taskID(inPoll: request) }
    return ClientExchange(
      seq: seq, identity: identity, identityLabel: clean(identity.description),
      method: request.method.uppercased(), target: clean(request.target), family: family,
      familyName: profile?.displayName, route: route?.pattern,
      receivedMs: receivedMs, answeredMs: answeredMs, status: response?.status,
      situation: situation, retryAfterMs: retryAfter, fault: fault, auth: auth, key: key,
      credentials: ([auth.rawValue, key.rawValue] + extraHeaders).joined(separator: "|"),
      headerDiagnoses: header, versionDiagnoses: version, sdk: sdkName(request.headers),
      taskCreated: isCreate && ok && situation == .success ? taskID.map(redactor.string) : nil,
      taskPolled: polled.map(redactor.string), taskState: state?.value,
      taskTerminal: state?.terminal ?? false, isTaskCreate: isCreate, complete: complete)
  }

  /// Query parameters that carry credentials (`key`, `api_key`, `token`, `signature`, ...): a client may put a
  /// real key there, and it must not reach a report.
  static let secretParameters = ["key", "token", "secret", "signature", "password", "auth", "sig"]

  /// A target or URL with the valid key and the values of credential-like query parameters redacted.
  public static func redactSecrets(in text: String, _ redactor: Redactor) -> String {
    let plain = redactor.string(text)
    guard let q = plain.firstIndex(of: "?") else { return plain }
    let items = plain[plain.index(after: q)...].split(
      separator: "&", omittingEmptySubsequences: false
    )
    .map { item -> String in
      guard let eq = item.firstIndex(of: "=") else { return String(item) }
      let name = item[..<eq].lowercased()
      let secret = secretParameters.contains { name.contains($0) }
      return secret ? item[..<eq] + "=" + Redactor.placeholder : String(item)
    }
    return String(plain[...q]) + items.joined(separator: "&")
  }

  /// The official SDK a `user-agent` names: `OpenAI/Python 3.57.0`, `Anthropic/Python 2.14.0`.
  static func sdkName(_ headers: HTTPHeaders) -> String? {
    guard let agent = headers["user-agent"]?.lowercased() else { return nil }
    if agent.hasPrefix("anthropic/python") { return "anthropic-sdk-python" }
    if agent.hasPrefix("openai/python") { return "openai-python" }
    if agent.hasPrefix("google-genai-sdk") || agent.contains("google-genai") {
      return "google-genai"
    }
    return nil
  }

  /// Whether the answer was a success the client received whole.
  public var succeeded: Bool {
    complete && (status.map { (200..<300).contains($0) } ?? false) && situation == .success
  }
}

/// One callback the twin POSTed to a client's `callBackUrl`, and what the client answered.
public struct CallbackAttempt: Sendable, Equatable {
  public var seq: Int
  public var taskID: String
  public var callbackType: String
  /// The URL, with the valid key redacted.
  public var url: String
  public var sentMs: Double
  public var answeredMs: Double
  /// The status the client answered; nil when it did not answer (refused, timed out, reset).
  public var status: Int?
  /// Why there was no answer.
  public var error: String?

  public init(
    seq: Int, taskID: String, callbackType: String, url: String, sentMs: Double,
    answeredMs: Double, status: Int?, error: String?
  ) {
    self.seq = seq
    self.taskID = taskID
    self.callbackType = callbackType
    self.url = url
    self.sentMs = sentMs
    self.answeredMs = answeredMs
    self.status = status
    self.error = error
  }

  public var acknowledged: Bool { status.map { (200..<300).contains($0) } ?? false }
}

/// Everything the twin served one client: requests in arrival order, callbacks, and when the tasks it created
/// reached a terminal state (when the twin knows; otherwise the answers tell).
public struct ClientTraffic: Sendable {
  public var exchanges: [ClientExchange]
  public var callbacks: [CallbackAttempt]
  /// Task id -> milliseconds (twin time) when the task became terminal.
  public var taskTerminalMs: [String: Double]
  /// How long the twin served, in milliseconds.
  public var durationMs: Double

  public init(
    exchanges: [ClientExchange] = [], callbacks: [CallbackAttempt] = [],
    taskTerminalMs: [String: Double] = [:], durationMs: Double = 0
  ) {
    self.exchanges = exchanges
    self.callbacks = callbacks
    self.taskTerminalMs = taskTerminalMs
    self.durationMs = durationMs
  }
}
