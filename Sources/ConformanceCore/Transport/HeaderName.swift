/// Header names the harness reads or writes (lower-case, as requests and reports carry them). Key headers are
/// not here: `AuthScheme` owns them.
public enum HeaderName {
  public static let contentType = "content-type"
  public static let contentLength = "content-length"
  public static let userAgent = "user-agent"
  public static let retryAfter = "retry-after"
  public static let retryAfterMs = "retry-after-ms"
  public static let xShouldRetry = "x-should-retry"
  public static let location = "location"
}
