/// How a route family expects the key: the header that carries it and the scheme word in front of it.
///
/// The one place that names key headers: requests get their key through `apply`, reports and fixtures read a
/// key's kind through `keyKind`, redaction asks `isKeyHeader`, and messages use `template` and `displayName`.
/// Which headers count as key headers is a catalog's choice (`RouteCatalog.schemes`): AnyInt's are Bearer and
/// x-api-key, so an `x-goog-api-key` a scenario sends there is an ordinary header.
public struct AuthScheme: Sendable, Hashable, CustomStringConvertible {
  /// The header, lower-case.
  public let header: String
  /// What precedes the key in the header value (`Bearer ` for Authorization); empty for a bare key.
  public let prefix: String

  public init(header: String, prefix: String = "") {
    self.header = header.lowercased()
    self.prefix = prefix
  }

  /// `Authorization: Bearer <key>`: OpenAI-compatible, Gemini-compatible, media and AI Music routes.
  public static let bearer = AuthScheme(header: "authorization", prefix: "Bearer ")
  /// `x-api-key: <key>`: Anthropic-compatible routes.
  public static let apiKey = AuthScheme(header: "x-api-key")
  /// `x-goog-api-key: <key>`: what Google's own Gemini SDKs send (AnyInt documents Bearer for `/gemini/*`).
  public static let googAPIKey = AuthScheme(header: "x-goog-api-key")

  /// AnyInt's key headers, in the order messages list them: what `both` sends, and what counts as a key
  /// header where no catalog says otherwise. Their values are never reported, logged or recorded.
  public static let standard: [AuthScheme] = [.bearer, .apiKey]

  /// The version header Anthropic-compatible routes document beside `x-api-key`.
  public static let anthropicVersionHeader = "anthropic-version"

  /// Whether a header (any case) carries a key in one of the schemes.
  public static func isKeyHeader(_ name: String, among schemes: [AuthScheme] = standard) -> Bool {
    schemes.contains { HTTPHeaders.sameName($0.header, name) }
  }

  /// The schemes a request's headers use, in the order given.
  public static func present(in headers: HTTPHeaders, among schemes: [AuthScheme] = standard)
    -> [AuthScheme]
  {
    schemes.filter { headers.contains($0.header) }
  }

  /// The header as people write it: `Authorization`, `x-api-key`.
  public var displayName: String { self == .bearer ? "Authorization" : header }

  /// How a request of this scheme alone is described: `Bearer`, `x-api-key`.
  public var sentName: String { prefix.isEmpty ? header : schemeWord }

  /// The scheme word of a prefixed scheme (`Bearer`); empty for a bare key.
  public var schemeWord: String { prefix.trimmingWhitespace() }

  /// `Authorization: Bearer <key>`, `x-api-key: <key>`: what to send, for messages.
  public var template: String { "\(displayName): \(prefix)<key>" }

  /// `Authorization: Bearer`, `x-api-key`: the scheme in a few words.
  public var description: String { prefix.isEmpty ? header : "\(displayName): \(schemeWord)" }

  /// What reports call a request that presents its key this way and no other.
  public var family: AuthFamily { self == .bearer ? .bearer : AuthFamily(rawValue: header) }

  /// The header value that carries a key: `Bearer KEY` (`Bearer` alone for an empty key), or the bare key.
  public func value(for key: String) -> String {
    prefix.isEmpty ? key : (key.isEmpty ? schemeWord : prefix + key)
  }

  /// Adds the key to a request's headers.
  public func apply(key: String, to headers: inout HTTPHeaders) {
    headers.add(header, value(for: key))
  }

  /// The key the header carries, as the server would read it: whitespace around the value trimmed, and the
  /// scheme word removed. Nil when the header is absent; "" for an empty key; nil token with `malformed` when
  /// a prefixed scheme's word is missing.
  func token(in headers: HTTPHeaders) -> (token: String, malformed: Bool)? {
    guard let raw = headers[header] else { return nil }
    let trimmed = raw.trimmingWhitespace()
    guard !prefix.isEmpty else { return (trimmed, false) }
    let word = schemeWord.lowercased()
    if trimmed.isEmpty || trimmed.lowercased() == word { return ("", false) }
    guard trimmed.lowercased().hasPrefix(prefix.lowercased()) else { return (trimmed, true) }
    return (String(trimmed.dropFirst(prefix.count)).trimmingWhitespace(), false)
  }

  /// The kind of key the header carries, given how to tell a token's kind; nil when the header is absent.
  public func keyKind(in headers: HTTPHeaders, kind: (String) -> KeyKind) -> KeyKind? {
    guard let (token, malformed) = token(in: headers) else { return nil }
    if malformed { return .invalid }
    return token.isEmpty ? .empty : kind(token)
  }
}
