import Foundation

/// How a scenario ended.
public enum Outcome: String, Sendable, CaseIterable {
  /// Every expectation held.
  case passed
  /// An expectation did not hold.
  case failed
  /// The scenario could not be judged: no answer, no fixture, a timeout.
  case errored
  case skipped
}

/// One expectation that did not hold: which check, what was expected, what was there, and where it is written.
public struct CheckFailure: Sendable, Equatable {
  /// `status`, `envelope`, `error.type`, `situation`, `retry`, `headers.retry-after`, `json $.data[0].id`, ...
  public var check: String
  public var expected: String
  public var actual: String
  /// The field in the scenario file that states the expectation.
  public var ref: SourceRef?
  /// A hint on top of expected/actual, when one helps.
  public var note: String?

  public init(
    check: String, expected: String, actual: String, ref: SourceRef? = nil, note: String? = nil
  ) {
    self.check = check
    self.expected = expected
    self.actual = actual
    self.ref = ref
    self.note = note
  }
}

/// What was sent, described without the key.
public struct RequestSummary: Sendable, Equatable {
  public var method: String
  public var target: String
  public var auth: AuthFamily
  public var key: KeyKind
  /// Header names and values as sent, with auth header values replaced by their key kind.
  public var headers: [HTTPHeaders.Field]
  public var bodyBytes: Int

  public init(
    method: String, target: String, auth: AuthFamily, key: KeyKind, headers: [HTTPHeaders.Field],
    bodyBytes: Int
  ) {
    self.method = method
    self.target = target
    self.auth = auth
    self.key = key
    self.headers = headers
    self.bodyBytes = bodyBytes
  }

  /// Summarises a request; the values of key headers never leave this function.
  public static func of(_ r: HTTPRequest, keys: KeyClassifier) -> RequestSummary {
    let fields = r.headers.fields.map { f -> HTTPHeaders.Field in
      let lower = f.name.lowercased()
      if AuthScheme.isKeyHeader(lower, among: keys.schemes) {
        var one = HTTPHeaders()
        one.add(f.name, f.value)
        return HTTPHeaders.Field(name: lower, value: "<\(keys.keyKind(of: one).rawValue) key>")
      }
      return HTTPHeaders.Field(name: lower, value: f.value)
    }
    return RequestSummary(
      method: r.method, target: r.target, auth: keys.authFamily(of: r.headers),
      key: keys.keyKind(of: r.headers), headers: fields,
      bodyBytes: r.body.count)
  }
}

/// What came back, as the report shows it.
public struct Observed: Sendable {
  public var status: Int
  public var envelope: EnvelopeKind
  public var error: ErrorInfo?
  public var headers: [HTTPHeaders.Field]
  public var latencyMs: Double
  public var firstByteMs: Double?
  public var bodyBytes: Int
  /// The HTTP version the answer came in ("1.1", "2"); nil for replayed answers.
  public var httpVersion: String?
  /// Where the time went on the wire; nil for replayed answers.
  public var timings: WireTimings?
  /// The start of the body, for reading a failure without the fixture at hand.
  public var bodyExcerpt: String?
  /// For an event stream: its events, completeness, timing and any mid-stream error.
  public var stream: StreamAnalysis?

  public init(
    status: Int, envelope: EnvelopeKind, error: ErrorInfo?, headers: [HTTPHeaders.Field],
    latencyMs: Double, firstByteMs: Double?, bodyBytes: Int,
    bodyExcerpt: String?
  ) {
    self.status = status
    self.envelope = envelope
    self.error = error
    self.headers = headers
    self.latencyMs = latencyMs
    self.firstByteMs = firstByteMs
    self.bodyBytes = bodyBytes
    self.bodyExcerpt = bodyExcerpt
  }
}

/// One try of a request under `--retries`.
public struct Attempt: Sendable, Equatable {
  public var status: Int?
  public var situation: Situation?
  /// How long the runner waited after this attempt before the next (0 for the last).
  public var delayMs: Int
  public var fault: String?

  public init(status: Int?, situation: Situation?, delayMs: Int, fault: String? = nil) {
    self.status = status
    self.situation = situation
    self.delayMs = delayMs
    self.fault = fault
  }
}

/// A named finding about a request or answer, with a fix (header mismatches and the like).
public struct Diagnosis: Sendable, Equatable {
  public var id: String
  public var message: String

  public init(id: String, message: String) {
    self.id = id
    self.message = message
  }
}

/// What one exchange came to: the per-exchange fields a scenario result, or each of its steps, carries.
public struct ExchangeRecord: Sendable {
  public var outcome: Outcome = .errored
  public var durationMs: Double = 0
  public var request: RequestSummary?
  public var observed: Observed?
  public var situation: Situation?
  public var classificationReason: String?
  public var failures: [CheckFailure] = []
  public var diagnoses: [Diagnosis] = []
  public var findings: [Finding] = []
  /// What each official SDK would do with the answer.
  public var sdk: [SDKDecision] = []
  public var attempts: [Attempt] = []
  public var message: String?
  public var faultKind: TransportFault.Kind?

  public init() {}

  public var retry: RetryDecision? { situation.flatMap(RetryTable.decision(for:)) }
  public var guidance: String? { situation.map { RetryTable.row(for: $0).guidance } }
}

/// One step of a multi-step scenario.
public struct StepResult: Sendable {
  public enum Kind: String, Sendable {
    case request, poll, webhook
  }

  public var id: String
  public var kind: Kind
  public var record: ExchangeRecord
  /// Poll steps: how many times the GET was sent.
  public var polls: Int = 0
  /// Task states seen, in order (poll steps), for the "moves forward" check.
  public var states: [String] = []
  /// Names of the variables this step captured.
  public var captured: [String] = []
  /// Webhook steps: the callbacks received (type, duplicate or not, arrival in ms from the step's start).
  public var callbacks: [CallbackRecord] = []

  public init(id: String, kind: Kind, record: ExchangeRecord = ExchangeRecord()) {
    self.id = id
    self.kind = kind
    self.record = record
  }
}

/// A callback seen by a webhook step.
public struct CallbackRecord: Sendable, Equatable {
  public var type: String?
  public var taskID: String?
  public var shape: String
  public var atMs: Double
  public var duplicate: Bool

  public init(type: String?, taskID: String?, shape: String, atMs: Double, duplicate: Bool) {
    self.type = type
    self.taskID = taskID
    self.shape = shape
    self.atMs = atMs
    self.duplicate = duplicate
  }
}

/// The result of one scenario.
public struct ScenarioResult: Sendable {
  public var id: String
  public var summary: String
  public var tags: [String]
  public var family: Family?
  public var source: SourceRef
  public var outcome: Outcome
  public var durationMs: Double
  public var request: RequestSummary?
  public var observed: Observed?
  public var situation: Situation?
  public var classificationReason: String?
  public var failures: [CheckFailure]
  public var diagnoses: [Diagnosis]
  public var findings: [Finding] = []
  public var sdk: [SDKDecision] = []
  public var attempts: [Attempt]
  /// Why the scenario errored (no fixture, no answer, timeout); nil otherwise.
  public var message: String?
  public var faultKind: TransportFault.Kind?
  /// The steps of a multi-step scenario, in order (empty for a single exchange).
  public var steps: [StepResult] = []
  /// The scenario's position in the whole selection (kept when the run is one shard of several).
  public var index: Int?

  public init(
    id: String, summary: String, tags: [String], family: Family?, source: SourceRef,
    outcome: Outcome, durationMs: Double = 0
  ) {
    self.id = id
    self.summary = summary
    self.tags = tags
    self.family = family
    self.source = source
    self.outcome = outcome
    self.durationMs = durationMs
    failures = []
    diagnoses = []
    attempts = []
  }

  public var retry: RetryDecision? { situation.flatMap(RetryTable.decision(for:)) }
  public var guidance: String? { situation.map { RetryTable.row(for: $0).guidance } }

  /// The per-exchange fields as a record.
  public var record: ExchangeRecord {
    var r = ExchangeRecord()
    r.outcome = outcome
    r.durationMs = durationMs
    r.request = request
    r.observed = observed
    r.situation = situation
    r.classificationReason = classificationReason
    r.failures = failures
    r.diagnoses = diagnoses
    r.findings = findings
    r.sdk = sdk
    r.attempts = attempts
    r.message = message
    r.faultKind = faultKind
    return r
  }

  /// Takes the per-exchange fields from a record (the scenario's own exchange, or its last step's).
  public mutating func apply(_ r: ExchangeRecord) {
    outcome = r.outcome
    request = r.request
    observed = r.observed
    situation = r.situation
    classificationReason = r.classificationReason
    failures = r.failures
    diagnoses = r.diagnoses
    findings = r.findings
    sdk = r.sdk
    attempts = r.attempts
    message = r.message
    faultKind = r.faultKind
  }
}

/// Counts per outcome.
public struct RunSummary: Sendable, Equatable {
  public var total = 0
  public var passed = 0
  public var failed = 0
  public var errored = 0
  public var skipped = 0

  public init(_ results: [ScenarioResult]) {
    total = results.count
    for r in results {
      switch r.outcome {
      case .passed: passed += 1
      case .failed: failed += 1
      case .errored: errored += 1
      case .skipped: skipped += 1
      }
    }
  }

  public init(total: Int, passed: Int, failed: Int, errored: Int, skipped: Int) {
    self.total = total
    self.passed = passed
    self.failed = failed
    self.errored = errored
    self.skipped = skipped
  }

  /// Whether the run should exit 0.
  public var allPassed: Bool { failed == 0 && errored == 0 }
}

/// What ran against what.
public struct TargetInfo: Sendable, Equatable {
  public var kind: String
  public var baseURL: String?
  public var fixtures: String?
  /// How a live target was reached (nil for fixtures): the proxy (never its credentials), whether
  /// certificates went unverified, and the path rewrites applied before sending.
  public var connection: ConnectionInfo?

  public init(kind: String, baseURL: String? = nil, fixtures: String? = nil) {
    self.kind = kind
    self.baseURL = baseURL
    self.fixtures = fixtures
  }
}

/// How a live run reached its target, as report.json's `target` records it.
public struct ConnectionInfo: Sendable, Equatable {
  /// The proxy in use, as `scheme://host:port` (credentials never), or nil for a direct connection.
  public var proxy: String?
  /// `-k/--insecure`: the gateway's certificate was not verified.
  public var insecure: Bool
  /// `--rewrite-path FROM=TO` rules, in order.
  public var rewrites: [Rewrite]

  public struct Rewrite: Sendable, Equatable {
    public var from: String
    public var to: String
    public init(from: String, to: String) {
      self.from = from
      self.to = to
    }
  }

  public init(proxy: String? = nil, insecure: Bool = false, rewrites: [Rewrite] = []) {
    self.proxy = proxy
    self.insecure = insecure
    self.rewrites = rewrites
  }
}

/// A whole run: what every report format is written from.
public struct RunResult: Sendable {
  public var target: TargetInfo
  public var startedAt: Date
  public var durationMs: Double
  public var scenarios: [ScenarioResult]
  public var toolName = ToolInfo.name
  public var toolVersion = ToolInfo.version

  public init(target: TargetInfo, startedAt: Date, durationMs: Double, scenarios: [ScenarioResult])
  {
    self.target = target
    self.startedAt = startedAt
    self.durationMs = durationMs
    self.scenarios = scenarios
  }

  public var summary: RunSummary { RunSummary(scenarios) }
}
