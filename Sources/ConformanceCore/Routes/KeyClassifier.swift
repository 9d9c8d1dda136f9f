/// Tells what kind of key a request carries by comparing with the configured key; the key itself stays here.
public struct KeyClassifier: Sendable {
  private let validKey: String
  /// The headers that carry a key.
  public let schemes: [AuthScheme]

  public init(validKey: String, schemes: [AuthScheme] = AuthScheme.standard) {
    self.validKey = validKey
    self.schemes = schemes
  }

  /// The auth header family a request uses, by AnyInt's key headers.
  public static func authFamily(of headers: HTTPHeaders) -> AuthFamily { AuthFamily.of(headers) }

  /// The auth header family a request uses, by this classifier's key headers.
  public func authFamily(of headers: HTTPHeaders) -> AuthFamily {
    AuthFamily.of(headers, among: schemes)
  }

  /// The kind of key a request carries: valid, invalid, empty, or none when it sends no key header. Keys in
  /// several headers that disagree are invalid. Whitespace around a value is stripped, as HTTP does on the wire
  /// (so replay sees what `mock serve` and any real gateway would see).
  public func keyKind(of headers: HTTPHeaders) -> KeyKind {
    let kinds = schemes.compactMap { $0.keyKind(in: headers, kind: kind(of:)) }
    guard let first = kinds.first else { return .none }
    return kinds.allSatisfy { $0 == first } ? first : .invalid
  }

  private func kind(of token: String) -> KeyKind {
    token == validKey ? .valid : .invalid
  }
}
