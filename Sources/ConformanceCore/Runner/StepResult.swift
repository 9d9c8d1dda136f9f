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
