import ConformanceCore
import ConformanceNetwork

/// How a live gateway is reached (`run`, `record`, `diagnose`): its URL, the environment variable holding the
/// key, and the connection itself (trust, client certificate, proxy, limits, HTTP version, path rewrites).
struct LiveOptions {
  static let baseURL: Option<String?> = .value(
    "--base-url", "URL", "gateway URL for a live target (default env \(Defaults.baseURLVariable))")
  static let keyEnv: Option<String> = .value(
    "--key-env", "NAME", default: Defaults.keyVariable,
    "read the key from this environment variable (default \(Defaults.keyVariable))")
  static let cacert: Option<String?> = .value(
    "--cacert", "FILE", "trust the CA certificates in this PEM file instead of the system's")
  static let insecure: Option<Bool> = .flag(
    "--insecure", aliases: ["-k"],
    "do not verify the gateway's certificate (testing only; warned about and reported)")
  static let cert: Option<String?> = .value(
    "--cert", "FILE", "client certificate (PEM) for gateways that ask for one")
  static let key: Option<String?> = .value(
    "--key", "FILE", "the client certificate's private key (PEM; default: in --cert)")
  static let proxy: Option<String?> = .value(
    "--proxy", "URL",
    "send through this proxy (default env HTTPS_PROXY / HTTP_PROXY, either case; '' for none)")
  static let noProxy: Option<String?> = .value(
    "--noproxy", "HOSTS", "comma list of hosts reached directly (default env NO_PROXY; * for all)")
  static let connectTimeout: Option<Int?> = .custom(
    "--connect-timeout-ms", "N", "limit on connecting, TLS included (default: the request's)"
  ) { raw throws(UsageError) in
    guard let raw else { return nil }
    guard let v = Int(raw), (1...600_000).contains(v) else {
      throw UsageError(
        .invalidValue, option: "--connect-timeout-ms",
        "--connect-timeout-ms takes a whole number from 1 to 600000, not '\(raw)'")
    }
    return v
  }
  static let http1: Option<Bool> = .flag("--http1.1", "speak HTTP/1.1 only")
  static let http2: Option<Bool> = .flag(
    "--http2", "speak HTTP/2 (over TLS by ALPN; over http:// directly, h2c)")
  static let rewritePath: Option<[String]> = .repeated(
    "--rewrite-path", "FROM=TO",
    "replace a path prefix before sending, e.g. /openai/v1=/v1 (first match applies)")
  static let maxBodyMB: Option<Int> = .integer(
    "--max-body-mb", default: 64, range: 1...65_536,
    "stop reading an answer's body past N MiB, errored (default 64)")

  /// Every live option: what `--target fixtures` refuses.
  static let options = targetOptions + connectionOptions
  /// Where the gateway is and which key it gets; help lists these first.
  static let targetOptions = [baseURL.spec, keyEnv.spec]
  /// The options about the connection itself (help lists them after a command's own), which `diagnose
  /// --fixtures` refuses too.
  static let connectionOptions = [
    cacert.spec, insecure.spec, cert.spec, key.spec, proxy.spec, noProxy.spec, connectTimeout.spec,
    http1.spec, http2.spec, rewritePath.spec, maxBodyMB.spec,
  ]

  var baseURL: String?
  var keyVariable: String
  var caFile: String?
  var insecure: Bool
  var clientCertificate: String?
  var clientKey: String?
  var proxy: String?
  var noProxy: String?
  var connectTimeoutMs: Int?
  var httpVersion: LiveTransportConfiguration.HTTPVersion
  var rewrites: [PathRewrite] = []
  var maxBodyBytes: Int

  init(_ parsed: ParsedArguments) throws(UsageError) {
    baseURL = try parsed.get(Self.baseURL)
    keyVariable = try parsed.get(Self.keyEnv)
    caFile = try parsed.get(Self.cacert)
    insecure = try parsed.get(Self.insecure)
    clientCertificate = try parsed.get(Self.cert)
    clientKey = try parsed.get(Self.key)
    proxy = try parsed.get(Self.proxy)
    noProxy = try parsed.get(Self.noProxy)
    connectTimeoutMs = try parsed.get(Self.connectTimeout)
    switch (try parsed.get(Self.http1), try parsed.get(Self.http2)) {
    case (true, true):
      throw UsageError(
        .conflictingOptions, option: Self.http2.name, "give --http1.1 or --http2, not both")
    case (true, false): httpVersion = .http11
    case (false, true): httpVersion = .http2
    case (false, false): httpVersion = .automatic
    }
    for raw in try parsed.get(Self.rewritePath) {
      switch PathRewrite.parse(raw) {
      case .success(let rule): rewrites.append(rule)
      case .failure(let error):
        throw UsageError(.invalidValue, option: Self.rewritePath.name, error.message)
      }
    }
    maxBodyBytes = try parsed.get(Self.maxBodyMB) << 20
  }
}
