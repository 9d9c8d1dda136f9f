import Foundation

/// The proxy a live target is reached through: from `--proxy URL`, else the environment (`HTTPS_PROXY` for an
/// https:// target, `HTTP_PROXY` for http://, either case), unless `--noproxy` / `NO_PROXY` exempts the host.
///
/// The harness decides this itself and hands libcurl the result (or "no proxy"), so what the report says is
/// exactly what was used. Proxy credentials (`http://user:password@proxy:3128`) reach libcurl only: `display`,
/// which reports and messages use, never holds them.
public struct ProxySetting: Sendable, Equatable {
  /// The URL handed to libcurl, credentials included.
  let url: String
  /// `scheme://host:port`, without credentials: what reports and messages show.
  public let display: String
  /// Where the setting came from: `--proxy` or the variable's name.
  public let source: String
  /// The user name and password in the URL, scrubbed from any message that could echo them.
  let secrets: [String]

  static let schemes = ["http", "https", "socks4", "socks4a", "socks5", "socks5h"]

  /// The proxy for `target`, or nil when none applies. An unusable setting is an error naming its source.
  public static func resolve(
    option: String?, noProxy: String?, environment: [String: String], target: URL
  ) -> Result<ProxySetting?, ProxyError> {
    let scheme = target.scheme?.lowercased() == "https" ? "https" : "http"
    let raw: String
    let source: String
    if let option {
      (raw, source) = (option, "--proxy")
    } else if let (name, value) = variable(
      ["\(scheme)_proxy", "\(scheme.uppercased())_PROXY"], environment)
    {
      (raw, source) = (value, name)
    } else {
      return .success(nil)
    }
    let trimmed = raw.trimmingCharacters(in: .whitespaces)
    if trimmed.isEmpty { return .success(nil) }  // an empty setting turns proxying off
    let exemptions = noProxy ?? variable(["no_proxy", "NO_PROXY"], environment)?.1 ?? ""
    if let host = target.host, exempts(exemptions, host: host) { return .success(nil) }
    return parse(trimmed, source: source).map { Optional($0) }
  }

  static func variable(_ names: [String], _ environment: [String: String]) -> (String, String)? {
    for name in names {
      if let value = environment[name] { return (name, value) }
    }
    return nil
  }

  static func parse(_ raw: String, source: String) -> Result<ProxySetting, ProxyError> {
    let withScheme = raw.contains("://") ? raw : "http://" + raw
    guard let url = URLComponents(string: withScheme), let scheme = url.scheme?.lowercased(),
      let host = url.host, !host.isEmpty
    else {
      return .failure(
        ProxyError(
          "the proxy from \(source) is not a URL with a host (e.g. http://proxy.example:3128)"))
    }
    guard schemes.contains(scheme) else {
      return .failure(
        ProxyError(
          "the proxy from \(source) has the scheme '\(scheme)'; use one of \(schemes.joined(separator: ", "))"
        ))
    }
    if url.path.count > 1 || url.query != nil {
      return .failure(
        ProxyError("the proxy from \(source) must be scheme://host:port, without a path or query"))
    }
    if raw.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F }) {
      return .failure(
        ProxyError("the proxy from \(source) holds spaces or control characters"))
    }
    let shownHost = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
    let display = "\(scheme)://\(shownHost)" + (url.port.map { ":\($0)" } ?? "")
    let secrets = [url.user, url.password, url.percentEncodedUser, url.percentEncodedPassword]
      .compactMap { $0 }.filter { $0.count >= 2 }
    return .success(
      ProxySetting(url: withScheme, display: display, source: source, secrets: secrets))
  }

  /// Whether a no-proxy list exempts a host, as libcurl reads one: `*` exempts every host; each comma-separated
  /// entry matches the host itself or any subdomain (a leading dot is optional); an IPv4 entry may be a CIDR
  /// range (`10.0.0.0/8`).
  public static func exempts(_ list: String, host rawHost: String) -> Bool {
    let host = rawHost.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
    for entry in list.split(separator: ",") {
      var e = entry.trimmingCharacters(in: .whitespaces).lowercased()
      if e == "*" { return true }
      while e.hasPrefix(".") { e.removeFirst() }
      e = e.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
      if e.isEmpty { continue }
      if let slash = e.firstIndex(of: "/") {
        if let (net, bits) = cidr(String(e[..<slash]), String(e[e.index(after: slash)...])),
          let ip = ipv4(host), bits >= 0, bits <= 32
        {
          let mask: UInt32 = bits == 0 ? 0 : ~UInt32(0) << (32 - UInt32(bits))
          if ip & mask == net & mask { return true }
        }
        continue
      }
      if host == e || host.hasSuffix("." + e) { return true }
    }
    return false
  }

  static func cidr(_ address: String, _ bits: String) -> (UInt32, Int)? {
    guard let net = ipv4(address), let n = Int(bits) else { return nil }
    return (net, n)
  }

  static func ipv4(_ text: String) -> UInt32? {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 4 else { return nil }
    var value: UInt32 = 0
    for p in parts {
      guard let octet = UInt8(p) else { return nil }
      value = value << 8 | UInt32(octet)
    }
    return value
  }

  /// A message with the proxy's credentials replaced, in case libcurl's text echoed them.
  func scrub(_ message: String) -> String {
    var out = message
    for s in secrets { out = out.replacingOccurrences(of: s, with: "<redacted>") }
    return out
  }
}

/// A proxy setting that cannot be used; the message names where it came from.
public struct ProxyError: Error, Sendable {
  public var message: String
  init(_ message: String) { self.message = message }
}
