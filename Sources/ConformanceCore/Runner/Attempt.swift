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
