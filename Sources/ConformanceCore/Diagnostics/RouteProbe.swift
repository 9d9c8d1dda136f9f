/// Probing one route with each header family to learn which one it accepts (the `diagnose` command's core).
public struct RouteProbe: Sendable {
  /// One way of presenting the key.
  public struct Probe: Sendable {
    public var name: String
    public var headers: [(name: String, value: ProbeValue)]
    /// The probe that sends what the route's family documents.
    public var isDocumented: Bool

    public init(name: String, headers: [(name: String, value: ProbeValue)], isDocumented: Bool) {
      self.name = name
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
  public enum Result: String, Sendable {
    case accepted
    case rejectedAuth = "rejected-auth"
    case rejectedHeader = "rejected-header"
    case blocked
    case error
  }

  public struct Outcome: Sendable {
    public var probe: String
    public var sent: [String]
    public var status: Int?
    public var envelope: EnvelopeKind?
    public var situation: Situation?
    public var result: Result
    public var detail: String
    public var diagnoses: [Diagnosis]
  }

  public var method: String
  public var path: String
  public var family: Family
  public var body: JSONValue?

  public init(method: String, path: String, family: Family, body: JSONValue?) {
    self.method = method
    self.path = path
    self.family = family
    self.body = body
  }

  /// The documented header family in words.
  public var documentedHeaders: String {
    family == .anthropic
      ? "x-api-key + anthropic-version: \(RouteCatalog.anthropicVersion)" : "Authorization: Bearer"
  }

  /// The standard probes: each header family, both, none, and the documented one with an invalid key.
  public var probes: [Probe] {
    let version: [(String, ProbeValue)] = [
      ("anthropic-version", .literal(RouteCatalog.anthropicVersion))
    ]
    let anthropic = family == .anthropic
    var list: [Probe] = [
      Probe(
        name: "bearer",
        headers: [("authorization", .validKey(prefix: "Bearer "))] + (anthropic ? version : []),
        isDocumented: !anthropic),
      Probe(
        name: "x-api-key", headers: [("x-api-key", .validKey(prefix: ""))], isDocumented: false),
      Probe(
        name: "x-api-key + anthropic-version",
        headers: [("x-api-key", .validKey(prefix: ""))] + version, isDocumented: anthropic),
      Probe(
        name: "both",
        headers: [
          ("authorization", .validKey(prefix: "Bearer ")), ("x-api-key", .validKey(prefix: "")),
        ] + (anthropic ? version : []),
        isDocumented: false),
      Probe(name: "none", headers: anthropic ? version : [], isDocumented: false),
    ]
    let documented =
      anthropic
      ? [("x-api-key", ProbeValue.invalidKey(prefix: ""))] + version
      : [("authorization", .invalidKey(prefix: "Bearer "))]
    list.append(Probe(name: "invalid key", headers: documented, isDocumented: false))
    return list
  }

  /// What one of the official SDKs sends by default (`contract.md`, observed 2026-11).
  public static func sdkProbe(_ preset: String) -> Probe? {
    switch preset {
    case "openai-python":
      return Probe(
        name: "openai-python", headers: [("authorization", .validKey(prefix: "Bearer "))],
        isDocumented: false)
    case "anthropic-python":
      return Probe(
        name: "anthropic-python",
        headers: [
          ("authorization", .validKey(prefix: "Bearer ")),
          ("anthropic-version", .literal("2026-10-21")),
        ],
        isDocumented: false)
    default:
      return nil
    }
  }

  /// The request a probe sends.
  public func request(for probe: Probe, credentials: Credentials) -> HTTPRequest {
    var headers = HTTPHeaders()
    headers.add("user-agent", RequestBuilder.userAgent)
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
      headers.add("content-type", "application/json")
    }
    return HTTPRequest(method: method, target: path, headers: headers, body: bytes)
  }

  /// Judges one probe's answer.
  public static func judge(
    _ probe: Probe, request: HTTPRequest, result: TransportResult, family: Family,
    keys: KeyClassifier
  ) -> Outcome {
    let sent = probe.headers.map { h -> String in
      switch h.value {
      case .validKey(let p): return "\(h.name): \(p)<key>"
      case .invalidKey(let p): return "\(h.name): \(p)<invalid key>"
      case .literal(let t): return "\(h.name): \(t)"
      }
    }
    switch result {
    case .failure(let fault):
      return Outcome(
        probe: probe.name, sent: sent, status: nil, envelope: nil,
        situation: fault.isNetworkFault ? .unreachable : nil, result: .error,
        detail: fault.message, diagnoses: [])
    case .success(let reply):
      let body = try? JSONParser.parse(reply.response.body)
      let envelope = Envelope.recognize(body)
      let status = reply.response.status
      let c = Classifier.classify(
        Observation(
          status: status, headers: reply.response.headers, envelope: envelope,
          method: request.method, path: request.path, family: family))
      let diagnoses =
        HeaderDiagnosis.applies(status: status, error: envelope.error)
        ? HeaderDiagnosis.diagnose(request, family: family, keys: keys, status: status) : []
      let verdict: Result
      var detail = c.reason
      switch c.situation {
      case .invalidAPIKey:
        verdict = .rejectedAuth
      case .accessBlocked:
        verdict = .blocked
      case .invalidRequest where HeaderDiagnosis.applies(status: status, error: envelope.error):
        verdict = .rejectedHeader
        detail = envelope.error?.messageString ?? c.reason
      case .upstreamUnavailable, .unreachable:
        verdict = .error
      case .undocumented where status >= 500:
        verdict = .error
      default:
        // Anything past authentication (a 2xx, a 400 about the body, a 404 for the model) means the key got in.
        verdict = .accepted
      }
      return Outcome(
        probe: probe.name, sent: sent, status: status, envelope: envelope.kind,
        situation: c.situation, result: verdict, detail: detail,
        diagnoses: diagnoses)
    }
  }
}

/// The verdict over a probe matrix.
public struct ProbeVerdict: Sendable {
  public var asDocumented: Bool
  public var accepted: [String]
  public var wronglyAccepted: [String]
  public var lines: [String]

  public static func judge(_ outcomes: [RouteProbe.Outcome], route: RouteProbe) -> ProbeVerdict {
    let documentedName = route.probes.first { $0.isDocumented }?.name ?? "bearer"
    let byName = Dictionary(
      outcomes.map { ($0.probe, $0) }, uniquingKeysWith: { first, _ in first })
    let accepted = outcomes.filter { $0.result == .accepted }.map(\.probe)
    var lines: [String] = []
    var ok = true
    let documented = byName[documentedName]
    if documented?.result == .accepted {
      lines.append("accepts the documented \(route.documentedHeaders) (probe '\(documentedName)')")
    } else if let d = documented {
      ok = false
      lines.append(
        "does NOT accept the documented \(route.documentedHeaders): probe '\(documentedName)' was \(d.result.rawValue) (\(d.status.map(String.init) ?? "no answer"): \(d.detail))"
      )
    }
    // Another family accepted where the docs name one: undocumented, and a trap for clients that copy it.
    // ("both" carries the documented header too, so accepting it is no fault.)
    let others = ["bearer", "x-api-key", "x-api-key + anthropic-version"].filter {
      $0 != documentedName && !(route.family != .anthropic && $0 == "x-api-key + anthropic-version")
    }
    let wrongly = others.filter { byName[$0]?.result == .accepted }
    if !wrongly.isEmpty {
      ok = false
      lines.append(
        "also accepts \(wrongly.map { "'\($0)'" }.joined(separator: ", ")), which the docs do not document for this route"
      )
    }
    if let both = byName["both"] {
      lines.append(
        both.result == .accepted
          ? "accepts both headers sent together"
          : "rejects both headers sent together (\(both.status.map(String.init) ?? "-"))")
    }
    let unknown = outcomes.filter { $0.result == .error }
    if !unknown.isEmpty {
      ok = false
      lines.append(
        "could not judge \(unknown.map { "'\($0.probe)'" }.joined(separator: ", ")): \(unknown[0].detail)"
      )
    }
    for name in ["none", "invalid key"] {
      if let o = byName[name], o.result == .accepted {
        ok = false
        lines.append(
          "accepts a request with \(name == "none" ? "no key" : "an invalid key") (\(o.status.map(String.init) ?? "-")): authentication is not enforced"
        )
      }
    }
    for name in ["none", "invalid key"] {
      if let o = byName[name], let status = o.status, o.result == .rejectedAuth, status != 401 {
        ok = false
        lines.append(
          "answers a bad key (probe '\(name)') with HTTP \(status) instead of the documented 401")
      }
    }
    if ok { lines.append("behaves as documented") }
    return ProbeVerdict(
      asDocumented: ok, accepted: accepted, wronglyAccepted: wrongly, lines: lines)
  }
}
