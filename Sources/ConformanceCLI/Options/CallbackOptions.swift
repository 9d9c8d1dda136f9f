import ConformanceCore

/// The webhook listener of live runs (`run`, `record`): where it binds and the public URL that reaches it.
struct CallbackOptions {
  static let host: Option<String> = .value(
    "--callback-host", "H", default: Defaults.loopbackHost,
    "address the webhook listener binds (default \(Defaults.loopbackHost))")
  static let port: Option<Int> = .integer(
    "--callback-port", default: 0, range: 0...65_535,
    "port of the webhook listener (default 0: a free one)")
  static let url: Option<String?> = .value(
    "--callback-url", "URL",
    "public base URL that reaches the listener, for live gateways (default http://HOST:PORT)")

  static let options = [host.spec, port.spec, url.spec]

  var host: String
  var port: Int
  var url: String?

  init(_ parsed: ParsedArguments) throws(UsageError) {
    host = try parsed.get(Self.host)
    port = try parsed.get(Self.port)
    url = try parsed.get(Self.url)
  }
}
