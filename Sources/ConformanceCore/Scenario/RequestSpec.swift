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
