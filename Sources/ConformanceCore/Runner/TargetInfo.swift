/// What ran against what.
public struct TargetInfo: Sendable, Equatable {
  public var kind: String
  public var baseURL: String?
  public var fixtures: String?
  /// How a live target was reached (nil for fixtures): the proxy (never its credentials), whether
  /// certificates went unverified, and the path rewrites applied before sending.
  public var connection: ConnectionInfo?

  public init(kind: String, baseURL: String? = nil, fixtures: String? = nil) {
    self.kind = kind
    self.baseURL = baseURL
    self.fixtures = fixtures
  }
}
