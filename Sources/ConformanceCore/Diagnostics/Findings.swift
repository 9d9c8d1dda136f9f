/// A gateway behaviour worth a reader's attention: undocumented, or where the docs and the SDKs disagree.
/// Findings are reported in every format; they fail a scenario only when it says so.
public struct Finding: Sendable, Equatable {
  public var id: String
  public var message: String

  public init(id: String, message: String) {
    self.id = id
    self.message = message
  }
}

/// Finds divergences between an answer, AnyInt's documented behaviour and the official SDKs' rules.
public enum FindingRules {
  public static let ids = [
    "rate-limit-without-retry-after", "retry-after-above-60s", "retry-after-above-120s",
    "x-should-retry-contradicts-status",
    "overloaded-status-mismatch", "error-after-200", "undocumented-envelope",
    "auth-failure-not-401", "bearer-accepted-on-anthropic",
    "missing-param", "undocumented-answer", "conflicting-content-length", "proxy-in-path",
  ]

  public static func find(
    status: Int, headers: HTTPHeaders, envelope: Envelope, classification: Classification?,
    stream: StreamAnalysis?, request: HTTPRequest,
    profile: FamilyProfile?
  ) -> [Finding] {
    var out: [Finding] = []
    let error = envelope.error
    let retryAfter = RetryPolicy.retryAfterMs(headers)
    if status == 429 && retryAfter == nil {
      out.append(
        Finding(
          id: "rate-limit-without-retry-after",
          message:
            "a 429 without Retry-After or retry-after-ms: the docs say back off, and the SDKs fall back to their own 0.5-8 s backoff"
        ))
    }
    if let wait = retryAfter {
      if wait > SDKRules.openaiMaxRetryAfterMs {
        out.append(
          Finding(
            id: "retry-after-above-120s",
            message:
              "Retry-After asks for \(Int(wait / 1000)) s: openai-python gives up above 120 s, anthropic-sdk-python ignores it above 60 s and backs off"
          ))
      } else if wait > SDKRules.anthropicMaxRetryAfterMs {
        out.append(
          Finding(
            id: "retry-after-above-60s",
            message:
              "Retry-After asks for \(Int(wait / 1000)) s: openai-python waits it (up to 120 s), anthropic-sdk-python ignores it above 60 s"
          )
        )
      }
    }
    if let should = headers[HeaderName.xShouldRetry]?.trimmingWhitespace().lowercased(),
      let decision = classification?.decision
    {
      let docsRetry = [RetryDecision.yes, .later, .usually].contains(decision)
      if (should == "true") != docsRetry, should == "true" || should == "false" {
        out.append(
          Finding(
            id: "x-should-retry-contradicts-status",
            message:
              "x-should-retry: \(should) on HTTP \(status), whose documented decision is \(decision.rawValue); the SDKs obey the header first"
          ))
      }
    }
    let type = error?.typeString
    if status == 529 && type != "overloaded_error" {
      out.append(
        Finding(
          id: "overloaded-status-mismatch",
          message:
            "HTTP 529 (Anthropic's overloaded status) with error type \(type ?? "none") instead of overloaded_error"
        ))
    } else if type == "overloaded_error" && status != 529 && (200..<300).contains(status) == false {
      out.append(
        Finding(
          id: "overloaded-status-mismatch",
          message:
            "an overloaded_error body with HTTP \(status); Anthropic pairs it with 529, AnyInt documents 503"
        ))
    }
    if let s = stream, s.error != nil, (200..<300).contains(status) {
      out.append(
        Finding(
          id: "error-after-200",
          message: "an error event arrived after HTTP \(status): \(Classifier.streamErrorNote)"))
    }
    if let profile, envelope.kind != .none, envelope.kind != profile.envelope {
      out.append(
        Finding(
          id: "undocumented-envelope",
          message:
            "an \(envelope.kind.rawValue)-shaped error on \(profile.withArticle) route, whose documented error envelope is \(profile.envelope.rawValue)"
        ))
    }
    if (type == "authentication_error" || error?.codeString == "invalid_api_key") && status != 401 {
      out.append(
        Finding(
          id: "auth-failure-not-401",
          message:
            "an authentication error answered with HTTP \(status); the docs answer auth failures with 401"
        ))
    }
    // Bearer accepted where the family documents x-api-key (Anthropic-compatible routes).
    if let profile, profile.auth == .apiKey, (200..<300).contains(status),
      AuthScheme.present(in: request.headers) == [.bearer]
    {
      out.append(
        Finding(
          id: "bearer-accepted-on-anthropic",
          message:
            "\(profile.withArticle) route accepted Bearer without \(profile.auth.header); the docs document \(profile.auth.header) only there"
        ))
    }
    // The documented invalid-request example carries `param`; AI Music's {code, msg} envelope has no such field.
    if status == 400, envelope.kind == .openai, let message = error?.messageString?.lowercased(),
      message.contains("missing") || message.contains("required"),
      error?.param == nil
    {
      out.append(
        Finding(
          id: "missing-param",
          message:
            "a missing-field error without 'param'; the documented invalid-request example names the field in param"
        ))
    }
    let lengths = Set(
      headers.values(for: "content-length").flatMap { $0.split(separator: ",") }.map {
        String($0).trimmingWhitespace()
      })
    if lengths.count > 1 {
      out.append(
        Finding(
          id: "conflicting-content-length",
          message:
            "the answer carries different Content-Length values (\(lengths.sorted().joined(separator: ", "))); HTTP clients and proxies disagree on where such a body ends, so it must be refused or fixed at the gateway"
        ))
    }
    if classification?.situation == .undocumented {
      out.append(
        Finding(
          id: "undocumented-answer",
          message: classification?.reason ?? "an answer no documented row covers"))
    }
    return out
  }
}
