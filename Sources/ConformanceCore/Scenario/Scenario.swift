/// A value together with where it was written, so a failed check can point at its field.
public struct Located<Value: Sendable>: Sendable {
  public var value: Value
  public var ref: SourceRef

  public init(_ value: Value, _ ref: SourceRef) {
    self.value = value
    self.ref = ref
  }
}

/// One scenario of format v1: a request and what must come back (or, later, a list of steps).
public struct Scenario: Sendable {
  public var id: String
  public var summary: String
  public var tags: [String]
  /// The family given in the file, or the one inferred from the request path (the first request's, for steps).
  public var family: Family?
  public var body: Body
  public var timeoutMs: Int?
  /// Where the scenario object starts.
  public var source: SourceRef
  /// Every `${name}` the scenario refers to, with where; checked against the variable sources before a run.
  public var variableUses: [VariableUse] = []
  /// Where the id is written and the scenario's JSON path in its file (`$` or `$[2]`), for suite-level errors.
  public var idRef: SourceRef?
  public var jsonPath = "$"
  /// Whether `family` was written in the file (else it was inferred from the first request's path).
  public var familyIsExplicit = false

  /// A single exchange, or an ordered list of steps.
  public enum Body: Sendable {
    case exchange(Exchange)
    case steps([Step])
  }

  public init(
    id: String, summary: String, tags: [String] = [], family: Family?, exchange: Exchange,
    timeoutMs: Int? = nil, source: SourceRef
  ) {
    self.init(
      id: id, summary: summary, tags: tags, family: family, body: .exchange(exchange),
      timeoutMs: timeoutMs, source: source)
  }

  public init(
    id: String, summary: String, tags: [String] = [], family: Family?, body: Body,
    timeoutMs: Int? = nil, source: SourceRef
  ) {
    self.id = id
    self.summary = summary
    self.tags = tags
    self.family = family
    self.body = body
    self.timeoutMs = timeoutMs
    self.source = source
  }
}

extension Scenario {
  /// The exchange of a single-request scenario; nil for step scenarios.
  public var exchange: Exchange? {
    if case .exchange(let e) = body { return e }
    return nil
  }

  /// The steps of a multi-step scenario; empty for single-request ones.
  public var steps: [Step] {
    if case .steps(let s) = body { return s }
    return []
  }

  /// Every request the scenario sends, in order (the first is the one `list` shows).
  public var requests: [RequestSpec] {
    switch body {
    case .exchange(let e): return [e.request]
    case .steps(let steps):
      return steps.compactMap {
        if case .request(let r) = $0.kind { return r.request }
        return nil
      }
    }
  }
}

/// One step of a multi-step scenario: a request (possibly polled until a condition holds) or a webhook wait.
public struct Step: Sendable {
  public enum Kind: Sendable {
    case request(RequestStep)
    case webhook(WebhookStep)
  }

  public var id: String
  public var kind: Kind
  public var source: SourceRef

  public init(id: String, kind: Kind, source: SourceRef) {
    self.id = id
    self.kind = kind
    self.source = source
  }
}

/// A request step: what to send, what must hold of the answer, what to capture, and how to poll.
public struct RequestStep: Sendable {
  public var request: RequestSpec
  public var expect: ScenarioExpectation?
  /// Variables taken from the answer for later steps: name and JSON path.
  public var capture: [(name: String, path: JSONPath)]
  public var poll: PollSpec?

  public init(
    request: RequestSpec, expect: ScenarioExpectation? = nil,
    capture: [(name: String, path: JSONPath)] = [], poll: PollSpec? = nil
  ) {
    self.request = request
    self.expect = expect
    self.capture = capture
    self.poll = poll
  }
}

/// How a poll step repeats its GET: until a condition holds, failing on another or at its time limit.
public struct PollSpec: Sendable {
  public var until: [(path: JSONPath, matcher: Matcher, ref: SourceRef)]
  public var failWhen: [(path: JSONPath, matcher: Matcher, ref: SourceRef)]
  public var intervalMs: Int
  public var timeoutMs: Int
  public var ref: SourceRef

  public init(
    until: [(path: JSONPath, matcher: Matcher, ref: SourceRef)],
    failWhen: [(path: JSONPath, matcher: Matcher, ref: SourceRef)] = [],
    intervalMs: Int = Defaults.pollIntervalMs, timeoutMs: Int = Defaults.pollTimeoutMs,
    ref: SourceRef
  ) {
    self.until = until
    self.failWhen = failWhen
    self.intervalMs = intervalMs
    self.timeoutMs = timeoutMs
    self.ref = ref
  }
}

/// A webhook step: wait for a callback of a type (`text`, `first`, `complete`, `error`) on `${callback_url}`.
public struct WebhookStep: Sendable {
  public var callbackType: CallbackType?
  public var timeoutMs: Int
  public var ref: SourceRef

  public init(
    callbackType: CallbackType?, timeoutMs: Int = Defaults.webhookTimeoutMs, ref: SourceRef
  ) {
    self.callbackType = callbackType
    self.timeoutMs = timeoutMs
    self.ref = ref
  }
}

/// A request and the expectations on its answer.
public struct Exchange: Sendable {
  public var request: RequestSpec
  public var expect: ScenarioExpectation

  public init(request: RequestSpec, expect: ScenarioExpectation) {
    self.request = request
    self.expect = expect
  }
}

/// How a scenario presents its key: the way its family documents, or one fixed way (`bearer`, `x-api-key`,
/// `both`, `none`), as scenario format v1 names them.
public enum AuthMode: Sendable, Hashable, CaseIterable, RawRepresentable {
  /// The header family the route's family documents, with its extra headers (e.g. `anthropic-version`).
  case family
  case fixed(AuthFamily)

  public static let allCases: [AuthMode] = [.family] + AuthFamily.documented.map(AuthMode.fixed)

  public init?(rawValue: String) {
    guard let mode = AuthMode.allCases.first(where: { $0.rawValue == rawValue }) else { return nil }
    self = mode
  }

  public var rawValue: String {
    switch self {
    case .family: return "family"
    case .fixed(let f): return f.rawValue
    }
  }
}

/// The body of a scenario request.
public enum RequestBody: Sendable, Equatable {
  case none
  /// Sent as JSON with `content-type: application/json`.
  case json(JSONValue)
  /// Sent byte for byte (invalid-JSON cases).
  case raw(String)
}

/// The request of a scenario, with `${var}` references still in its strings.
public struct RequestSpec: Sendable {
  public var method: String
  public var path: String
  public var auth: AuthMode
  public var key: KeyKind
  /// Header overrides in file order: a value sets a header, nil removes one the runner would add.
  public var headers: [(name: String, value: String?)]
  public var body: RequestBody
  public var timeoutMs: Int?
  public var source: SourceRef
  /// Where the path value is written.
  public var pathRef: SourceRef?
  /// The family whose headers `auth: family` sends: the scenario's `family` when written, else the one this
  /// request's path shows, else the scenario's. Decided when the scenario is read.
  public var family: Family?

  public init(
    method: String, path: String, auth: AuthMode = .family, key: KeyKind = .valid,
    headers: [(name: String, value: String?)] = [],
    body: RequestBody = .none, timeoutMs: Int? = nil, family: Family? = nil, source: SourceRef
  ) {
    // Code that builds a spec by hand gets the AnyInt family of its path; decoding sets it from its catalog.
    self.family = family ?? RouteCatalog.anyint.family(forPath: path)
    self.method = method
    self.path = path
    self.auth = auth
    self.key = key
    self.headers = headers
    self.body = body
    self.timeoutMs = timeoutMs
    self.source = source
  }
}

/// What the status must be.
public enum StatusExpectation: Sendable, Equatable, CustomStringConvertible {
  case codes([Int])
  /// `"2xx"` is `.statusClass(2)`.
  case statusClass(Int)

  public func holds(_ status: Int) -> Bool {
    switch self {
    case .codes(let c): return c.contains(status)
    case .statusClass(let k): return status / 100 == k
    }
  }

  public var description: String {
    switch self {
    case .codes(let c):
      return c.count == 1 ? "\(c[0])" : "one of " + c.map(String.init).joined(separator: ", ")
    case .statusClass(let k): return "\(k)xx"
    }
  }
}

/// The envelope a scenario expects; `any` accepts every shape.
public enum EnvelopeExpectation: String, CaseIterable, Sendable {
  case openai, anthropic, music, none, any

  public func holds(_ kind: EnvelopeKind) -> Bool {
    self == .any || rawValue == kind.rawValue
  }
}

/// The `stream` expectation of format v1.
public struct StreamExpectation: Sendable {
  public enum Format: String, CaseIterable, Sendable {
    case openaiSSE = "openai-sse"
    case anthropicSSE = "anthropic-sse"
    case geminiSSE = "gemini-sse"
  }

  public var format: Format?
  public var complete: Bool?
  public var minEvents: Int?
  public var events: [String]?
  public var error: Matcher?
  public var ref: SourceRef

  public init(
    format: Format? = nil, complete: Bool? = nil, minEvents: Int? = nil, events: [String]? = nil,
    error: Matcher? = nil, ref: SourceRef
  ) {
    self.format = format
    self.complete = complete
    self.minEvents = minEvents
    self.events = events
    self.error = error
    self.ref = ref
  }
}

/// Everything a scenario says must hold of the answer. Absent fields are not checked.
public struct ScenarioExpectation: Sendable {
  public var status: Located<StatusExpectation>?
  public var envelope: Located<EnvelopeExpectation>?
  public var error: [(field: ErrorField, matcher: Matcher, ref: SourceRef)] = []
  public var situation: Located<Situation>?
  public var retry: Located<RetryDecision>?
  public var headers: [(name: String, matcher: Matcher, ref: SourceRef)] = []
  public var json: [(path: JSONPath, matcher: Matcher, ref: SourceRef)] = []
  public var stream: StreamExpectation?
  public var latencyMaxMs: Located<Int>?
  public var diagnoses: Located<[String]>?

  public init() {}
}
