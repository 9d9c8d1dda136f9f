/// The error answers AnyInt documents, in each family's documented envelope: what the contract twin sends,
/// and what the classifier must put in the intended row of the retry table (a test holds the two together).
///
/// Bodies follow the seed page's examples (`errors-and-limits.txt`) and the recorded gateway answers in
/// `Fixtures/anyint`: `{"error": {"message", "type", "code"}}` with `param` on invalid-request errors, and
/// `{"code", "msg", "data": null}` on AI Music routes.
public enum DocumentedError: Error, Sendable, Equatable {
  case invalidAPIKey
  /// A required header (`anthropic-version`) is missing.
  case missingHeader(String)
  /// A required header with a value the docs do not list: its name, the value sent, the documented one.
  case unsupportedHeader(String, sent: String, documented: String)
  case invalidJSON
  case missingField(String)
  /// A field with a value the route does not accept: the field and why.
  case invalidField(String, String)
  case modelNotFound(String)
  case modelNotEnabled(String)
  case accessBlocked
  case routeNotFound(method: String, path: String)
  /// No task, response or video with that id: what and which id.
  case notFound(String, String)
  case rateLimited(retryAfterSeconds: Int)
  case quotaExhausted
  case upstreamUnavailable
  /// Anthropic's 529.
  case overloaded

  /// The retry-table row the answer stands for.
  public var situation: Situation {
    switch self {
    case .invalidAPIKey: .invalidAPIKey
    case .missingHeader, .unsupportedHeader, .invalidJSON, .missingField, .invalidField:
      .invalidRequest
    case .modelNotFound, .modelNotEnabled: .modelUnavailable
    case .accessBlocked: .accessBlocked
    case .routeNotFound, .notFound: .undocumented
    case .rateLimited, .quotaExhausted: .rateLimited
    case .upstreamUnavailable, .overloaded: .upstreamUnavailable
    }
  }

  public var status: Int {
    switch self {
    case .invalidAPIKey: 401
    case .missingHeader, .unsupportedHeader, .invalidJSON, .missingField, .invalidField: 400
    case .modelNotFound, .routeNotFound, .notFound: 404
    case .modelNotEnabled, .accessBlocked: 403
    case .rateLimited, .quotaExhausted: 429
    case .upstreamUnavailable: 503
    case .overloaded: 529
    }
  }

  /// The answer for a route of `family` (nil: a path outside every family) in the envelope its row of
  /// `catalog` documents: status, headers and JSON body.
  public func answer(family: Family?, catalog: RouteCatalog = .anyint) -> HTTPResponse {
    var headers = HTTPHeaders([("content-type", "application/json")])
    if case .rateLimited(let seconds) = self { headers.add("retry-after", String(seconds)) }
    let body: JSONValue
    if catalog.profile(family)?.envelope == .music, let music = musicBody {
      body = music
    } else if self == .overloaded {
      body = ["type": "error", "error": ["type": "overloaded_error", "message": "Overloaded"]]
    } else {
      var error: JSONObject = ["message": .string(message), "type": .string(type)]
      if let code { error["code"] = .string(code) }
      if let param { error["param"] = param }
      body = ["error": .object(error)]
    }
    return HTTPResponse(status: status, headers: headers, body: JSONWriter.bytes(body))
  }

  var message: String {
    switch self {
    case .invalidAPIKey: "Invalid or missing API key"
    case .missingHeader(let name): "Missing required header: \(name)"
    case .unsupportedHeader(let name, let sent, let documented):
      "\(name) \"\(sent)\" is not supported; send \(name): \(documented)"
    case .invalidJSON: "Invalid JSON in request body"
    case .missingField(let name): "Missing required field: \(name)"
    case .invalidField(_, let why): why
    case .modelNotFound(let model):
      "The model `\(model)` does not exist or you do not have access to it."
    case .modelNotEnabled(let model): "Model \(model) is not enabled for this account"
    case .accessBlocked: "Access blocked by subscription or policy"
    case .routeNotFound(let method, let path):
      "\(method) \(path) is not a published route; see the API reference for the documented routes"
    case .notFound(let what, let id): "No \(what) found with id '\(id)'."
    case .rateLimited: "Rate limit exceeded"
    case .quotaExhausted: "Quota exhausted for this key; check your plan and billing details"
    case .upstreamUnavailable: "Upstream temporarily unavailable"
    case .overloaded: "Overloaded"
    }
  }

  var type: String {
    switch self {
    case .invalidAPIKey: "authentication_error"
    case .missingHeader, .unsupportedHeader, .invalidJSON, .missingField, .invalidField,
      .modelNotFound, .routeNotFound, .notFound:
      "invalid_request_error"
    case .modelNotEnabled, .accessBlocked: "permission_error"
    case .rateLimited, .quotaExhausted: "rate_limit_error"
    case .upstreamUnavailable: "server_error"
    case .overloaded: "overloaded_error"
    }
  }

  var code: String? {
    switch self {
    case .invalidAPIKey: "invalid_api_key"
    case .modelNotFound: "model_not_found"
    case .modelNotEnabled: "model_not_available"
    case .accessBlocked: "access_blocked"
    case .routeNotFound: "route_not_found"
    case .notFound: "not_found"
    case .rateLimited: "rate_limit_exceeded"
    case .quotaExhausted: "insufficient_quota"
    case .upstreamUnavailable: "upstream_unavailable"
    default: nil
    }
  }

  var param: JSONValue? {
    switch self {
    case .missingHeader(let name): .string(name)
    case .unsupportedHeader(let name, _, _): .string(name)
    case .invalidJSON: .null
    case .missingField(let name), .invalidField(let name, _): .string(name)
    case .modelNotFound, .modelNotEnabled: "model"
    default: nil
    }
  }

  /// AI Music's `{code, msg, data}` form, with the documented music codes; nil where the music routes have no
  /// code of their own (the gateway envelope is used then).
  var musicBody: JSONValue? {
    let pair: (Int, String)? =
      switch self {
      case .invalidAPIKey: (401, "Authentication failed: invalid or missing API key")
      case .missingField(let name): (400, "Invalid parameters: \(name) is required")
      case .invalidField(let name, let why): (400, "Invalid parameters: \(name): \(why)")
      case .invalidJSON: (400, "Invalid parameters: the body is not valid JSON")
      case .rateLimited: (430, "Your call frequency is too high. Please try again later.")
      case .quotaExhausted: (429, "Insufficient credits: the quota for this key is exhausted.")
      case .upstreamUnavailable: (455, "System maintenance, please try again later.")
      default: nil
      }
    guard let (code, msg) = pair else { return nil }
    return ["code": .number(Double(code)), "msg": .string(msg), "data": .null]
  }
}

extension HeaderDiagnosis {
  /// The diagnoses that mean a request did not present its key in its route's documented header family: the
  /// twin answers them `401`, and the client rule `auth-header` reports them.
  public static let headerFamilyIDs: Set<NoteID> = [
    .headerMismatch, .bothAuthHeaders, .missingAuth, .emptyKey, .bearerInXAPIKey, .keyWhitespace,
  ]

  /// The diagnoses about a header a family requires beside the key (`anthropic-version`): the ids its row of
  /// the catalog names for a missing one and for an undocumented value.
  public static func extraHeaderIDs(_ profile: FamilyProfile?) -> Set<NoteID> {
    Set((profile?.extraHeaders ?? []).flatMap { [$0.missing, $0.unknown].compactMap { $0 } })
  }

  /// The documented error a request's headers earn on a route of `profile`'s family, by the same diagnoses
  /// `run` reports: the wrong header family or a wrong key is `401`, a missing required header or one with an
  /// undocumented value (`anthropic-version`) `400`; nil when the headers are right.
  public static func documentedError(
    _ request: HTTPRequest, profile: FamilyProfile, keys: KeyClassifier
  ) -> DocumentedError? {
    let found = diagnose(request, profile: profile, keys: keys, status: 401)
    if found.contains(where: { headerFamilyIDs.contains($0.id) }) { return .invalidAPIKey }
    if keys.keyKind(of: request.headers) != .valid { return .invalidAPIKey }
    for extra in profile.extraHeaders {
      if let id = extra.missing, found.contains(where: { $0.id == id }) {
        return .missingHeader(extra.name)
      }
      if let id = extra.unknown, found.contains(where: { $0.id == id }) {
        return .unsupportedHeader(
          extra.name, sent: request.headers[extra.name] ?? "", documented: extra.value)
      }
    }
    return nil
  }
}
