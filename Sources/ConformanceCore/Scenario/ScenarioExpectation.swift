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
