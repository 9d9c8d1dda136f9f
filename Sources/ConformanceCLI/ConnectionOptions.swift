import ConformanceCore
import ConformanceNetwork
import Foundation

/// The options that say how a live target is reached: trust, client certificate, proxy, limits, HTTP version
/// and path rewrites. `run`, `record` and `diagnose` take them all; they apply to live targets only.
enum ConnectionOptions {
  static let specs: [OptionSpec] = [
    OptionSpec("--cacert", value: "FILE", "trust the CA certificates in this PEM file instead of the system's"),
    OptionSpec(
      "--insecure", "do not verify the gateway's certificate (testing only; warned about and reported)"),
    OptionSpec("-k", "same as --insecure"),
    OptionSpec("--cert", value: "FILE", "client certificate (PEM) for gateways that ask for one"),
    OptionSpec("--key", value: "FILE", "the client certificate's private key (PEM; default: in --cert)"),
    OptionSpec(
      "--proxy", value: "URL",
      "send through this proxy (default env HTTPS_PROXY / HTTP_PROXY, either case; \"\" for none)"),
    OptionSpec(
      "--noproxy", value: "HOSTS", "comma list of hosts reached directly (default env NO_PROXY; * for all)"),
    OptionSpec("--connect-timeout-ms", value: "N", "limit on connecting, TLS included (default: the request's)"),
    OptionSpec("--http1.1", "speak HTTP/1.1 only"),
    OptionSpec("--http2", "speak HTTP/2 (over TLS by ALPN; over http:// directly, h2c)"),
    OptionSpec(
      "--rewrite-path", value: "FROM=TO", repeatable: true,
      "replace a path prefix before sending, e.g. /openai/v1=/v1 (first match applies)"),
    OptionSpec("--max-body-mb", value: "N", "stop reading an answer's body past N MiB, errored (default 64)"),
  ]

  static let names = specs.map(\.name)

  /// The names given on this command line, for refusing them where they do not apply.
  static func given(_ parsed: ParsedArguments) -> [String] {
    names.filter { parsed.flag($0) || parsed.value($0) != nil }
  }

  /// Everything the options say, checked before anything is sent (a file that cannot be read is exit 2).
  static func configuration(
    _ parsed: ParsedArguments, baseURL: URL, environment: [String: String]
  ) throws(UsageError) -> LiveTransportConfiguration {
    var c = LiveTransportConfiguration(baseURL: baseURL)
    c.caFile = try readableFile(parsed, "--cacert")
    c.insecure = parsed.flag("--insecure") || parsed.flag("-k")
    c.clientCertificate = try readableFile(parsed, "--cert")
    c.clientKey = try readableFile(parsed, "--key")
    if c.clientKey != nil && c.clientCertificate == nil {
      throw UsageError("--key names the client certificate's key; give the certificate with --cert FILE too")
    }
    switch ProxySetting.resolve(
      option: parsed.value("--proxy"), noProxy: parsed.value("--noproxy"), environment: environment,
      target: baseURL)
    {
    case .success(let proxy): c.proxy = proxy
    case .failure(let error): throw UsageError(error.message)
    }
    if parsed.value("--connect-timeout-ms") != nil {
      c.connectTimeoutMs = try parsed.integer("--connect-timeout-ms", default: 0, range: 1...600_000)
    }
    switch (parsed.flag("--http1.1"), parsed.flag("--http2")) {
    case (true, true): throw UsageError("give --http1.1 or --http2, not both")
    case (true, false): c.httpVersion = .http1_1
    case (false, true): c.httpVersion = .http2
    case (false, false): c.httpVersion = .automatic
    }
    for raw in parsed.all("--rewrite-path") {
      switch PathRewrite.parse(raw) {
      case .success(let rule): c.rewrites.append(rule)
      case .failure(let error): throw UsageError(error.message)
      }
    }
    c.maxBodyBytes = try parsed.integer("--max-body-mb", default: 64, range: 1...65_536) << 20
    return c
  }

  /// What report.json's `target` records about the connection.
  static func info(_ c: LiveTransportConfiguration) -> ConnectionInfo {
    ConnectionInfo(
      proxy: c.proxy?.display, insecure: c.insecure,
      rewrites: c.rewrites.map { .init(from: $0.from, to: $0.to) })
  }

  static func readableFile(_ parsed: ParsedArguments, _ option: String) throws(UsageError) -> String? {
    guard let path = parsed.value(option) else { return nil }
    var isDirectory: ObjCBool = false
    guard !path.isEmpty, FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw UsageError("\(option) '\(path)': no such file")
    }
    guard !isDirectory.boolValue, FileManager.default.isReadableFile(atPath: path) else {
      throw UsageError("\(option) '\(path)' is not a readable file (a PEM file is expected)")
    }
    return path
  }
}
