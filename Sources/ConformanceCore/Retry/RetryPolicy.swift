import Foundation

/// How `--retries` applies the documented decisions: `yes` (and `usually`) back off exponentially with jitter;
/// `later` waits for `retry-after-ms` / `Retry-After` when the answer gives one (capped), else backs off; `no`,
/// `no-immediate-retry`, `poll` and answers without a decision are never retried.
public struct RetryPolicy: Sendable {
  public var baseDelayMs: Double
  public var maxBackoffMs: Double
  /// The longest server-requested wait the runner honours; longer requests are capped to it.
  public var maxRetryAfterMs: Double
  /// Jitter source in [0, 1); injectable so tests are exact.
  public var random: @Sendable () -> Double

  public init(
    baseDelayMs: Double = 500, maxBackoffMs: Double = 8_000, maxRetryAfterMs: Double = 60_000,
    random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
  ) {
    self.baseDelayMs = baseDelayMs
    self.maxBackoffMs = maxBackoffMs
    self.maxRetryAfterMs = maxRetryAfterMs
    self.random = random
  }

  /// Milliseconds to wait before the next attempt, or nil when the decision says not to retry.
  public func delayMs(after c: Classification?, headers: HTTPHeaders?, attempt: Int) -> Int? {
    guard let decision = c?.decision else { return nil }
    switch decision {
    case .yes, .usually:
      return backoff(attempt)
    case .later:
      if let requested = RetryPolicy.retryAfterMs(headers) {
        return Int(clamping: min(requested, maxRetryAfterMs), to: 0...Saturating.maxSleepMs)
      }
      return backoff(attempt)
    case .no, .noImmediateRetry, .poll:
      return nil
    }
  }

  /// min(base * 2^n, cap) times a jitter in [0.75, 1], as the official SDKs do.
  public func backoff(_ attempt: Int) -> Int {
    let raw = min(baseDelayMs * pow(2, Double(min(attempt, 30))), maxBackoffMs)
    return Int(clamping: raw * (0.75 + 0.25 * random()), to: 0...Saturating.maxSleepMs)
  }

  /// The wait a response asks for: `retry-after-ms`, else `retry-after` in seconds or as an HTTP date.
  public static func retryAfterMs(_ headers: HTTPHeaders?, now: Date = Date()) -> Double? {
    guard let headers else { return nil }
    if let ms = headers["retry-after-ms"].flatMap({ Double($0.trimmingWhitespace()) }), ms >= 0 {
      return ms
    }
    guard let ra = headers["retry-after"]?.trimmingWhitespace() else { return nil }
    if let seconds = Double(ra), seconds >= 0 { return seconds * 1000 }
    let f = DateFormatter()
    f.locale = Locale(identifier: "en_US_POSIX")
    f.timeZone = TimeZone(identifier: "GMT")
    f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
    if let date = f.date(from: ra) { return max(0, date.timeIntervalSince(now) * 1000) }
    return nil
  }
}
