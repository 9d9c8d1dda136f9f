/// Probing one route with each header family to learn which one it accepts (the `diagnose` command's core).
public struct RouteProbe: Sendable {
  /// One way of presenting the key.
  public struct Probe: Sendable {
    public var kind: ProbeKind
    public var name: String
    public var headers: [(name: String, value: ProbeValue)]
    /// The probe that sends what the route's family documents.
    public var isDocumented: Bool

    public init(
      _ kind: ProbeKind, name: String? = nil, headers: [(name: String, value: ProbeValue)],
      isDocumented: Bool = false
    ) {
      self.kind = kind
      self.name = name ?? kind.name()
      self.headers = headers
      self.isDocumented = isDocumented
    }
  }

  /// A header value: the valid key, an invalid key, or literal text (never the key).
  public enum ProbeValue: Sendable {
    case validKey(prefix: String)
    case invalidKey(prefix: String)
    case literal(String)
  }

  /// How a probe fared.
  /// How one probe was answered. Only a 2xx is `accepted`: a 404 is `route-not-found` and any other answer
  /// that is not about authentication or the headers is `not-judged` (it says nothing about the headers).
  public enum Result: String, Sendable {
    case accepted
    case rejectedAuth = "rejected-auth"
    case rejectedHeader = "rejected-header"
    case blocked
    /// HTTP 404 that is not about a model: the path is wrong (or not served here).
    case routeNotFound = "route-not-found"
    /// An HTTP answer that neither accepts nor refuses the headers (400 about the body, 429, 5xx, ...).
    case notJudged = "not-judged"
    /// No HTTP answer at all.
    case error
  }

  public struct Outcome: Sendable {
    public var kind: ProbeKind
    public var probe: String
    public var sent: [String]
    public var status: Int?
    public var envelope: EnvelopeKind?
    public var situation: Situation?
    public var result: Result
    public var detail: String
    public var diagnoses: [Note]
  }

  public var method: String
  public var path: String
  public var profile: FamilyProfile
  public var body: JSONValue?

  public init(method: String, path: String, profile: FamilyProfile, body: JSONValue?) {
    self.method = method
    self.path = path
    self.profile = profile
    self.body = body
  }

  /// A probe of a family of a catalog (a family the catalog does not know is probed as Bearer).
  public init(
    method: String, path: String, family: Family, body: JSONValue?, catalog: RouteCatalog = .anyint
  ) {
    self.init(
      method: method, path: path,
      profile: catalog.profile(family)
        ?? FamilyProfile(family, displayName: family.rawValue, prefixes: [], auth: .bearer),
      body: body)
  }

  public var family: Family { profile.family }

  /// The documented header family in words.
  public var documentedHeaders: String { profile.documentedHeaders }

  /// The standard probes: each header family, both, none, and the documented one with an invalid key.
  public var probes: [Probe] {
    let extras = profile.extraHeaders.map { (name: $0.name, value: ProbeValue.literal($0.value)) }
    let version = [
      (
        name: AuthScheme.anthropicVersionHeader,
        value: ProbeValue.literal(RouteCatalog.anthropicVersion)
      )
    ]
    let auth = profile.auth
    let key = { (scheme: AuthScheme) in
      (name: scheme.header, value: ProbeValue.validKey(prefix: scheme.prefix))
    }
    var list: [Probe] = [
      Probe(.bearer, headers: [key(.bearer)] + extras, isDocumented: auth == .bearer),
      Probe(.apiKey, headers: [key(.apiKey)], isDocumented: auth == .apiKey && extras.isEmpty),
      Probe(
        .apiKeyWithVersion, headers: [key(.apiKey)] + version,
        isDocumented: auth == .apiKey && !extras.isEmpty),
    ]
    if auth != .bearer && auth != .apiKey {
      list.append(
        Probe(.familyScheme, name: auth.header, headers: [key(auth)] + extras, isDocumented: true))
    }
    list += [
      Probe(.both, headers: [key(.bearer), key(.apiKey)] + extras),
      Probe(.none, headers: extras),
      Probe(
        .invalidKey,
        headers: [(name: auth.header, value: ProbeValue.invalidKey(prefix: auth.prefix))] + extras),
    ]
    return list
  }

  /// What one of the official SDKs sends by default (`contract.md`, observed 2026-11); nil for other kinds.
  public static func sdkProbe(_ kind: ProbeKind) -> Probe? {
    let bearer = (
      name: AuthScheme.bearer.header, value: ProbeValue.validKey(prefix: AuthScheme.bearer.prefix)
    )
    switch kind {
    case .openaiPython:
      return Probe(.openaiPython, headers: [bearer])
    case .anthropicPython:
      return Probe(
        .anthropicPython,
        headers: [bearer, (name: AuthScheme.anthropicVersionHeader, value: .literal("2026-10-21"))])
    default:
      return nil
    }
  }

  /// The request a probe sends.
  public func request(for probe: Probe, credentials: Credentials) -> HTTPRequest {
    var headers = HTTPHeaders()
    headers.add(HeaderName.userAgent, RequestBuilder.userAgent)
    for (name, value) in probe.headers {
      switch value {
      case .validKey(let prefix): headers.add(name, prefix + credentials.validKey)
      case .invalidKey(let prefix): headers.add(name, prefix + credentials.invalidKey)
      case .literal(let text): headers.add(name, text)
      }
    }
    var bytes: [UInt8] = []
    if let body {
      bytes = JSONWriter.bytes(body)
      headers.add(HeaderName.contentType, MediaType.json)
    }
    return HTTPRequest(method: method, target: path, headers: headers, body: bytes)
  }

  /// Judges one probe's answer, analysing it first.
  public static func judge(
    _ probe: Probe, request: HTTPRequest, result: TransportResult, profile: FamilyProfile,
    keys: KeyClassifier, catalog: RouteCatalog = .anyint
  ) -> Outcome {
    let analysis = AnswerAnalyzer(catalog: catalog, keys: keys).analyze(
      result, to: request, profile: profile, latencyMs: 0)
    return judge(probe, analysis)
  }

  /// Judges one probe's analysed answer: how far the key got.
  public static func judge(_ probe: Probe, _ a: Analysis) -> Outcome {
    let sent = probe.headers.map { h -> String in
      switch h.value {
      case .validKey(let p): return "\(h.name): \(p)<key>"
      case .invalidKey(let p): return "\(h.name): \(p)<invalid key>"
      case .literal(let t): return "\(h.name): \(t)"
      }
    }
    guard let status = a.status, let c = a.classification else {
      return Outcome(
        kind: probe.kind, probe: probe.name, sent: sent, status: nil, envelope: nil,
        situation: a.situation, result: .error, detail: a.fault?.message ?? "no answer",
        diagnoses: [])
    }
    let verdict: Result
    var detail = c.reason
    switch c.situation {
    case .invalidAPIKey:
      verdict = .rejectedAuth
    case .accessBlocked:
      verdict = .blocked
    case .invalidRequest where HeaderDiagnosis.applies(status: status, error: a.envelope.error):
      verdict = .rejectedHeader
      detail = a.envelope.error?.messageString ?? c.reason
    case _ where (200..<300).contains(status):
      verdict = .accepted
    case .modelUnavailable:
      // Past authentication, but about the model, not the headers.
      verdict = .notJudged
    case _ where status == 404:
      verdict = .routeNotFound
    default:
      // A 400 about the body, a 429, a 5xx, a redirect: no statement about the headers on its own.
      verdict = .notJudged
    }
    return Outcome(
      kind: probe.kind, probe: probe.name, sent: sent, status: status, envelope: a.envelope.kind,
      situation: c.situation, result: verdict, detail: detail, diagnoses: a.diagnoses)
  }
}
