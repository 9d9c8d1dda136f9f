/// One step of a multi-step scenario: a request (possibly polled until a condition holds) or a webhook wait.
public struct Step: Sendable {
  public enum Kind: Sendable {
    case request(RequestStep)
    case webhook(WebhookStep)
  }

  public var id: String
  public var kind: Kind
  public var source: SourceRef

  public init(id: String, kind: Kind, source: SourceRef) {
    self.id = id
    self.kind = kind
    self.source = source
  }
}

/// A request step: what to send, what must hold of the answer, what to capture, and how to poll.
public struct RequestStep: Sendable {
  public var request: RequestSpec
  public var expect: ScenarioExpectation?
  /// Variables taken from the answer for later steps: name and JSON path.
  public var capture: [(name: String, path: JSONPath)]
  public var poll: PollSpec?

  public init(
    request: RequestSpec, expect: ScenarioExpectation? = nil,
    capture: [(name: String, path: JSONPath)] = [], poll: PollSpec? = nil
  ) {
    self.request = request
    self.expect = expect
    self.capture = capture
    self.poll = poll
  }
}

/// How a poll step repeats its GET: until a condition holds, failing on another or at its time limit.
public struct PollSpec: Sendable {
  public var until: [(path: JSONPath, matcher: Matcher, ref: SourceRef)]
  public var failWhen: [(path: JSONPath, matcher: Matcher, ref: SourceRef)]
  public var intervalMs: Int
  public var timeoutMs: Int
  public var ref: SourceRef

  public init(
    until: [(path: JSONPath, matcher: Matcher, ref: SourceRef)],
    failWhen: [(path: JSONPath, matcher: Matcher, ref: SourceRef)] = [],
    intervalMs: Int = Defaults.pollIntervalMs, timeoutMs: Int = Defaults.pollTimeoutMs,
    ref: SourceRef
  ) {
    self.until = until
    self.failWhen = failWhen
    self.intervalMs = intervalMs
    self.timeoutMs = timeoutMs
    self.ref = ref
  }
}

/// A webhook step: wait for a callback of a type (`text`, `first`, `complete`, `error`) on `${callback_url}`.
public struct WebhookStep: Sendable {
  public var callbackType: CallbackType?
  public var timeoutMs: Int
  public var ref: SourceRef

  public init(
    callbackType: CallbackType?, timeoutMs: Int = Defaults.webhookTimeoutMs, ref: SourceRef
  ) {
    self.callbackType = callbackType
    self.timeoutMs = timeoutMs
    self.ref = ref
  }
}
