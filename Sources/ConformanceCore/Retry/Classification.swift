/// The retry-table row an answer falls in, and why.
public struct Classification: Sendable, Equatable {
  public var situation: Situation
  /// Why this row: the evidence used, in one sentence.
  public var reason: String

  public init(_ situation: Situation, _ reason: String) {
    self.situation = situation
    self.reason = reason
  }

  public var decision: RetryDecision? { RetryTable.decision(for: situation) }
  public var guidance: String { RetryTable.row(for: situation).guidance }
}
