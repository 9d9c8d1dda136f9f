/// What was sent, described without the key.
public struct RequestSummary: Sendable, Equatable {
  public var method: String
  public var target: String
  public var auth: AuthFamily
  public var key: KeyKind
  /// Header names and values as sent, with auth header values replaced by their key kind.
  public var headers: [HTTPHeaders.Field]
  public var bodyBytes: Int

  public init(
    method: String, target: String, auth: AuthFamily, key: KeyKind, headers: [HTTPHeaders.Field],
    bodyBytes: Int
  ) {
    self.method = method
    self.target = target
    self.auth = auth
    self.key = key
    self.headers = headers
    self.bodyBytes = bodyBytes
  }

  /// Summarises a request; the values of key headers never leave this function.
  public static func of(_ r: HTTPRequest, keys: KeyClassifier) -> RequestSummary {
    let fields = r.headers.fields.map { f -> HTTPHeaders.Field in
      let lower = f.name.lowercased()
      if AuthScheme.isKeyHeader(lower, among: keys.schemes) {
        var one = HTTPHeaders()
        one.add(f.name, f.value)
        return HTTPHeaders.Field(name: lower, value: "<\(keys.keyKind(of: one).rawValue) key>")
      }
      return HTTPHeaders.Field(name: lower, value: f.value)
    }
    return RequestSummary(
      method: r.method, target: r.target, auth: keys.authFamily(of: r.headers),
      key: keys.keyKind(of: r.headers), headers: fields,
      bodyBytes: r.body.count)
  }
}
