/// The callback types an AI Music task sends to its `callBackUrl` (`contract.md`), which a webhook step may wait
/// for. Callbacks received carry whatever type the gateway wrote; these are the ones a scenario can name.
public enum CallbackType: String, CaseIterable, Sendable, CustomStringConvertible {
  /// The lyrics or text stage finished.
  case text
  /// The first track is ready.
  case first
  /// Every track is ready.
  case complete
  /// The task failed.
  case error

  public var description: String { rawValue }
}
