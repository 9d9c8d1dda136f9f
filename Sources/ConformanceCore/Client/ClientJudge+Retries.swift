/// The retry rules: waits after 429 and after 503/529, and how many attempts one request took.
extension ClientJudge {
  /// A re-send of a request and the answer before it.
  struct Retry {
    var prev: ClientExchange
    var next: ClientExchange
    var gap: Double { next.receivedMs - prev.answeredMs }
  }

  /// Each copy of a request sent again after a failed answer (non-2xx, or not received whole).
  static func retries(_ list: [ClientExchange]) -> [Retry] {
    zip(list, list.dropFirst()).compactMap { prev, next in
      prev.succeeded ? nil : Retry(prev: prev, next: next)
    }
  }

  static func rateLimitBackoff(_ groups: [[ClientExchange]]) -> ClientRuleResult {
    var checked = 0
    var violations: [ClientViolation] = []
    for list in groups {
      checked += list.filter { $0.situation == .rateLimited }.count
      let after429 = retries(list).filter { $0.prev.situation == .rateLimited }
      let early = after429.filter { r in
        r.gap < (r.prev.retryAfterMs ?? backoffFloorMs) - toleranceMs
      }
      if let first = early.first {
        let asked = first.prev.retryAfterMs
        let why =
          asked.map { "its Retry-After asked for \(ms($0))" }
          ?? "it had no Retry-After, and a first backoff must be at least \(ms(backoffFloorMs))"
        violations.append(
          ClientViolation(
            message:
              "\(first.prev.method) \(first.prev.target) was answered 429 and sent again too soon \(early.count) time\(early.count == 1 ? "" : "s") (waits \(early.prefix(6).map { ms($0.gap) }.joined(separator: ", "))); \(why)",
            fix:
              "after a 429 wait for retry-after-ms / Retry-After (seconds or an HTTP date) before sending the request again; without one back off exponentially from 0.5 s with jitter",
            requests: pairs(early.map { ($0.prev, $0.next, $0.gap) })))
      }
      // Three or more waits after 429s without Retry-After that never grew: the client kept its pace.
      var run: [Retry] = []
      func closeRun() {
        defer { run = [] }
        guard run.count >= 3, let first = run.first?.gap,
          run.dropFirst().allSatisfy({ $0.gap <= first * 1.2 })
        else { return }
        violations.append(
          ClientViolation(
            message:
              "\(run[0].prev.method) \(run[0].prev.target) was sent \(run.count + 1) times into 429s without Retry-After at a steady pace (waits \(run.map { ms($0.gap) }.joined(separator: ", ")))",
            fix:
              "back off exponentially (double the wait after each 429, with jitter, up to a cap) or reduce concurrency; do not keep sending at the same rate",
            requests: Array(([run[0].prev.seq] + run.map(\.next.seq)).prefix(shownRequests))))
      }
      for r in after429 {
        if r.prev.retryAfterMs == nil, run.last.map({ $0.next.seq == r.prev.seq }) ?? true {
          run.append(r)
        } else {
          closeRun()
          if r.prev.retryAfterMs == nil { run = [r] }
        }
      }
      closeRun()
    }
    return ClientRuleResult(rule: .rateLimitBackoff, checked: checked, violations: violations)
  }

  static func upstreamBackoff(_ groups: [[ClientExchange]]) -> ClientRuleResult {
    var checked = 0
    var violations: [ClientViolation] = []
    for list in groups {
      checked += list.filter { $0.situation == .upstreamUnavailable }.count
      var previousWait: Retry?
      for r in retries(list) {
        guard r.prev.situation == .upstreamUnavailable else {
          previousWait = nil
          continue
        }
        let status = r.prev.status.map(String.init) ?? "?"
        if let asked = r.prev.retryAfterMs {
          if r.gap < asked - toleranceMs {
            violations.append(
              ClientViolation(
                message:
                  "\(r.prev.method) \(r.prev.target) was answered \(status) with Retry-After \(ms(asked)) at \(ms(r.prev.answeredMs)) and retried \(ms(r.gap)) later",
                fix: "wait at least the Retry-After the answer gives before retrying",
                requests: [r.prev.seq, r.next.seq]))
          }
          previousWait = nil
          continue
        }
        if let before = previousWait {
          if r.gap <= before.gap {
            violations.append(
              ClientViolation(
                message:
                  "\(r.prev.method) \(r.prev.target) was retried after \(status) \(ms(r.gap)) later, no longer than the wait before (\(ms(before.gap)))",
                fix:
                  "retry with exponential backoff: make each wait longer than the last (0.5 s, 1 s, 2 s ... with jitter) and stop after a maximum count",
                requests: [before.prev.seq, r.prev.seq, r.next.seq]))
          }
        } else if r.gap < backoffFloorMs - toleranceMs {
          violations.append(
            ClientViolation(
              message:
                "\(r.prev.method) \(r.prev.target) was answered \(status) at \(ms(r.prev.answeredMs)) and retried \(ms(r.gap)) later, with no backoff",
              fix:
                "retry a 503/529 only after a backoff (the official SDKs wait 0.375-0.5 s first, then twice as long each time)",
              requests: [r.prev.seq, r.next.seq]))
        }
        previousWait = r
      }
    }
    return ClientRuleResult(rule: .upstreamBackoff, checked: checked, violations: violations)
  }

  static func boundedRetries(_ groups: [[ClientExchange]], _ options: Options) -> ClientRuleResult {
    var checked = 0
    var violations: [ClientViolation] = []
    for list in groups {
      // Attempts chain while each answer before them failed; a success starts a new request.
      var chain: [ClientExchange] = []
      func close() {
        defer { chain = [] }
        if chain.count > 1 { checked += 1 }
        guard chain.count > options.maxAttempts, let first = chain.first else { return }
        violations.append(
          ClientViolation(
            message:
              "\(first.method) \(first.target) was attempted \(chain.count) times (more than \(options.maxAttempts)) from \(ms(first.receivedMs)) to \(ms(chain[chain.count - 1].receivedMs))",
            fix:
              "cap retries (the official SDKs stop after 2 retries, 3 attempts) and then surface the error instead of retrying",
            requests: Array(chain.prefix(shownRequests).map(\.seq))))
      }
      for e in list {
        chain.append(e)
        if e.succeeded { close() }
      }
      close()
    }
    return ClientRuleResult(rule: .boundedRetries, checked: checked, violations: violations)
  }
}
