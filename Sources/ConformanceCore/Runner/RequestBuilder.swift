/// The keys a run sends: the configured key for `key: valid`, and a well-formed wrong key for `key: invalid`.
public struct Credentials: Sendable {
  public var validKey: String
  public var invalidKey: String

  /// A wrong key shaped like a real one; short enough that it can never be mistaken for a leaked secret.
  public static let defaultInvalidKey = "sk-conformance-invalid"
  /// The key replay uses when none is configured: replay compares key kinds, never values.
  public static let fixtureKey = "anyint-fixture-key"

  public init(validKey: String, invalidKey: String = Credentials.defaultInvalidKey) {
    self.validKey = validKey
    self.invalidKey = invalidKey
  }

  public var keyClassifier: KeyClassifier { KeyClassifier(validKey: validKey) }
}

/// Builds the HTTP request a scenario sends, with the headers its auth mode and family call for.
public enum RequestBuilder {
  public static let userAgent = "anyint-conformance/\(ToolInfo.version)"

  public static func build(_ spec: RequestSpec, family: Family?, credentials: Credentials)
    -> HTTPRequest
  {
    var headers = HTTPHeaders()
    headers.add("user-agent", userAgent)
    let key: String
    switch spec.key {
    case .valid: key = credentials.validKey
    case .invalid: key = credentials.invalidKey
    case .empty: key = ""
    }
    let auth: AuthFamily
    switch spec.auth {
    case .family: auth = family?.documentedAuth ?? .bearer
    case .bearer: auth = .bearer
    case .xAPIKey: auth = .xAPIKey
    case .both: auth = .both
    case .none: auth = .none
    }
    if auth == .bearer || auth == .both {
      headers.add("authorization", key.isEmpty ? "Bearer" : "Bearer \(key)")
    }
    if auth == .xAPIKey || auth == .both { headers.add("x-api-key", key) }
    if spec.auth == .family, let family {
      for h in family.documentedExtraHeaders { headers.add(h.name, h.value) }
    }
    var body: [UInt8] = []
    switch spec.body {
    case .none: break
    case .json(let v):
      body = JSONWriter.bytes(v)
      headers.add("content-type", "application/json")
    case .raw(let s):
      body = Array(s.utf8)
      headers.add("content-type", "application/json")
    }
    for (name, value) in spec.headers {
      if let value { headers.set(name.lowercased(), value) } else { headers.remove(name) }
    }
    return HTTPRequest(method: spec.method, target: spec.path, headers: headers, body: body)
  }
}

/// The tool's name and version, as reports and the user agent state them.
public enum ToolInfo {
  public static let name = "anyint-conformance"
  public static let version = "0.1.0"
}
