/// Where an invocation's secrets come from, read before any option is parsed so that even an error about the
/// command line is redacted:
/// - the key: the value of `ANYINT_API_KEY` and of the variable `--key-env` names;
/// - the values of the variables `--secret-env NAME` names;
/// - `-H` / `--header` values (except a few protocol headers whose values are public, such as
///   `anthropic-version` and `content-type`), with `$KEY` standing for the key;
/// - in a base URL (`--base-url`, `ANYINT_BASE_URL`) or proxy URL (`--proxy`, the proxy variables): the password
///   (and a user name of 8 or more characters, or one given alone, which is then a token), the query and every
///   query value, the fragment, and path segments that look like key material (16 or more characters mixing
///   letters and digits, or any segment after one named like `key`, `token` or `secret`).
public enum SecretSources {
  /// Options whose value names an environment variable holding a secret.
  public static let secretEnvironmentOptions = ["--secret-env", "--key-env"]
  public static let headerOptions = ["-H", "--header"]
  public static let urlOptions = ["--base-url", "--proxy"]
  public static let proxyVariables = [
    "HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy",
  ]
  /// Request headers whose values are protocol constants, not credentials.
  public static let publicHeaders: Set<String> = [
    "anthropic-version", "anthropic-beta", "openai-beta", "content-type", "accept",
    "accept-encoding",
    "user-agent", "connection", "content-length", "host", "expect",
  ]

  /// Every secret the raw arguments and the environment name.
  public static func collect(
    arguments: [String], environment: [String: String], keyVariable: String = Defaults.keyVariable
  ) -> [Secret] {
    var out: [Secret] = []
    // A key shorter than `Secret.minimumLength` is a secret only where a command sends or serves it (it would
    // otherwise blank ordinary words of a fixture run that never uses it).
    var keyValue = environment[keyVariable]
    if let v = keyValue, !Secret(v, origin: "").isShort {
      out.append(Secret(v, origin: "the key in \(keyVariable)"))
    }
    var urls: [(String, String)] = []
    if let base = environment[Defaults.baseURLVariable] {
      urls.append((base, Defaults.baseURLVariable))
    }
    for name in proxyVariables {
      if let v = environment[name] { urls.append((v, name)) }
    }
    var headers: [String] = []
    var i = 0
    while i < arguments.count {
      let arg = arguments[i]
      i += 1
      if arg == "--" { break }
      var word = arg
      var value: String?
      // As the parser reads them: `--name=value`, and `-Hvalue` / `-H=value` too.
      if !arg.hasPrefix("--"), arg.count > 2, headerOptions.contains(String(arg.prefix(2))) {
        word = String(arg.prefix(2))
        let rest = arg.dropFirst(2)
        value = String(rest.hasPrefix("=") ? rest.dropFirst() : rest)
      } else if arg.hasPrefix("-"), let eq = arg.firstIndex(of: "=") {
        word = String(arg[..<eq])
        value = String(arg[arg.index(after: eq)...])
      }
      let takesValue =
        secretEnvironmentOptions.contains(word) || headerOptions.contains(word)
        || urlOptions.contains(word)
      guard takesValue else { continue }
      if value == nil, i < arguments.count {
        value = arguments[i]
        i += 1
      }
      guard let value else { continue }
      if secretEnvironmentOptions.contains(word) {
        if let v = environment[value], !v.isEmpty {
          if word == "--key-env" {
            keyValue = v
            if !Secret(v, origin: "").isShort {
              out.append(Secret(v, origin: "the key in \(value)"))
            }
          } else {
            out.append(Secret(v, origin: "--secret-env \(value)"))
          }
        }
      } else if headerOptions.contains(word) {
        headers.append(value)
      } else {
        urls.append((value, word))
      }
    }
    for h in headers { out += header(h, key: keyValue) }
    for (u, origin) in urls { out += url(u, origin: origin) }
    return out
  }

  /// The secret in a `Name: value` header line, if its value can be one.
  public static func header(_ line: String, key: String?) -> [Secret] {
    guard let colon = line.firstIndex(of: ":") else { return [] }
    let name = line[..<colon].trimmingSpaces.lowercased()
    guard !publicHeaders.contains(name) else { return [] }
    var value = String(line[line.index(after: colon)...]).trimmingSpaces
    if let key, value.contains("$KEY") { value = value.replacingAll("$KEY", with: key) }
    guard !value.isEmpty, value != "$INVALID_KEY" else { return [] }
    return [Secret(value, origin: "the value of the \(name) header")]
  }

  /// The credentials and key material in a URL (see the type's description).
  public static func url(_ raw: String, origin: String) -> [Secret] {
    var out: [Secret] = []
    var rest = Substring(raw.trimmingSpaces)
    if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
    if let hash = rest.firstIndex(of: "#") {
      let fragment = rest[rest.index(after: hash)...]
      if !fragment.isEmpty {
        out.append(Secret(String(fragment), origin: "the fragment of \(origin)"))
      }
      rest = rest[..<hash]
    }
    var query: Substring = ""
    if let q = rest.firstIndex(of: "?") {
      query = rest[rest.index(after: q)...]
      rest = rest[..<q]
    }
    let slash = rest.firstIndex(of: "/") ?? rest.endIndex
    let authority = rest[..<slash]
    let path = rest[slash...]
    if let at = authority.lastIndex(of: "@") {
      let info = authority[..<at]
      // The password always; the user name only when long enough to be a token rather than a name.
      let parts = info.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
      for (i, part) in parts.enumerated() where !part.isEmpty {
        guard i == 1 || parts.count == 1 || part.count >= Secret.minimumLength else { continue }
        out += decodedForms(String(part), origin: "the credentials in \(origin)")
      }
    }
    if !query.isEmpty {
      out += decodedForms(String(query), origin: "the query of \(origin)")
      for pair in query.split(separator: "&") {
        let value =
          pair.split(separator: "=", maxSplits: 1).dropFirst().first.map(String.init) ?? ""
        if !value.isEmpty { out += decodedForms(value, origin: "the query of \(origin)") }
      }
    }
    var afterKeyName = false
    for segment in path.split(separator: "/") {
      let s = String(segment)
      if afterKeyName || looksLikeKeyMaterial(s) {
        out += decodedForms(s, origin: "the path of \(origin)")
      }
      let lower = s.lowercased()
      afterKeyName = ["key", "token", "secret", "apikey", "api-key", "api_key", "keys", "tokens"]
        .contains(lower)
    }
    return out
  }

  /// Sixteen or more characters mixing letters and digits, as keys and tokens are.
  public static func looksLikeKeyMaterial(_ s: String) -> Bool {
    s.count >= 16 && s.contains(where: \.isLetter) && s.contains(where: \.isNumber)
  }

  /// A URL part as written and percent-decoded.
  static func decodedForms(_ s: String, origin: String) -> [Secret] {
    var out = [Secret(s, origin: origin)]
    if s.contains("%"), let decoded = percentDecoded(s), decoded != s {
      out.append(Secret(decoded, origin: origin))
    }
    return out
  }
}

extension SecretSources {
  /// The string with `%XX` escapes decoded, or nil when that is not valid UTF-8.
  static func percentDecoded(_ s: String) -> String? {
    var bytes: [UInt8] = []
    let u = Array(s.utf8)
    var i = 0
    while i < u.count {
      if u[i] == UInt8(ascii: "%"), i + 2 < u.count, let h = EscapeReader.hex(u[i + 1]),
        let l = EscapeReader.hex(u[i + 2])
      {
        bytes.append(h << 4 | l)
        i += 3
      } else {
        bytes.append(u[i])
        i += 1
      }
    }
    return String(validating: bytes, as: UTF8.self)
  }
}

extension StringProtocol {
  var trimmingSpaces: String { Secret(String(self), origin: "").trimmed }
}
