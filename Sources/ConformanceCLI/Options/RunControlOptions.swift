import ConformanceCore

/// How politely and how far a run goes (`run`, `record`): stop at the first failure, a request-rate cap, and
/// headers added to every request.
struct RunControlOptions {
  static let failFast: Option<Bool> = .flag(
    "--fail-fast", "stop starting scenarios after the first failure or error (the rest: skipped)")
  static let rate: Option<Double?> = .custom(
    "--rate", "N",
    "send at most N requests a second over the whole run, polls and retries included"
  ) { raw throws(UsageError) in
    guard let raw else { return nil }
    guard let v = Double(raw), v.isFinite, v >= 0.01, v <= 100_000 else {
      throw UsageError(
        .invalidValue, option: "--rate",
        "--rate takes a number of requests a second from 0.01 to 100000, not '\(raw)'")
    }
    return v
  }
  static let headers: Option<[String]> = .repeated(
    "--header", "'Name: value'",
    "add this header to every request; its value is a secret, redacted everywhere"
  ).withAliases(["-H"])

  static let options = [failFast.spec, rate.spec, headers.spec]

  var failFast: Bool
  var rate: Double?
  var headers: [HTTPHeaders.Field]

  init(_ parsed: ParsedArguments, catalog: RouteCatalog) throws(UsageError) {
    failFast = try parsed.get(Self.failFast)
    rate = try parsed.get(Self.rate)
    headers = []
    for raw in try parsed.get(Self.headers) {
      headers.append(try Self.header(raw, keyHeaders: catalog.schemes))
    }
  }

  /// Parses `Name: value` (one optional space after the colon, as in an HTTP header line).
  static func header(_ raw: String, keyHeaders: [AuthScheme]) throws(UsageError)
    -> HTTPHeaders.Field
  {
    guard let colon = raw.firstIndex(of: ":") else {
      // Not echoed: what was given may be a token typed without its header name.
      throw UsageError(
        .invalidValue, option: "--header",
        "--header takes 'Name: value' (what was given has no colon)")
    }
    let name = String(raw[..<colon]).trimmingCharacters(in: .whitespaces)
    var value = String(raw[raw.index(after: colon)...])
    if value.hasPrefix(" ") { value.removeFirst() }
    let token = name.unicodeScalars.allSatisfy { s in
      s.value > 32 && s.value < 127 && !"()<>@,;:\\\"/[]?={}".unicodeScalars.contains(s)
    }
    guard !name.isEmpty, token else {
      throw UsageError(
        .invalidValue, option: "--header",
        "--header needs a header name of letters, digits and '-' before the colon, as in 'X-Team: qa'"
      )
    }
    if value.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\0" }) {
      throw UsageError(
        .invalidValue, option: "--header",
        "--header \(name): the value holds a line break or NUL; it cannot be sent in a header")
    }
    if AuthScheme.isKeyHeader(name.lowercased(), among: keyHeaders) {
      throw UsageError(
        .invalidValue, option: "--header",
        "--header \(name.lowercased()): the key headers are what the scenarios set and check; put the key in \(Defaults.keyVariable) (or the variable named by --key-env)"
      )
    }
    return HTTPHeaders.Field(name: name, value: value)
  }
}
