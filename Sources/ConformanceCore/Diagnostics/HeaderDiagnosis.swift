/// Diagnoses of the headers a request sent, against the header family its route documents.
///
/// Each diagnosis has a stable id and a one-line fix naming the exact header to send. They are computed for
/// 401 and 403 answers and for any 400 whose error names a header, where a header problem is the likely cause.
public enum HeaderDiagnosis {
  /// The `anthropic-version` values AnyInt documents for `/anthropic/*`.
  public static let documentedAnthropicVersions: Set<String> = [RouteCatalog.anthropicVersion]

  /// Every diagnosis id this module produces, for `explain`-style listings and tests.
  public static let ids = [
    "header-mismatch", "both-auth-headers", "missing-auth", "empty-key", "key-whitespace",
    "bearer-in-x-api-key",
    "missing-anthropic-version", "unknown-anthropic-version", "invalid-key",
  ]

  /// Whether an answer calls for header diagnosis.
  public static func applies(status: Int, error: ErrorInfo?) -> Bool {
    if status == 401 || status == 403 { return true }
    guard status == 400, let message = error?.messageString?.lowercased() else { return false }
    return ["header", "anthropic-version", "x-api-key", "authorization", "api key", "api-key"]
      .contains { message.containsBytes($0) }
  }

  /// Diagnoses for a request as sent (values are read here and never leave this function).
  public static func diagnose(
    _ request: HTTPRequest, family: Family?, keys: KeyClassifier, status: Int
  ) -> [Diagnosis] {
    guard let family else { return [] }
    var out: [Diagnosis] = []
    let headers = request.headers
    let authorization = headers["authorization"]
    let apiKey = headers["x-api-key"]
    let documented = family.documentedAuth
    let wanted = documented == .xAPIKey ? "x-api-key: <key>" : "Authorization: Bearer <key>"

    switch (authorization != nil, apiKey != nil) {
    case (true, true):
      out.append(
        Diagnosis(
          id: "both-auth-headers",
          message:
            "both Authorization and x-api-key were sent; send only \(wanted) (\(family.displayName) routes document that one)"
        ))
    case (false, false):
      out.append(Diagnosis(id: "missing-auth", message: "no key was sent; send \(wanted)"))
    case (true, false) where documented == .xAPIKey:
      out.append(
        Diagnosis(
          id: "header-mismatch",
          message:
            "Bearer was sent to \(family.withArticle) route; send x-api-key: <key> (with anthropic-version: \(RouteCatalog.anthropicVersion)) instead of Authorization"
        ))
    case (false, true) where documented == .bearer:
      out.append(
        Diagnosis(
          id: "header-mismatch",
          message:
            "x-api-key was sent to \(family.withArticle) route; send Authorization: Bearer <key> instead of x-api-key"
        ))
    default:
      break
    }

    if let authorization {
      let value = authorization
      let token = value.lowercased().hasPrefix("bearer") ? String(value.dropFirst(6)) : value
      if token.trimmingWhitespace().isEmpty {
        out.append(
          Diagnosis(
            id: "empty-key",
            message:
              "the Authorization header carries no key; set it to Bearer <key> with the key from your AnyInt console"
          )
        )
      } else if !value.lowercased().hasPrefix("bearer ") {
        out.append(
          Diagnosis(
            id: "header-mismatch",
            message:
              "Authorization does not use the Bearer scheme; send Authorization: Bearer <key>"))
      } else if token.dropFirst().first?.isWhitespace == true || token.last?.isWhitespace == true {
        out.append(
          Diagnosis(
            id: "key-whitespace",
            message:
              "the key in Authorization has surrounding whitespace; send Authorization: Bearer <key> with the key trimmed"
          ))
      }
    }
    if let apiKey {
      if apiKey.trimmingWhitespace().isEmpty {
        out.append(
          Diagnosis(
            id: "empty-key",
            message:
              "x-api-key is empty; set x-api-key: <key> with the key from your AnyInt console"))
      } else if apiKey.lowercased().hasPrefix("bearer ") {
        out.append(
          Diagnosis(
            id: "bearer-in-x-api-key",
            message: "x-api-key holds a 'Bearer ' prefix; send the bare key: x-api-key: <key>"))
      } else if apiKey.first?.isWhitespace == true || apiKey.last?.isWhitespace == true {
        out.append(
          Diagnosis(
            id: "key-whitespace",
            message:
              "the key in x-api-key has surrounding whitespace; send x-api-key: <key> with the key trimmed"
          ))
      }
    }

    if family == .anthropic {
      if let version = headers["anthropic-version"] {
        if !documentedAnthropicVersions.contains(version.trimmingWhitespace()) {
          out.append(
            Diagnosis(
              id: "unknown-anthropic-version",
              message:
                "anthropic-version \"\(version)\" is not the documented one; send anthropic-version: \(RouteCatalog.anthropicVersion)"
            ))
        }
      } else {
        out.append(
          Diagnosis(
            id: "missing-anthropic-version",
            message:
              "anthropic-version is missing; send anthropic-version: \(RouteCatalog.anthropicVersion)"
          ))
      }
    }

    // The right family and a well-formed key that was still refused: the key itself is the problem.
    let familyRight =
      (documented == .bearer && authorization != nil && apiKey == nil)
      || (documented == .xAPIKey && apiKey != nil && authorization == nil)
    if out.isEmpty, familyRight, status == 401 {
      let which = keys.keyKind(of: headers) == .valid ? "the configured key" : "the key"
      out.append(
        Diagnosis(
          id: "invalid-key",
          message:
            "the header family is right but \(which) was refused; rotate or correct it (a revoked, mistyped or other-environment key)"
        ))
    }
    return out
  }
}
