/// What ran against what.
public struct TargetInfo: Sendable, Equatable {
  public var kind: String
  public var baseURL: String?
  public var fixtures: String?

  public init(kind: String, baseURL: String? = nil, fixtures: String? = nil) {
    self.kind = kind
    self.baseURL = baseURL
    self.fixtures = fixtures
  }
}
