import Foundation

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

/// The official SDKs' retry rules: two retries by default; `x-should-retry` first; then 408, 409, 429 and every
/// status >= 500 (and connection errors) retry; delay `retry-after-ms`, else `retry-after` when 0 < value <= 60 s
/// (openai-python: <= 120 s, and it gives up above 120 s); otherwise min(0.5 * 2^n, 8) s times [0.75, 1]. An
/// `event: error` inside a stream is raised, never retried.
public enum SDKRules {
  /// The longest Retry-After openai-python waits; above it, it gives up on the header.
  public static let openaiMaxRetryAfterMs: Double = 120_000
  /// The longest Retry-After anthropic-sdk-python honours; above it, it uses its own backoff.
  public static let anthropicMaxRetryAfterMs: Double = 60_000

  public static func decide(
    _ sdk: SDKDecision.SDK, status: Int?, headers: HTTPHeaders, streamError: Bool
  ) -> SDKDecision {
    guard let status else {
      return SDKDecision(
        sdk: sdk, retries: true, delayMs: 500,
        why: "a connection error or timeout: retried after backoff (up to 0.5 s first)")
    }
    if streamError {
      return SDKDecision(
        sdk: sdk, retries: false, delayMs: nil,
        why: "an error event inside a 200 stream is raised, never retried")
    }
    if let should = headers["x-should-retry"]?.trimmingWhitespace().lowercased() {
      if should == "true" {
        return SDKDecision(
          sdk: sdk, retries: true, delayMs: delay(sdk, headers), why: "x-should-retry: true")
      }
      if should == "false" {
        return SDKDecision(sdk: sdk, retries: false, delayMs: nil, why: "x-should-retry: false")
      }
    }
    guard [408, 409, 429].contains(status) || status >= 500 else {
      return SDKDecision(
        sdk: sdk, retries: false, delayMs: nil,
        why: "HTTP \(status) is not retried (only 408, 409, 429 and 5xx are)")
    }
    if sdk == .openaiPython, let wait = RetryPolicy.retryAfterMs(headers),
      wait > openaiMaxRetryAfterMs
    {
      return SDKDecision(
        sdk: sdk, retries: false, delayMs: nil,
        why: "Retry-After of \(Int(wait / 1000)) s is above 120 s, so openai-python gives up")
    }
    return SDKDecision(
      sdk: sdk, retries: true, delayMs: delay(sdk, headers), why: "HTTP \(status) is retried")
  }

  /// The wait before the first retry.
  static func delay(_ sdk: SDKDecision.SDK, _ headers: HTTPHeaders) -> Double {
    if let ms = headers["retry-after-ms"].flatMap({ Double($0.trimmingWhitespace()) }), ms >= 0 {
      return ms
    }
    let limit = sdk == .openaiPython ? openaiMaxRetryAfterMs : anthropicMaxRetryAfterMs
    if let wait = RetryPolicy.retryAfterMs(headers), wait > 0, wait <= limit { return wait }
    return 500  // min(0.5 * 2^0, 8) s, before jitter
  }

  public static func decisions(status: Int?, headers: HTTPHeaders, streamError: Bool)
    -> [SDKDecision]
  {
    SDKDecision.SDK.allCases.map {
      decide($0, status: status, headers: headers, streamError: streamError)
    }
  }
}
