/// What each diagnosis and finding id means and what to do about it: the text behind `explain ID`.
///
/// Reports carry a one-line message per occurrence; this catalog is the stable, general description of an id.
public struct CatalogEntry: Sendable, Equatable {
  public enum Kind: String, Sendable {
    /// About the request the client sent (headers, model): the client should change something.
    case diagnosis
    /// About the gateway's answer: undocumented behaviour, or where the docs and the SDKs disagree.
    case finding
  }

  public var id: String
  public var kind: Kind
  /// When the harness reports it.
  public var when: String
  /// What a client (or whoever runs the gateway, for findings) should do.
  public var action: String
}

public enum DiagnosisCatalog {
  static let anthropicVersion = RouteCatalog.anthropicVersion

  public static let entries: [CatalogEntry] = [
    CatalogEntry(
      id: "header-mismatch", kind: .diagnosis,
      when:
        "A 401, 403 or header-naming 400 where the request used the other family's key header: Authorization: Bearer on /anthropic/* (documented: x-api-key), x-api-key on any other route (documented: Bearer), or an Authorization header without the Bearer scheme.",
      action:
        "Send Authorization: Bearer <key> on OpenAI-compatible, Gemini-compatible, media and AI Music routes; send x-api-key: <key> with anthropic-version: \(anthropicVersion) on /anthropic/*."
    ),
    CatalogEntry(
      id: "both-auth-headers", kind: .diagnosis,
      when: "A refused request that sent both Authorization and x-api-key.",
      action:
        "Send only the header the route documents (x-api-key on /anthropic/*, Bearer elsewhere); SDKs configured twice, or a proxy adding a header, are the usual cause."
    ),
    CatalogEntry(
      id: "missing-auth", kind: .diagnosis,
      when: "A refused request that sent no key at all.",
      action:
        "Send the route's key header; check that the environment variable holding the key is set where the client runs."
    ),
    CatalogEntry(
      id: "empty-key", kind: .diagnosis,
      when:
        "The key header was present but empty (Authorization: Bearer with nothing after it, or an empty x-api-key).",
      action:
        "Set the key from your AnyInt console; an unset variable expanded to an empty string is the usual cause."
    ),
    CatalogEntry(
      id: "key-whitespace", kind: .diagnosis,
      when:
        "A refused request whose key carried surrounding whitespace (a trailing newline from a file, or a paste).",
      action: "Trim the key before sending it."
    ),
    CatalogEntry(
      id: "bearer-in-x-api-key", kind: .diagnosis,
      when: "x-api-key held a 'Bearer ' prefix.",
      action: "Send the bare key: x-api-key: <key>."
    ),
    CatalogEntry(
      id: "missing-anthropic-version", kind: .diagnosis,
      when: "A refused request to /anthropic/* without an anthropic-version header.",
      action:
        "Send anthropic-version: \(anthropicVersion) (the official Anthropic SDKs send it for you)."
    ),
    CatalogEntry(
      id: "unknown-anthropic-version", kind: .diagnosis,
      when: "A refused request to /anthropic/* whose anthropic-version is not the documented one.",
      action: "Send anthropic-version: \(anthropicVersion)."
    ),
    CatalogEntry(
      id: "invalid-key", kind: .diagnosis,
      when:
        "A 401 where the header family and the header's shape were right: the key itself was refused.",
      action:
        "Rotate or correct the key (revoked, mistyped, or from another environment); retrying does not help."
    ),
    CatalogEntry(
      id: "model-listed", kind: .diagnosis,
      when:
        "A model refusal (model-unavailable or access-blocked) for a model the Models API lists for this key.",
      action:
        "The id is right: the refusal is about entitlement, subscription or key policy. Check the key's permissions in the AnyInt console, or pick another listed model."
    ),
    CatalogEntry(
      id: "model-not-listed", kind: .diagnosis,
      when: "A model refusal for a model the Models API does not list for this key.",
      action:
        "Use an id from the Models API list (the report names the closest ones); model ids are exact, including dates and suffixes."
    ),
    CatalogEntry(
      id: "model-list-unavailable", kind: .diagnosis,
      when: "A model refusal, and the Models API could not be read to check the model.",
      action: "Call the Models API with the same key and choose an available model."
    ),
    CatalogEntry(
      id: "rate-limit-without-retry-after", kind: .finding,
      when: "A 429 with neither Retry-After nor retry-after-ms.",
      action:
        "Clients back off on their own (the official SDKs use 0.5-8 s exponential backoff with jitter); a gateway that knows the reset time should send Retry-After."
    ),
    CatalogEntry(
      id: "retry-after-above-60s", kind: .finding,
      when: "Retry-After (or retry-after-ms) asked for more than 60 s and at most 120 s.",
      action:
        "The SDKs disagree: openai-python waits it, anthropic-sdk-python ignores it and uses its own backoff. Clients that must honour it should read the header themselves."
    ),
    CatalogEntry(
      id: "retry-after-above-120s", kind: .finding,
      when: "Retry-After (or retry-after-ms) asked for more than 120 s.",
      action:
        "Neither official SDK waits that long (openai-python gives up on the header above 120 s); treat it as quota or a long outage, not a retry."
    ),
    CatalogEntry(
      id: "x-should-retry-contradicts-status", kind: .finding,
      when:
        "An x-should-retry header whose true/false disagrees with the documented decision for the status.",
      action:
        "The official SDKs obey x-should-retry before the status, so they will act against the docs here; clients following the docs should ignore the header."
    ),
    CatalogEntry(
      id: "overloaded-status-mismatch", kind: .finding,
      when:
        "HTTP 529 without an overloaded_error body, or an overloaded_error body with a status other than 529 (AnyInt documents 503 for a busy upstream).",
      action: "Treat both as upstream-unavailable: retry with backoff."
    ),
    CatalogEntry(
      id: "error-after-200", kind: .finding,
      when: "A stream that started with 200 and then sent an error event.",
      action:
        "The SDKs raise it and never retry it; decide by the error's type, and send the request again only when no output was used."
    ),
    CatalogEntry(
      id: "undocumented-envelope", kind: .finding,
      when:
        "An error body in a shape the route family does not document (e.g. an Anthropic-style envelope on an OpenAI-compatible route; AI Music documents {code, msg}).",
      action: "Parse errors defensively: read the type and message from either shape."
    ),
    CatalogEntry(
      id: "auth-failure-not-401", kind: .finding,
      when:
        "An authentication error (authentication_error or invalid_api_key) with a status other than 401.",
      action:
        "Clients that branch on status will misclassify it; the SDKs map exceptions by status, so the error class will not be AuthenticationError."
    ),
    CatalogEntry(
      id: "bearer-accepted-on-anthropic", kind: .finding,
      when: "An /anthropic/* route answered 2xx to Bearer without x-api-key.",
      action:
        "It works against this gateway but not as documented; send x-api-key so the client keeps working where Bearer is refused."
    ),
    CatalogEntry(
      id: "missing-param", kind: .finding,
      when: "A 400 about a missing or required field whose OpenAI-style error has no param.",
      action:
        "The documented invalid-request example names the field in param; read the message instead when param is null."
    ),
    CatalogEntry(
      id: "undocumented-answer", kind: .finding,
      when:
        "An answer no row of the documented retry table covers (an unusual status, or a body the table does not describe).",
      action: "Do not retry automatically; the report's reason says what was seen."
    ),
    CatalogEntry(
      id: "conflicting-content-length", kind: .finding,
      when:
        "An answer with two or more different Content-Length values (as separate headers or one comma-separated list).",
      action:
        "RFC 9112 makes such an answer unrecoverable: clients and proxies disagree on where the body ends (a request-smuggling risk). Fix the gateway or the proxy in front of it to send one length."
    ),
    CatalogEntry(
      id: "proxy-in-path", kind: .finding,
      when:
        "A live answer over plain http:// that came through a proxy (--proxy, HTTP_PROXY): the proxy could have written or changed it.",
      action:
        "Before blaming the gateway for a 403, 407, 502 or an HTML page, check whether the proxy produced it; over https:// the proxy only tunnels, and the answer is the gateway's."
    ),
  ]

  /// Every id the harness can report, in catalog order.
  public static var ids: [String] { entries.map(\.id) }

  public static func entry(_ id: String) -> CatalogEntry? {
    entries.first { $0.id == id }
  }
}
