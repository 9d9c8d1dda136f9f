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
