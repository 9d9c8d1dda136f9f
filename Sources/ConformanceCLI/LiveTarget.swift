import ConformanceCore
import ConformanceNetwork
import Foundation

/// The live target's settings: base URL, key and connection, all checked before anything is sent.
struct LiveTarget {
  var baseURL: String
  var credentials: Credentials
  var transport: any Transport
  /// How the target is reached, as report.json's `target` records it.
  var connection: ConnectionInfo
  /// Said on stderr before anything is sent: a plain-HTTP URL to a host that is not this machine, or
  /// certificates left unverified.
  var warning: String?

  /// Reads `--base-url` (or `ANYINT_BASE_URL`) and the key from `ANYINT_API_KEY` (or `--key-env NAME`).
  /// The key is never accepted on the command line, where it would land in shell history and process lists.
  /// Errors name what needs the gateway in the command's own words (`--target live` for run, `record`,
  /// `diagnose`), and `otherwise` says how to do without one.
  static func resolve(
    _ options: LiveOptions, environment: [String: String], concurrency: Int,
    secrets: SecretRegistry,
    needs: String = "--target live", otherwise: String = ""
  ) throws(UsageError) -> LiveTarget {
    let base = try baseURL(
      options.baseURL, environment: environment, needs: needs, otherwise: otherwise)
    let credentials = try key(
      options.keyVariable, environment: environment, needs: needs, otherwise: otherwise)
    // The key is a secret whatever its length once it is sent (before, only keys of 8 or more characters are:
    // a short value left in the environment would blank ordinary words in a fixture run).
    let secret = Secret(credentials.validKey, origin: "the key in \(options.keyVariable)")
    secrets.add([secret])
    let configuration = try ConnectionOptions.configuration(
      options, baseURL: base, environment: environment)
    let transport: LiveTransport
    do {
      transport = try LiveTransport(configuration)
    } catch {
      throw UsageError(.unusableFile, "live targets need libcurl: \(error.message)")
    }
    var warnings = [insecureWarning(base), SecretOptions.shortWarning(secret)].compactMap { $0 }
    if configuration.insecure {
      warnings.append(
        "warning: -k/--insecure: the gateway's certificate is not verified; anyone in the path can pose as it and read the key\n"
      )
    }
    return LiveTarget(
      baseURL: base.absoluteString, credentials: credentials, transport: transport,
      connection: ConnectionOptions.info(configuration),
      warning: warnings.isEmpty ? nil : warnings.joined())
  }

  /// The key would cross the network in clear text: http:// to anything but a loopback address.
  static func insecureWarning(_ url: URL) -> String? {
    guard url.scheme?.lowercased() == "http", let host = url.host?.lowercased() else { return nil }
    let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
    if bare == "localhost" || bare.hasSuffix(".localhost") || bare == "::1"
      || bare.hasPrefix("127.")
    {
      return nil
    }
    return
      "warning: \(url.scheme ?? "http")://\(host.escapingControlCharacters) is not encrypted: the key in the request headers can be read on the way; use https:// for anything but a gateway on this machine\n"
  }

  static func baseURL(
    _ given: String?, environment: [String: String], needs: String = "--target live",
    otherwise: String = ""
  ) throws(UsageError) -> URL {
    guard let raw = given ?? environment[Defaults.baseURLVariable], !raw.isEmpty else {
      throw UsageError(
        .missingArgument, option: "--base-url",
        "\(needs) needs a gateway URL: pass --base-url URL or set \(Defaults.baseURLVariable) (e.g. https://api.anyint.ai)\(otherwise)"
      )
    }
    guard let url = URL(string: raw), let scheme = url.scheme?.lowercased(),
      scheme == "http" || scheme == "https", url.host?.isEmpty == false
    else {
      throw UsageError(
        .invalidValue, option: "--base-url",
        "--base-url '\(raw)' is not an http(s) URL with a host (e.g. https://api.anyint.ai)")
    }
    if url.user != nil || url.password != nil {
      throw UsageError(
        .invalidValue, option: "--base-url",
        "--base-url must not carry credentials (user:password@host): they would be written into reports; put the key in \(Defaults.keyVariable) or the variable named by --key-env"
      )
    }
    if url.query != nil || url.fragment != nil {
      // Not echoed: a query is where keys are put (?key=...).
      throw UsageError(
        .invalidValue, option: "--base-url",
        "--base-url must not carry a query (?...) or fragment (#...); scenario paths are appended to it, and a key belongs in \(Defaults.keyVariable) or the variable named by --key-env"
      )
    }
    return url
  }

  static func key(
    _ name: String, environment: [String: String], needs: String = "--target live",
    otherwise: String = ""
  ) throws(UsageError) -> Credentials {
    guard let key = environment[name], !key.isEmpty else {
      throw UsageError(
        .missingArgument, option: "--key-env",
        "\(needs) needs a key in the environment variable \(name) (keys are never taken from the command line; --key-env NAME reads another variable)\(otherwise)"
      )
    }
    if key.contains(where: { $0 == "\n" || $0 == "\r" }) {
      throw UsageError(
        .invalidValue, option: "--key-env",
        "the key in \(name) holds a line break; it cannot be sent in a header")
    }
    return Credentials(validKey: key)
  }
}
