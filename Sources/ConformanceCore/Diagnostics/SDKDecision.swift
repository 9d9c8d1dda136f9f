/// What an official SDK would do with an answer, by its published retry rules (`contract.md`).
public struct SDKDecision: Sendable, Equatable {
  public enum SDK: String, Sendable, CaseIterable {
    case openaiPython = "openai-python"
    case anthropicPython = "anthropic-sdk-python"
  }

  public var sdk: SDK
  public var retries: Bool
  /// The wait before its first retry, when it retries: the server's, or its backoff range's upper bound.
  public var delayMs: Double?
  public var why: String

  public init(sdk: SDK, retries: Bool, delayMs: Double?, why: String) {
    self.sdk = sdk
    self.retries = retries
    self.delayMs = delayMs
    self.why = why
  }
}
