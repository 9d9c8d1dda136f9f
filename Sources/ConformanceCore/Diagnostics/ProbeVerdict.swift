/// The verdict over a probe matrix.
///
/// Only a 2xx counts as accepted. When no probe got an HTTP answer, or every answer was a 404 (a mistyped
/// route, a wrong base URL), the verdict is one line starting `could not judge:` and claims nothing else.
public struct ProbeVerdict: Sendable {
  public var asDocumented: Bool
  public var accepted: [String]
  public var wronglyAccepted: [String]
  public var lines: [String]

  public static func judge(_ outcomes: [RouteProbe.Outcome], route: RouteProbe) -> ProbeVerdict {
    let accepted = outcomes.filter { $0.result == .accepted }.map(\.probe)
    if let reason = unjudgeable(outcomes) {
      return ProbeVerdict(
        asDocumented: false, accepted: accepted, wronglyAccepted: [],
        lines: ["could not judge: " + reason])
    }
    let documentedProbe = route.probes.first { $0.isDocumented }
    let documentedKind = documentedProbe?.kind ?? .bearer
    let documentedName = documentedProbe?.name ?? ProbeKind.bearer.name()
    let byKind = Dictionary(
      outcomes.map { ($0.kind, $0) }, uniquingKeysWith: { first, _ in first })
    var lines: [String] = []
    var ok = true
    var judged: Set<ProbeKind> = []
    let documented = byKind[documentedKind]
    let wrongKeyRefused = [ProbeKind.none, .invalidKey].contains {
      byKind[$0]?.result == .rejectedAuth
    }
    if let d = documented {
      judged.insert(documentedKind)
      switch d.result {
      case .accepted:
        lines.append(
          "accepts the documented \(route.documentedHeaders) (probe '\(documentedName)')")
      case .rejectedAuth, .rejectedHeader, .blocked:
        ok = false
        lines.append(
          "does NOT accept the documented \(route.documentedHeaders): probe '\(documentedName)' was \(d.result.rawValue) (\(status(d)): \(d.detail))"
        )
      case .notJudged where wrongKeyRefused:
        // Refused without a key, answered about something else with one: the headers got in.
        lines.append(
          "the documented \(route.documentedHeaders) get past authentication (probe '\(documentedName)' answered \(status(d)) \(d.situation?.rawValue ?? ""), a wrong key is refused)"
        )
      case .notJudged, .routeNotFound, .error:
        ok = false
        lines.append(
          "could not judge the documented \(route.documentedHeaders): probe '\(documentedName)' was \(d.result.rawValue) (\(status(d)): \(d.detail))"
        )
      }
    }
    // Another family accepted where the docs name one: undocumented, and a trap for clients that copy it.
    // ("both" carries the documented header too, so accepting it is no fault.)
    // (x-api-key with anthropic-version only counts where the family documents that version header.)
    let versioned = route.profile.extraHeaders.contains {
      $0.name == AuthScheme.anthropicVersionHeader
    }
    let others = [ProbeKind.bearer, .apiKey, .apiKeyWithVersion, .familyScheme].filter {
      $0 != documentedKind && ($0 != .apiKeyWithVersion || versioned)
    }
    let wrongly = others.compactMap { byKind[$0] }.filter { $0.result == .accepted }.map(\.probe)
    for kind in others where byKind[kind].map(isVerdict) == true { judged.insert(kind) }
    if !wrongly.isEmpty {
      ok = false
      lines.append(
        "also accepts \(wrongly.map { "'\($0)'" }.joined(separator: ", ")), which the docs do not document for this route"
      )
    }
    if let both = byKind[.both], isVerdict(both) {
      judged.insert(.both)
      lines.append(
        both.result == .accepted
          ? "accepts both headers sent together"
          : "rejects both headers sent together (\(status(both)))")
    }
    // A wrong or missing key: only a 2xx means authentication is not enforced; any other refusal than 401
    // (a 400 such as LiteLLM's no_db_connection included, once the documented headers are seen to work) is
    // the documented status missed.
    let documentedWorks = documented?.result == .accepted
    for kind in [ProbeKind.none, .invalidKey] {
      guard let o = byKind[kind] else { continue }
      if o.result == .accepted {
        ok = false
        judged.insert(kind)
        lines.append(
          "accepts a request with \(kind == .none ? "no key" : "an invalid key") (\(status(o))): authentication is not enforced"
        )
      } else if let code = o.status, code != 401,
        o.result == .rejectedAuth || (documentedWorks && o.result != .error)
      {
        ok = false
        judged.insert(kind)
        lines.append(
          "answers a wrong key with \(code) instead of the documented 401 (probe '\(o.probe)')")
      } else if o.result == .rejectedAuth {
        judged.insert(kind)
      }
    }
    let unknown = outcomes.filter { !judged.contains($0.kind) && !isVerdict($0) }
    if !unknown.isEmpty {
      ok = false
      lines.append(
        "could not judge \(unknown.map { "'\($0.probe)'" }.joined(separator: ", ")): \(unknown[0].result.rawValue) (\(status(unknown[0])): \(unknown[0].detail))"
      )
    }
    if ok { lines.append("behaves as documented") }
    return ProbeVerdict(
      asDocumented: ok, accepted: accepted, wronglyAccepted: wrongly, lines: lines)
  }

  /// Why the matrix says nothing at all about the headers: no HTTP answer, or a 404 to every probe.
  static func unjudgeable(_ outcomes: [RouteProbe.Outcome]) -> String? {
    guard !outcomes.isEmpty else { return "no probe was sent" }
    let answered = outcomes.filter { $0.status != nil }
    if answered.isEmpty {
      return
        "no probe got an HTTP answer (\(outcomes[0].detail)); check --base-url and that the gateway is reachable"
    }
    if answered.allSatisfy({ $0.result == .routeNotFound }) {
      return
        "the route answered 404 to every probe (route not found: \(answered[0].detail)); check the path and --base-url"
    }
    return nil
  }

  /// Whether an outcome says something about the headers (accepted or refused).
  static func isVerdict(_ o: RouteProbe.Outcome) -> Bool {
    [.accepted, .rejectedAuth, .rejectedHeader, .blocked].contains(o.result)
  }

  static func status(_ o: RouteProbe.Outcome) -> String {
    o.status.map(String.init) ?? "no answer"
  }
}
