/// Findings: gateway behaviour worth a reader's attention (undocumented, or where the docs and the SDKs
/// disagree). Reported in every format; they fail a scenario only when it says so.
///
/// Finds divergences between an answer, AnyInt's documented behaviour and the official SDKs' rules.
public enum FindingRules {
  public static func find(
    status: Int, headers: HTTPHeaders, envelope: Envelope, classification: Classification?,
    stream: StreamAnalysis?, request: HTTPRequest,
    profile: FamilyProfile?
  ) -> [Note] {
    var out: [Note] = []
    let error = envelope.error
    let retryAfter = RetryPolicy.retryAfterMs(headers)
    if status == 429 && retryAfter == nil {
      out.append(
        Note(
          .rateLimitWithoutRetryAfter,
          "a 429 without Retry-After or retry-after-ms: the docs say back off, and the SDKs fall back to their own 0.5-8 s backoff"
        ))
    }
    if let wait = retryAfter {
      if wait > SDKRules.openaiMaxRetryAfterMs {
        out.append(
          Note(
            .retryAfterAbove120s,
            "Retry-After asks for \(Saturating.whole(wait / 1000)) s: openai-python gives up above 120 s (no retry), anthropic-sdk-python 2.14 waits it in full"
          ))
      } else if wait > SDKRules.legacyAnthropicMaxRetryAfterMs {
        out.append(
          Note(
            .retryAfterAbove60s,
            "Retry-After asks for \(Saturating.whole(wait / 1000)) s: both official SDKs wait it (openai-python up to 120 s, anthropic-sdk-python 2.14 any value); anthropic-sdk-python before 2.14 ignored it above 60 s and backed off"
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
          Note(
            .xShouldRetryContradictsStatus,
            "x-should-retry: \(should) on HTTP \(status), whose documented decision is \(decision.rawValue); the SDKs obey the header first"
          ))
      }
    }
    let type = error?.typeString
    if status == 529 && type != "overloaded_error" {
      out.append(
        Note(
          .overloadedStatusMismatch,
          "HTTP 529 (Anthropic's overloaded status) with error type \(type ?? "none") instead of overloaded_error"
        ))
    } else if type == "overloaded_error" && status != 529 && (200..<300).contains(status) == false {
      out.append(
        Note(
          .overloadedStatusMismatch,
          "an overloaded_error body with HTTP \(status); Anthropic pairs it with 529, AnyInt documents 503"
        ))
    }
    if let s = stream, s.error != nil, (200..<300).contains(status) {
      out.append(
        Note(
          .errorAfter200,
          "an error event arrived after HTTP \(status): \(Classifier.streamErrorNote)"))
    }
    if let profile, envelope.kind != .none, envelope.kind != profile.envelope {
      out.append(
        Note(
          .undocumentedEnvelope,
          "an \(envelope.kind.rawValue)-shaped error on \(profile.withArticle) route, whose documented error envelope is \(profile.envelope.rawValue)"
        ))
    }
    if (type == "authentication_error" || error?.codeString == "invalid_api_key") && status != 401 {
      out.append(
        Note(
          .authFailureNot401,
          "an authentication error answered with HTTP \(status); the docs answer auth failures with 401"
        ))
    }
    // Bearer accepted where the family documents x-api-key (Anthropic-compatible routes).
    if let profile, profile.auth == .apiKey, (200..<300).contains(status),
      AuthScheme.present(in: request.headers) == [.bearer]
    {
      out.append(
        Note(
          .bearerAcceptedOnAnthropic,
          "\(profile.withArticle) route accepted Bearer without \(profile.auth.header); the docs document \(profile.auth.header) only there"
        ))
    }
    // The documented invalid-request example carries `param`; AI Music's {code, msg} envelope has no such field.
    if status == 400, envelope.kind == .openai, let message = error?.messageString?.lowercased(),
      message.containsBytes("missing") || message.containsBytes("required"),
      error?.param == nil
    {
      out.append(
        Note(
          .missingParam,
          "a missing-field error without 'param'; the documented invalid-request example names the field in param"
        ))
    }
    let lengths = Set(
      headers.values(for: HeaderName.contentLength).flatMap { $0.split(separator: ",") }.map {
        String($0).trimmingWhitespace()
      })
    if lengths.count > 1 {
      out.append(
        Note(
          .conflictingContentLength,
          "the answer carries different Content-Length values (\(lengths.sorted().joined(separator: ", "))); HTTP clients and proxies disagree on where such a body ends, so it must be refused or fixed at the gateway"
        ))
    }
    if classification?.situation == .undocumented {
      out.append(
        Note(.undocumentedAnswer, classification?.reason ?? "an answer no documented row covers"))
    }
    return out
  }
}
