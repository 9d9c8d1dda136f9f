/// The verdict over a probe matrix.
public struct ProbeVerdict: Sendable {
  public var asDocumented: Bool
  public var accepted: [String]
  public var wronglyAccepted: [String]
  public var lines: [String]

  public static func judge(_ outcomes: [RouteProbe.Outcome], route: RouteProbe) -> ProbeVerdict {
    let documentedProbe = route.probes.first { $0.isDocumented }
    let documentedKind = documentedProbe?.kind ?? .bearer
    let documentedName = documentedProbe?.name ?? ProbeKind.bearer.name()
    let byKind = Dictionary(
      outcomes.map { ($0.kind, $0) }, uniquingKeysWith: { first, _ in first })
    let accepted = outcomes.filter { $0.result == .accepted }.map(\.probe)
    var lines: [String] = []
    var ok = true
    let documented = byKind[documentedKind]
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
    // (x-api-key with anthropic-version only counts where the family documents that version header.)
    let versioned = route.profile.extraHeaders.contains {
      $0.name == AuthScheme.anthropicVersionHeader
    }
    let others = [ProbeKind.bearer, .apiKey, .apiKeyWithVersion, .familyScheme].filter {
      $0 != documentedKind && ($0 != .apiKeyWithVersion || versioned)
    }
    let wrongly = others.compactMap { byKind[$0] }.filter { $0.result == .accepted }.map(\.probe)
    if !wrongly.isEmpty {
      ok = false
      lines.append(
        "also accepts \(wrongly.map { "'\($0)'" }.joined(separator: ", ")), which the docs do not document for this route"
      )
    }
    if let both = byKind[.both] {
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
    for kind in [ProbeKind.none, .invalidKey] {
      if let o = byKind[kind], o.result == .accepted {
        ok = false
        lines.append(
          "accepts a request with \(kind == .none ? "no key" : "an invalid key") (\(o.status.map(String.init) ?? "-")): authentication is not enforced"
        )
      }
    }
    for kind in [ProbeKind.none, .invalidKey] {
      if let o = byKind[kind], let status = o.status, o.result == .rejectedAuth, status != 401 {
        ok = false
        lines.append(
          "answers a bad key (probe '\(o.probe)') with HTTP \(status) instead of the documented 401"
        )
      }
    }
    if ok { lines.append("behaves as documented") }
    return ProbeVerdict(
      asDocumented: ok, accepted: accepted, wronglyAccepted: wrongly, lines: lines)
  }
}
