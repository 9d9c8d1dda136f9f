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
