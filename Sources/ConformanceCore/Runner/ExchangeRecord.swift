/// What one exchange came to: the per-exchange fields a scenario result, or each of its steps, carries.
public struct ExchangeRecord: Sendable {
  public var outcome: Outcome = .errored
  public var durationMs: Double = 0
  public var request: RequestSummary?
  public var observed: Observed?
  public var situation: Situation?
  public var classificationReason: String?
  public var failures: [CheckFailure] = []
  public var diagnoses: [Note] = []
  public var findings: [Note] = []
  /// What each official SDK would do with the answer.
  public var sdk: [SDKDecision] = []
  public var attempts: [Attempt] = []
  public var message: String?
  public var faultKind: TransportFault.Kind?

  public init() {}

  public var retry: RetryDecision? { situation.flatMap(RetryTable.decision(for:)) }
  public var guidance: String? { situation.map { RetryTable.row(for: $0).guidance } }
}
