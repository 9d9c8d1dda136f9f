/// The rules a client of AnyInt must keep (the client's half of the documented retry table and header
/// families), with what each one checks and the fix a broken one needs.
public enum ClientRule: String, CaseIterable, Sendable {
  case authHeader = "auth-header"
  case anthropicVersion = "anthropic-version"
  case noRetryClientError = "no-retry-client-error"
  case rateLimitBackoff = "rate-limit-backoff"
  case upstreamBackoff = "upstream-backoff"
  case boundedRetries = "bounded-retries"
  case pollNotRecreate = "poll-not-recreate"
  case pollInterval = "poll-interval"
  case callbackAck = "callback-ack"

  /// What holding the rule means, in one line.
  public var summary: String {
    switch self {
    case .authHeader: "each request used its route's documented header family"
    case .anthropicVersion: "Anthropic routes sent a documented anthropic-version"
    case .noRetryClientError:
      "no request answered 400, 401, 403 or 404 was sent again unchanged (403/404 model access: not immediately)"
    case .rateLimitBackoff:
      "after a 429 the same request waited for Retry-After (or at least 250 ms) and the waits grew"
    case .upstreamBackoff: "retries after 503/529 waited longer each time"
    case .boundedRetries: "no request was attempted more than the maximum number of times"
    case .pollNotRecreate: "a created task was polled, not created again while pending"
    case .pollInterval:
      "polls were no faster than the minimum interval or the poll's own Retry-After"
    case .callbackAck:
      "callbacks sent to the client's callBackUrl (duplicates included) were answered 2xx"
    }
  }
}

/// How a rule came out.
public enum ClientRuleStatus: String, Sendable, CaseIterable {
  case held
  case broken
  case notExercised = "not exercised"
}

/// One way a rule was broken: what happened, the requests (or callbacks) involved, when, and the fix.
public struct ClientViolation: Sendable, Equatable {
  public var message: String
  public var fix: String
  /// Sequence numbers of the exchanges involved, in order.
  public var requests: [Int]
  /// Sequence numbers of the callbacks involved.
  public var callbacks: [Int]

  public init(message: String, fix: String, requests: [Int] = [], callbacks: [Int] = []) {
    self.message = message
    self.fix = fix
    self.requests = requests
    self.callbacks = callbacks
  }
}

public struct ClientRuleResult: Sendable, Equatable {
  public var rule: ClientRule
  public var status: ClientRuleStatus
  /// How many cases the rule looked at (requests, retries, tasks, polls or callbacks).
  public var checked: Int
  public var violations: [ClientViolation]

  public init(rule: ClientRule, checked: Int, violations: [ClientViolation]) {
    self.rule = rule
    self.checked = checked
    self.violations = violations
    status = checked == 0 ? .notExercised : (violations.isEmpty ? .held : .broken)
  }
}

/// The judgement of one client's traffic: every rule's result, and the traffic it was judged on.
public struct ClientJudgement: Sendable {
  public var rules: [ClientRuleResult]
  public var traffic: ClientTraffic
  public var options: ClientJudge.Options

  public init(rules: [ClientRuleResult], traffic: ClientTraffic, options: ClientJudge.Options) {
    self.rules = rules
    self.traffic = traffic
    self.options = options
  }

  /// Whether every rule that was exercised held.
  public var held: Bool { !rules.contains { $0.status == .broken } }

  public func count(_ status: ClientRuleStatus) -> Int {
    rules.filter { $0.status == status }.count
  }

  public func exchange(_ seq: Int) -> ClientExchange? {
    traffic.exchanges.first { $0.seq == seq }
  }

  public func callback(_ seq: Int) -> CallbackAttempt? {
    traffic.callbacks.first { $0.seq == seq }
  }
}
