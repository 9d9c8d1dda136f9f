/// Every diagnosis and finding id the harness reports, and what each means and what to do about it: the
/// text behind `explain ID`. Reports carry a one-line message per occurrence; this is the stable, general
/// description of an id. The switches are exhaustive, so an id cannot exist without its entry.
public enum NoteID: String, CaseIterable, Sendable, CustomStringConvertible {
  case headerMismatch = "header-mismatch"
  case bothAuthHeaders = "both-auth-headers"
  case missingAuth = "missing-auth"
  case emptyKey = "empty-key"
  case keyWhitespace = "key-whitespace"
  case bearerInXAPIKey = "bearer-in-x-api-key"
  case missingAnthropicVersion = "missing-anthropic-version"
  case unknownAnthropicVersion = "unknown-anthropic-version"
  case invalidKey = "invalid-key"
  case modelListed = "model-listed"
  case modelNotListed = "model-not-listed"
  case modelListUnavailable = "model-list-unavailable"
  case rateLimitWithoutRetryAfter = "rate-limit-without-retry-after"
  case retryAfterAbove60s = "retry-after-above-60s"
  case retryAfterAbove120s = "retry-after-above-120s"
  case xShouldRetryContradictsStatus = "x-should-retry-contradicts-status"
  case overloadedStatusMismatch = "overloaded-status-mismatch"
  case errorAfter200 = "error-after-200"
  case undocumentedEnvelope = "undocumented-envelope"
  case authFailureNot401 = "auth-failure-not-401"
  case bearerAcceptedOnAnthropic = "bearer-accepted-on-anthropic"
  case missingParam = "missing-param"
  case undocumentedAnswer = "undocumented-answer"
  case wrongKeyNot401 = "wrong-key-not-401"
  case notAStream = "not-a-stream"
  case streamWithoutDone = "stream-without-done"
  case conflictingContentLength = "conflicting-content-length"
  case proxyInPath = "proxy-in-path"

  /// What an id is about.
  public enum Kind: String, Sendable {
    /// About the request the client sent (headers, model): the client should change something.
    case diagnosis
    /// About the gateway's answer: undocumented behaviour, or where the docs and the SDKs disagree.
    case finding
  }

  public var kind: Kind {
    switch self {
    case .headerMismatch, .bothAuthHeaders, .missingAuth, .emptyKey, .keyWhitespace,
      .bearerInXAPIKey, .missingAnthropicVersion, .unknownAnthropicVersion, .invalidKey,
      .modelListed, .modelNotListed, .modelListUnavailable:
      return .diagnosis
    case .rateLimitWithoutRetryAfter, .retryAfterAbove60s, .retryAfterAbove120s,
      .xShouldRetryContradictsStatus, .overloadedStatusMismatch, .errorAfter200,
      .undocumentedEnvelope, .authFailureNot401, .bearerAcceptedOnAnthropic, .missingParam,
      .undocumentedAnswer, .wrongKeyNot401, .notAStream, .streamWithoutDone,
      .conflictingContentLength, .proxyInPath:
      return .finding
    }
  }

  /// When the harness reports it.
  public var when: String {
    switch self {
    case .headerMismatch:
      return
        "A 401, 403 or header-naming 400 where the request used the other family's key header: Authorization: Bearer on /anthropic/* (documented: x-api-key), x-api-key on any other route (documented: Bearer), or an Authorization header without the Bearer scheme."
    case .bothAuthHeaders:
      return "A refused request that sent both Authorization and x-api-key."
    case .missingAuth:
      return "A refused request that sent no key at all."
    case .emptyKey:
      return
        "The key header was present but empty (Authorization: Bearer with nothing after it, or an empty x-api-key)."
    case .keyWhitespace:
      return
        "A refused request whose key carried surrounding whitespace (a trailing newline from a file, or a paste)."
    case .bearerInXAPIKey:
      return "x-api-key held a 'Bearer ' prefix."
    case .missingAnthropicVersion:
      return "A refused request to /anthropic/* without an anthropic-version header."
    case .unknownAnthropicVersion:
      return "A refused request to /anthropic/* whose anthropic-version is not the documented one."
    case .invalidKey:
      return
        "A 401 where the header family and the header's shape were right: the key itself was refused."
    case .modelListed:
      return
        "A model refusal (model-unavailable or access-blocked) for a model the Models API lists for this key."
    case .modelNotListed:
      return "A model refusal for a model the Models API does not list for this key."
    case .modelListUnavailable:
      return "A model refusal, and the Models API could not be read to check the model."
    case .rateLimitWithoutRetryAfter:
      return "A 429 with neither Retry-After nor retry-after-ms."
    case .retryAfterAbove60s:
      return "Retry-After (or retry-after-ms) asked for more than 60 s and at most 120 s."
    case .retryAfterAbove120s:
      return "Retry-After (or retry-after-ms) asked for more than 120 s."
    case .xShouldRetryContradictsStatus:
      return
        "An x-should-retry header whose true/false disagrees with the documented decision for the status."
    case .overloadedStatusMismatch:
      return
        "HTTP 529 without an overloaded_error body, or an overloaded_error body with a status other than 529 (AnyInt documents 503 for a busy upstream)."
    case .errorAfter200:
      return "A stream that started with 200 and then sent an error event."
    case .undocumentedEnvelope:
      return
        "An error body in a shape the route family does not document (e.g. an Anthropic-style envelope on an OpenAI-compatible route; AI Music documents {code, msg})."
    case .authFailureNot401:
      return
        "An authentication error (authentication_error or invalid_api_key) with a status other than 401."
    case .bearerAcceptedOnAnthropic:
      return "An /anthropic/* route answered 2xx to Bearer without x-api-key."
    case .missingParam:
      return "A 400 about a missing or required field whose OpenAI-style error has no param."
    case .undocumentedAnswer:
      return
        "An answer no row of the documented retry table covers (an unusual status, or a body the table does not describe)."
    case .wrongKeyNot401:
      return
        "A request with a wrong, empty or missing key answered HTTP 400 with an error that is not about the body (LiteLLM's no_db_connection, say), where the docs answer 401."
    case .notAStream:
      return
        "A request that asked for a stream (stream: true, or a stream expectation) answered with a plain body, such as a JSON error or a whole JSON completion."
    case .streamWithoutDone:
      return
        "An OpenAI-style stream that delivered a finish_reason and then ended cleanly without data: [DONE]."
    case .conflictingContentLength:
      return
        "An answer with two or more different Content-Length values (as separate headers or one comma-separated list)."
    case .proxyInPath:
      return
        "A live answer over plain http:// that came through a proxy (--proxy, HTTP_PROXY): the proxy could have written or changed it."
    }
  }

  /// What a client (or whoever runs the gateway, for findings) should do.
  public var action: String {
    switch self {
    case .headerMismatch:
      return
        "Send Authorization: Bearer <key> on OpenAI-compatible, Gemini-compatible, media and AI Music routes; send x-api-key: <key> with anthropic-version: \(RouteCatalog.anthropicVersion) on /anthropic/*."
    case .bothAuthHeaders:
      return
        "Send only the header the route documents (x-api-key on /anthropic/*, Bearer elsewhere); SDKs configured twice, or a proxy adding a header, are the usual cause."
    case .missingAuth:
      return
        "Send the route's key header; check that the environment variable holding the key is set where the client runs."
    case .emptyKey:
      return
        "Set the key from your AnyInt console; an unset variable expanded to an empty string is the usual cause."
    case .keyWhitespace:
      return "Trim the key before sending it."
    case .bearerInXAPIKey:
      return "Send the bare key: x-api-key: <key>."
    case .missingAnthropicVersion:
      return
        "Send anthropic-version: \(RouteCatalog.anthropicVersion) (the official Anthropic SDKs send it for you)."
    case .unknownAnthropicVersion:
      return "Send anthropic-version: \(RouteCatalog.anthropicVersion)."
    case .invalidKey:
      return
        "Rotate or correct the key (revoked, mistyped, or from another environment); retrying does not help."
    case .modelListed:
      return
        "The id is right: the refusal is about entitlement, subscription or key policy. Check the key's permissions in the AnyInt console, or pick another listed model."
    case .modelNotListed:
      return
        "Use an id from the Models API list (the report names the closest ones); model ids are exact, including dates and suffixes."
    case .modelListUnavailable:
      return "Call the Models API with the same key and choose an available model."
    case .rateLimitWithoutRetryAfter:
      return
        "Clients back off on their own (the official SDKs use 0.5-8 s exponential backoff with jitter); a gateway that knows the reset time should send Retry-After."
    case .retryAfterAbove60s:
      return
        "openai-python (up to 120 s) and anthropic-sdk-python 2.14 (any value) both wait it; anthropic-sdk-python before 2.14 ignored waits above 60 s and used its own backoff, so clients pinned to an older SDK should read the header themselves."
    case .retryAfterAbove120s:
      return
        "openai-python gives up at once (no retry above 120 s) while anthropic-sdk-python 2.14 sleeps the whole wait; treat it as quota or a long outage, not a retry, and surface it instead of blocking."
    case .xShouldRetryContradictsStatus:
      return
        "The official SDKs obey x-should-retry before the status, so they will act against the docs here; clients following the docs should ignore the header."
    case .overloadedStatusMismatch:
      return "Treat both as upstream-unavailable: retry with backoff."
    case .errorAfter200:
      return
        "The SDKs raise it and never retry it; decide by the error's type, and send the request again only when no output was used."
    case .undocumentedEnvelope:
      return "Parse errors defensively: read the type and message from either shape."
    case .authFailureNot401:
      return
        "Clients that branch on status will misclassify it; the SDKs map exceptions by status, so the error class will not be AuthenticationError."
    case .bearerAcceptedOnAnthropic:
      return
        "It works against this gateway but not as documented; send x-api-key so the client keeps working where Bearer is refused."
    case .missingParam:
      return
        "The documented invalid-request example names the field in param; read the message instead when param is null."
    case .undocumentedAnswer:
      return "Do not retry automatically; the report's reason says what was seen."
    case .wrongKeyNot401:
      return
        "Treat it as the key being refused (rotate or correct it), not as a request-body problem; clients that branch on 401 will not see an authentication error."
    case .notAStream:
      return
        "Judge the answer as what it is (its status and error say what happened); a client that expects events must handle a plain body, and must not retry it as an interrupted stream (that bills the generation twice)."
    case .streamWithoutDone:
      return
        "The generation finished; openai-python ends such a stream normally, so do not retry it. Clients that wait for [DONE] should also stop at a finish_reason and the end of the connection."
    case .conflictingContentLength:
      return
        "RFC 9112 makes such an answer unrecoverable: clients and proxies disagree on where the body ends (a request-smuggling risk). Fix the gateway or the proxy in front of it to send one length."
    case .proxyInPath:
      return
        "Before blaming the gateway for a 403, 407, 502 or an HTML page, check whether the proxy produced it; over https:// the proxy only tunnels, and the answer is the gateway's."
    }
  }

  /// The id as reports write it: `header-mismatch`.
  public var description: String { rawValue }

  /// The ids of one kind, in catalog order.
  public static func all(_ kind: Kind) -> [NoteID] { allCases.filter { $0.kind == kind } }
}
