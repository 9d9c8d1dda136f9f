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
