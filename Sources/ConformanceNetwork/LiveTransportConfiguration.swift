import Foundation

/// How the live transport reaches a gateway: trust, client certificate, proxy, time and size limits, HTTP
/// version and path rewrites (`run`, `record` and `diagnose` take the same options).
public struct LiveTransportConfiguration: Sendable, Equatable {
  public enum HTTPVersion: String, Sendable, Equatable {
    /// HTTP/2 where TLS negotiates it (ALPN), else HTTP/1.1.
    case automatic
    case http11 = "1.1"
    /// HTTP/2: negotiated over TLS, spoken directly (prior knowledge, h2c) over plain http://.
    case http2 = "2"
  }

  public var baseURL: URL
  /// A PEM bundle of CA certificates to trust instead of the system's (`--cacert`).
  public var caFile: String?
  /// No certificate or host name verification (`-k/--insecure`).
  public var insecure = false
  /// A PEM client certificate and its key (`--cert`, `--key`).
  public var clientCertificate: String?
  public var clientKey: String?
  public var proxy: ProxySetting?
  /// The limit on connecting (and TLS), separate from the request's (`--connect-timeout-ms`).
  public var connectTimeoutMs: Int?
  public var httpVersion: HTTPVersion = .automatic
  public var rewrites: [PathRewrite] = []
  /// Reading stops here: the answer is then errored as too large (`--max-body-mb`, default 64 MiB). The cap
  /// counts decoded bytes when the scenario asked for a compressed answer.
  public var maxBodyBytes: Int = 64 << 20

  public init(baseURL: URL) {
    self.baseURL = baseURL
  }

  /// The base URL without a trailing slash: request targets (which start with `/`) are appended to it.
  var base: String {
    var b = baseURL.absoluteString
    while b.hasSuffix("/") { b.removeLast() }
    return b
  }

  /// `host:port` for messages.
  var hostPort: String {
    let host = baseURL.host ?? "the gateway"
    let shown = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
    return baseURL.port.map { "\(shown):\($0)" } ?? shown
  }
}
