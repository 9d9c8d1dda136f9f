/// Judges a client by the traffic the twin served it, rule by rule, from recorded timestamps only.
///
/// "The same request" is `RequestIdentity` (method, path, query, canonical body). Re-sends of one request are
/// compared by the gap between the answer's last byte leaving the twin and the next copy arriving, which a
/// busy machine can only lengthen, never shorten; so a client that waited as asked is never judged broken
/// by load. A small tolerance absorbs clock rounding only.
public enum ClientJudge {
  public struct Options: Sendable, Equatable {
    /// `--max-attempts`: the most attempts one request may take (the first one included).
    public var maxAttempts: Int
    /// `--min-poll-ms`: the shortest interval between two polls of one task.
    public var minPollMs: Int
    /// `--no-immediate-retry-ms`: how long a request refused for model access must not be re-sent.
    public var noImmediateRetryMs: Int

    public init(maxAttempts: Int = 5, minPollMs: Int = 1000, noImmediateRetryMs: Int = 60_000) {
      self.maxAttempts = maxAttempts
      self.minPollMs = minPollMs
      self.noImmediateRetryMs = noImmediateRetryMs
    }
  }

  /// The shortest wait after a 429 without Retry-After, or before a first retry after a 503/529: the official
  /// SDKs' first backoff is 375-500 ms.
  public static let backoffFloorMs: Double = 250
  /// Clock rounding allowed when a wait is compared with the one asked for.
  static let toleranceMs: Double = 20
  /// How many requests a violation lists (the count says how many there were).
  static let shownRequests = 12

  public static func judge(_ traffic: ClientTraffic, options: Options = Options())
    -> ClientJudgement
  {
    let exchanges = traffic.exchanges.sorted { $0.seq < $1.seq }
    // Copies of one request sent with other credentials (a fixed header or key) are a new request.
    let grouped = Dictionary(grouping: exchanges) { (e: ClientExchange) -> SentAs in
      SentAs(identity: e.identity, credentials: e.credentials)
    }
    let byIdentity: [[ClientExchange]] = grouped.values.map { (list: [ClientExchange]) in
      list.sorted { (a: ClientExchange, b: ClientExchange) in
        a.receivedMs < b.receivedMs || (a.receivedMs == b.receivedMs && a.seq < b.seq)
      }
    }.sorted { ($0.first?.seq ?? 0) < ($1.first?.seq ?? 0) }
    let rules: [ClientRuleResult] = [
      authHeader(exchanges),
      anthropicVersion(exchanges),
      noRetryClientError(byIdentity, options),
      rateLimitBackoff(byIdentity),
      upstreamBackoff(byIdentity),
      boundedRetries(byIdentity, options),
      pollNotRecreate(exchanges, traffic),
      pollInterval(exchanges, options),
      callbackAck(traffic.callbacks),
    ]
    return ClientJudgement(rules: rules, traffic: traffic, options: options)
  }

  // MARK: headers

  static func authHeader(_ exchanges: [ClientExchange]) -> ClientRuleResult {
    let judged = exchanges.filter { $0.family != nil }
    return ClientRuleResult(
      rule: .authHeader, checked: judged.count,
      violations: grouped(judged, \.headerDiagnoses, rule: .authHeader))
  }

  static func anthropicVersion(_ exchanges: [ClientExchange]) -> ClientRuleResult {
    let judged = exchanges.filter { $0.family == .anthropic }
    return ClientRuleResult(
      rule: .anthropicVersion, checked: judged.count,
      violations: grouped(judged, \.versionDiagnoses, rule: .anthropicVersion))
  }

  /// One violation per diagnosis id and family, listing the requests that earned it; the fix is the
  /// diagnosis's own (the same words `run` reports), with the SDK setting that sends the documented headers.
  static func grouped(
    _ exchanges: [ClientExchange], _ diagnoses: KeyPath<ClientExchange, [Note]>,
    rule: ClientRule
  ) -> [ClientViolation] {
    var order: [String] = []
    var groups: [String: (Note, [ClientExchange])] = [:]
    for e in exchanges {
      for d in e[keyPath: diagnoses] {
        let key = d.id.rawValue + "|" + (e.family?.rawValue ?? "")
        if groups[key] == nil {
          order.append(key)
          groups[key] = (d, [])
        }
        groups[key]?.1.append(e)
      }
    }
    return order.compactMap { key in
      guard let (d, list) = groups[key], let first = list.first else { return nil }
      let family = first.familyName ?? first.family?.rawValue ?? "unknown"
      var fix = d.message
      if let hint = sdkHint(list, family: first.family, rule: rule) { fix += "; " + hint }
      return ClientViolation(
        message:
          "\(d.id.rawValue): \(list.count) request\(list.count == 1 ? "" : "s") to \(family) routes (first: \(first.method) \(first.target) at \(ms(first.receivedMs)))",
        fix: fix, requests: Array(list.prefix(shownRequests).map(\.seq)))
    }
  }

  /// How the SDK that sent the requests is made to send the documented headers.
  static func sdkHint(_ list: [ClientExchange], family: Family?, rule: ClientRule) -> String? {
    let sdks = Set(list.compactMap(\.sdk))
    if family == .anthropic, sdks.contains("anthropic-sdk-python") {
      return
        "with anthropic-sdk-python pass default_headers={\"Authorization\": anthropic.Omit(), \"X-Api-Key\": key, \"anthropic-version\": \"\(RouteCatalog.anthropicVersion)\"}"
    }
    if family == .gemini, rule == .authHeader, sdks.contains("google-genai") {
      return
        "with google-genai pass http_options=types.HttpOptions(headers={\"Authorization\": \"Bearer \" + key}) (it sends its key in x-goog-api-key)"
    }
    return nil
  }

  // MARK: client errors

  static func noRetryClientError(_ groups: [[ClientExchange]], _ options: Options)
    -> ClientRuleResult
  {
    var checked = 0
    var violations: [ClientViolation] = []
    for list in groups {
      for (i, prev) in list.enumerated() {
        guard let kind = clientErrorKind(prev) else { continue }
        checked += 1
        guard i + 1 < list.count else { continue }
        let next = list[i + 1]
        let gap = next.receivedMs - prev.answeredMs
        let situation = prev.situation ?? .invalidRequest
        let guidance = RetryTable.row(for: situation).guidance
        if kind == .never {
          violations.append(
            ClientViolation(
              message:
                "\(prev.method) \(prev.target) was answered \(prev.status.map(String.init) ?? "?") (\(situation.rawValue)) at \(ms(prev.answeredMs)) and sent again unchanged \(ms(gap)) later",
              fix: "do not repeat it: \(guidance)", requests: [prev.seq, next.seq]))
        } else if gap < Double(options.noImmediateRetryMs) {
          violations.append(
            ClientViolation(
              message:
                "\(prev.method) \(prev.target) was refused \(prev.status.map(String.init) ?? "?") (\(situation.rawValue)) at \(ms(prev.answeredMs)) and sent again unchanged \(ms(gap)) later, within \(ms(Double(options.noImmediateRetryMs)))",
              fix: "no immediate retry: \(guidance)", requests: [prev.seq, next.seq]))
        }
      }
    }
    return ClientRuleResult(rule: .noRetryClientError, checked: checked, violations: violations)
  }

  enum ClientErrorKind { case never, notImmediately }

  /// A request as the rules tell copies apart: its identity and the credentials it was sent with.
  struct SentAs: Hashable {
    var identity: RequestIdentity
    var credentials: String
  }

  /// Whether an answer forbids sending the same request again (invalid request or key, an unknown route), or
  /// only forbids it soon (model access, access blocked).
  static func clientErrorKind(_ e: ClientExchange) -> ClientErrorKind? {
    guard let status = e.status, e.complete else { return nil }
    switch e.situation {
    case .modelUnavailable, .accessBlocked: return .notImmediately
    case .invalidRequest, .invalidAPIKey: return .never
    default: break
    }
    switch status {
    case 403: return .notImmediately
    case 400, 401, 404: return .never
    default: return nil
    }
  }

  public static func ms(_ value: Double) -> String {
    value >= 10_000 ? "\(Int((value / 1000).rounded())) s" : "\(Int(value.rounded())) ms"
  }
}
