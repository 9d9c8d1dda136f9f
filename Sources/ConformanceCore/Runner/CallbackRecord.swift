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
