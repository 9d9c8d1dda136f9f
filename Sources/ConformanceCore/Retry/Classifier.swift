import Foundation

/// Maps an observed answer to a row of the documented retry table.
///
/// Order of evidence: an AI Music `code` in the body (it may differ from the HTTP status, and the docs say to
/// check both), then the HTTP status, refined by the error's type, code and message where the status alone is
/// ambiguous (403 and 404 for a model vs for policy or a route; 429 rate vs quota). Statuses the docs do not
/// cover are `undocumented`, except gateway-style upstream failures (502, 504, Anthropic's 529) which are the
/// "Temporary upstream failure" row by definition; the reason always says when a status is outside the table.
public enum Classifier {
  public static func classify(_ o: Observation) -> Classification {
    let err = o.envelope.error
    if o.envelope.kind == .music, let code = err?.code?.intValue {
      return classifyMusic(code: code, o)
    }
    switch o.status {
    case 200..<300:
      if o.envelope.kind == .openai || o.envelope.kind == .anthropic {
        return Classification(
          .undocumented,
          "HTTP \(o.status) with an \(o.envelope.kind.rawValue) error body: a success status must not carry an error"
        )
      }
      return Classification(.success, "HTTP \(o.status)")
    case 300..<400:
      let location = o.headers[HeaderName.location].map { " to \($0)" } ?? ""
      return Classification(
        .undocumented,
        "redirect \(o.status)\(location) (not followed); the docs publish no redirects")
    case 400:
      if mentionsUnavailableModel(err) {
        return Classification(
          .modelUnavailable,
          "HTTP 400 whose error names a model the account cannot use\(describe(err))")
      }
      if isAuthError(err) {
        return Classification(
          .invalidAPIKey,
          "HTTP 400 carrying an authentication error\(describe(err)); the docs answer auth failures with 401"
        )
      }
      return Classification(
        .invalidRequest, "HTTP 400: invalid request body or missing fields\(describe(err))")
    case 401:
      return Classification(.invalidAPIKey, "HTTP 401: authentication failed\(describe(err))")
    case 403:
      if mentionsUnavailableModel(err) {
        return Classification(
          .modelUnavailable, "HTTP 403 whose error is about the model\(describe(err))")
      }
      return Classification(
        .accessBlocked, "HTTP 403: access blocked by subscription or policy\(describe(err))")
    case 404:
      if mentionsUnavailableModel(err) {
        return Classification(
          .modelUnavailable, "HTTP 404 for a model that does not exist for this key\(describe(err))"
        )
      }
      if !o.isPublishedPath {
        return Classification(
          .undocumented,
          "HTTP 404 for \(o.method) \(o.path), which is not a published route; the retry table has no row for unknown routes"
        )
      }
      return Classification(
        .undocumented,
        "HTTP 404 on the published route \(o.path) that does not name a model\(describe(err))")
    case 429:
      let kind = isQuota(err) ? "quota exhausted" : "rate limit"
      return Classification(.rateLimited, "HTTP 429: \(kind)\(describe(err))")
    case 503:
      return Classification(
        .upstreamUnavailable, "HTTP 503: upstream temporarily unavailable\(describe(err))")
    case 502, 504:
      return Classification(
        .upstreamUnavailable,
        "HTTP \(o.status): a gateway-side upstream failure (status not in the documented table)\(describe(err))"
      )
    case 529:
      return Classification(
        .upstreamUnavailable,
        "HTTP 529: Anthropic's overloaded status (not in the documented table)\(describe(err))")
    case 500..<600:
      if err?.typeString == "overloaded_error" {
        return Classification(
          .upstreamUnavailable,
          "HTTP \(o.status) with an overloaded_error body (status not in the documented table)")
      }
      return Classification(
        .undocumented,
        "HTTP \(o.status) is not in the documented table (the official SDKs retry every 5xx; AnyInt documents only 503)\(describe(err))"
      )
    default:
      return Classification(
        .undocumented, "HTTP \(o.status) is not in the documented status table\(describe(err))")
    }
  }

  /// AI Music codes, as documented for the Suno-compatible routes.
  public static let musicCodes: [Int: (meaning: String, situation: Situation)] = [
    200: ("success", .success),
    400: ("invalid parameters", .invalidRequest),
    401: ("authentication failed", .invalidAPIKey),
    405: ("frequency limit exceeded", .rateLimited),
    413: ("text too long", .invalidRequest),
    429: ("quota exhausted", .rateLimited),
    430: ("request rate too high", .rateLimited),
    455: ("system maintenance", .upstreamUnavailable),
    500: ("server error", .undocumented),
  ]

  static func classifyMusic(code: Int, _ o: Observation) -> Classification {
    let http = code == o.status ? "" : " (HTTP status \(o.status))"
    guard let entry = musicCodes[code] else {
      return Classification(
        .undocumented, "AI Music code \(code) is not a documented music code\(http)")
    }
    if entry.situation == .undocumented {
      return Classification(
        .undocumented,
        "AI Music code \(code): \(entry.meaning)\(http); the retry table gives no decision for it")
    }
    return Classification(entry.situation, "AI Music code \(code): \(entry.meaning)\(http)")
  }

  private static func describe(_ err: ErrorInfo?) -> String {
    guard let err else { return "" }
    var parts: [String] = []
    if let t = err.typeString { parts.append("type \(t)") }
    if let c = err.codeString { parts.append("code \(c)") }
    return parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")"
  }

  private static let modelMessagePatterns: [NSRegularExpression] = [
    #"\bmodel\b[^.]{0,80}\b(not found|does not exist|doesn't exist|not available|unavailable|not enabled|not allowed|not permitted|not supported|no access|access denied|do not have access|don't have access|is not accessible)"#,
    #"\b(no access|not have access|not allowed|not permitted|not enabled|not authorized|not entitled)\b[^.]{0,40}\bmodel\b"#,
    #"^model: \S+$"#,
  ].compactMap { try? NSRegularExpression(pattern: $0, options: [.caseInsensitive]) }

  /// Whether an error says the model exists not, or not for this account; "missing field: model" does not count.
  public static func mentionsUnavailableModel(_ err: ErrorInfo?) -> Bool {
    guard let err else { return false }
    let code = (err.codeString ?? "").lowercased()
    let type = (err.typeString ?? "").lowercased()
    for token in [code, type] where token.containsBytes("model") {
      if token.containsBytes("not") || token.containsBytes("invalid")
        || token.containsBytes("unsupported")
        || token.containsBytes("denied")
        || token.containsBytes("unavailable") || token.containsBytes("no_access")
      {
        return true
      }
    }
    guard let message = err.messageString else { return false }
    let lower = message.lowercased()
    if lower.containsBytes("missing") || lower.containsBytes("required") { return false }
    let range = NSRange(message.startIndex..., in: message)
    return modelMessagePatterns.contains { $0.firstMatch(in: message, range: range) != nil }
  }

  static func isAuthError(_ err: ErrorInfo?) -> Bool {
    guard let err else { return false }
    let type = (err.typeString ?? "").lowercased()
    let code = (err.codeString ?? "").lowercased()
    return type == "authentication_error" || code == "invalid_api_key"
  }

  static func isQuota(_ err: ErrorInfo?) -> Bool {
    guard let err else { return false }
    let text = [err.typeString, err.codeString, err.messageString].compactMap { $0?.lowercased() }
      .joined(separator: " ")
    return text.containsBytes("quota") || text.containsBytes("insufficient")
      || text.containsBytes("billing")
      || text.containsBytes("credit")
  }
}
