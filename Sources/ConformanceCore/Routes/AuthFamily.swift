/// How a request presents its key, as reports, fixtures and the request log name it: `bearer`, `x-api-key`,
/// `both` (more than one key header), `none`, or the header of another scheme.
public struct AuthFamily: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
  public let rawValue: String

  public init(rawValue: String) { self.rawValue = rawValue }

  public static let bearer = AuthFamily(rawValue: "bearer")
  public static let xAPIKey = AuthScheme.apiKey.family
  public static let both = AuthFamily(rawValue: "both")
  public static let none = AuthFamily(rawValue: "none")

  /// The families scenario format v1 and fixtures name: `bearer`, `x-api-key`, `both`, `none`.
  public static let documented: [AuthFamily] = [.bearer, .xAPIKey, .both, .none]

  /// Every value a fixture may give: the documented ones and those of the other schemes.
  public static func recognised(among schemes: [AuthScheme] = AuthScheme.standard) -> [AuthFamily] {
    documented + schemes.map(\.family).filter { !documented.contains($0) }
  }

  public var description: String { rawValue }

  /// The schemes a request of this family sends.
  public var schemes: [AuthScheme] {
    switch self {
    case .none: return []
    case .both: return AuthScheme.standard
    case .bearer: return [.bearer]
    default: return [AuthScheme(header: rawValue)]
    }
  }

  /// The family a request's headers use, counting the given schemes' headers as key headers.
  public static func of(_ headers: HTTPHeaders, among schemes: [AuthScheme] = AuthScheme.standard)
    -> AuthFamily
  {
    let present = AuthScheme.present(in: headers, among: schemes)
    switch present.count {
    case 0: return .none
    case 1: return present[0].family
    default: return .both
    }
  }
}
