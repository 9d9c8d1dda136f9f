import ConformanceCore

/// How a live gateway is reached (`run`, `record`, `diagnose`): its URL and the environment variable holding the
/// key. Options about the connection itself (TLS, proxies) belong here too, so every live command takes them.
struct LiveOptions {
  static let baseURL: Option<String?> = .value(
    "--base-url", "URL", "gateway URL for a live target (default env \(Defaults.baseURLVariable))")
  static let keyEnv: Option<String> = .value(
    "--key-env", "NAME", default: Defaults.keyVariable,
    "read the key from this environment variable (default \(Defaults.keyVariable))")

  static let options = [baseURL.spec, keyEnv.spec]

  var baseURL: String?
  var keyVariable: String

  init(_ parsed: ParsedArguments) throws(UsageError) {
    baseURL = try parsed.get(Self.baseURL)
    keyVariable = try parsed.get(Self.keyEnv)
  }
}
