/// Builds the HTTP request a scenario sends, with the headers its auth mode and family call for.
public enum RequestBuilder {
  public static let userAgent = "anyint-conformance/\(ToolInfo.version)"

  /// The request for a resolved spec; `profile` is the row of the spec's family (nil: no family known, so
  /// `auth: family` falls back to Bearer).
  public static func build(_ spec: RequestSpec, profile: FamilyProfile?, credentials: Credentials)
    -> HTTPRequest
  {
    var headers = HTTPHeaders()
    headers.add(HeaderName.userAgent, userAgent)
    let key: String
    switch spec.key {
    case .valid: key = credentials.validKey
    case .invalid: key = credentials.invalidKey
    case .empty, .none: key = ""
    }
    switch spec.auth {
    case .family:
      (profile?.auth ?? .bearer).apply(key: key, to: &headers)
      for h in profile?.extraHeaders ?? [] { headers.add(h.name, h.value) }
    case .fixed(let family):
      for scheme in family.schemes { scheme.apply(key: key, to: &headers) }
    }
    var body: [UInt8] = []
    switch spec.body {
    case .none: break
    case .json(let v):
      body = JSONWriter.bytes(v)
      headers.add(HeaderName.contentType, MediaType.json)
    case .raw(let s):
      body = Array(s.utf8)
      headers.add(HeaderName.contentType, MediaType.json)
    }
    // Added headers go on every request; a scenario that sets or removes one itself wins.
    for h in credentials.headers { headers.set(h.name.lowercased(), h.value) }
    for (name, value) in spec.headers {
      if let value { headers.set(name.lowercased(), value) } else { headers.remove(name) }
    }
    return HTTPRequest(method: spec.method, target: spec.path, headers: headers, body: body)
  }
}
