import Foundation

/// The official SDKs' retry rules (read from each SDK's `_base_client.py`: openai-python 3.57,
/// anthropic-sdk-python 2.14): two retries by default; 408, 409, 429, every status >= 500 and connection errors
/// retry, unless `x-should-retry` says otherwise. The wait is the server's (`retry-after-ms`, else `retry-after`
/// in seconds or as an HTTP date) when it is above 0: openai-python honours it up to 120 s and does not retry at
/// all above 120 s (checked before `x-should-retry`); anthropic-sdk-python 2.14 honours any value, with no cap
/// below ~50 days. Without a usable wait: min(0.5 * 2^n, 8) s times [0.75, 1]. An `event: error` inside a stream
/// is raised, never retried.
public enum SDKRules {
  /// openai-python's `MAX_RETRY_AFTER_DELAY`: above it the SDK does not retry.
  public static let openaiMaxRetryAfterMs: Double = 120_000
  /// anthropic-sdk-python's ceiling on a server wait (`time.sleep`'s platform limit): 4,294,967 s.
  public static let anthropicMaxRetryAfterMs: Double = 4_294_967_000
  /// The cap anthropic-sdk-python had before 2.14: longer waits were ignored for its own backoff.
  public static let legacyAnthropicMaxRetryAfterMs: Double = 60_000
  /// Both SDKs' first backoff without a usable server wait, before jitter.
  public static let firstBackoffMs: Double = 500

  public static func decide(
    _ sdk: SDKDecision.SDK, status: Int?, headers: HTTPHeaders, streamError: Bool
  ) -> SDKDecision {
    guard let status else {
      return SDKDecision(
        sdk: sdk, retries: true, delayMs: firstBackoffMs,
        why: "a connection error or timeout: retried after backoff (up to 0.5 s first)")
    }
    if streamError {
      return SDKDecision(
        sdk: sdk, retries: false, delayMs: nil,
        why: "an error event inside a 200 stream is raised, never retried")
    }
    let wait = serverWaitMs(headers)
    if sdk == .openaiPython, let wait, wait.isFinite, wait > openaiMaxRetryAfterMs {
      return SDKDecision(
        sdk: sdk, retries: false, delayMs: nil,
        why:
          "Retry-After of \(Saturating.whole(wait / 1000)) s is above 120 s, so openai-python gives up"
      )
    }
    if let should = headers["x-should-retry"] {
      if should == "true" {
        return SDKDecision(
          sdk: sdk, retries: true, delayMs: delay(sdk, wait), why: "x-should-retry: true")
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
    return SDKDecision(
      sdk: sdk, retries: true, delayMs: delay(sdk, wait), why: "HTTP \(status) is retried")
  }

  /// The wait before the first retry, given the server's wait as the SDK reads it.
  static func delay(_ sdk: SDKDecision.SDK, _ wait: Double?) -> Double {
    guard let wait, wait > 0 else { return firstBackoffMs }
    switch sdk {
    case .openaiPython:
      return wait.isFinite && wait <= openaiMaxRetryAfterMs ? wait : firstBackoffMs
    case .anthropicPython:
      return min(wait, anthropicMaxRetryAfterMs)
    }
  }

  /// The server's wait in milliseconds as both SDKs parse it: `retry-after-ms` when it is a number, else
  /// `retry-after` as seconds, else `retry-after` as an HTTP date; nil when none is usable.
  public static func serverWaitMs(_ headers: HTTPHeaders, now: Date = Date()) -> Double? {
    if let ms = headers["retry-after-ms"].flatMap({ Double($0.trimmingWhitespace()) }) {
      return ms
    }
    guard let raw = headers["retry-after"]?.trimmingWhitespace() else { return nil }
    if let seconds = Double(raw) { return seconds * 1000 }
    return RetryPolicy.retryAfterMs(HTTPHeaders([("retry-after", raw)]), now: now)
  }

  public static func decisions(status: Int?, headers: HTTPHeaders, streamError: Bool)
    -> [SDKDecision]
  {
    SDKDecision.SDK.allCases.map {
      decide($0, status: status, headers: headers, streamError: streamError)
    }
  }
}
