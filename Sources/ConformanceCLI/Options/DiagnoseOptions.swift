import ConformanceCore

/// Everything `diagnose` is told: the route and how to probe it, the caller's own headers, the target.
struct DiagnoseOptions {
  static let route: Option<String?> = .value(
    "--route", "PATH", "the route to probe, e.g. /anthropic/v1/messages (required)")
  static let method: Option<String?> = .custom(
    "--method", "M", "the method (default: GET for models and query routes, else POST)"
  ) { raw throws(UsageError) in
    guard let raw else { return nil }
    guard ["GET", "POST", "PUT", "PATCH", "DELETE"].contains(raw.uppercased()) else {
      throw UsageError(
        .invalidValue, option: "--method",
        "--method takes GET, POST, PUT, PATCH or DELETE, not '\(raw)'")
    }
    return raw.uppercased()
  }
  static let family: Option<String?> = .value(
    "--family", "F", "openai, anthropic, gemini, media or music, when the path does not show it")
  static let json: Option<String?> = .value(
    "--json", "BODY", "the request body to probe with (default: a harmless one for the route)")
  static let model: Option<String?> = .value(
    "--model", "ID",
    "the model to probe with (set in the default or --json body); a refused model is looked up in the Models API"
  )
  static let headers: Option<[String]> = .repeated(
    "--header", "'Name: value'",
    "your own failing request's headers, as curl -H (use $KEY for the key)")
  static let preset: Option<ProbeKind?> = .custom(
    "--as", "SDK", "also probe as openai-python or anthropic-python sends by default"
  ) { raw throws(UsageError) in
    guard let raw else { return nil }
    guard let p = ProbeKind.preset(named: raw) else {
      throw UsageError(
        .invalidValue, option: "--as",
        "--as takes openai-python or anthropic-python, not '\(raw)'")
    }
    return p
  }
  static let fixtures: Option<String?> = .value(
    "--fixtures", "DIR", "probe a fixture set offline instead of a gateway")
  static let format = TextFormat.option(for: "diagnose")
  static let timeout: Option<Int> = .integer(
    "--timeout-ms", default: Defaults.requestTimeoutMs, range: 1...600_000,
    "per-probe limit (default \(Defaults.requestTimeoutMs))")
  static let variables = SuiteOptions.variables.withHelp(
    "model ids for the default bodies: gpt_model, claude_model, gemini_model")

  static let options =
    [route.spec, method.spec, family.spec, json.spec, model.spec, headers.spec, preset.spec]
    + LiveOptions.targetOptions.overriding(
      LiveOptions.baseURL.name, help: "gateway URL (default env \(Defaults.baseURLVariable))")
    + SecretOptions.options + [fixtures.spec, format.spec, timeout.spec, variables.spec]
    + LiveOptions.connectionOptions

  var probe: RouteProbe
  var preset: ProbeKind?
  var own: [(name: String, value: RouteProbe.ProbeValue)]
  var modelNamed: Bool
  var timeoutMs: Int
  var format: TextFormat
  /// `--fixtures`: probe a fixture set offline; nil probes the live gateway.
  var fixtures: String?
  var live: LiveOptions

  /// Reads and checks every option, in the order their errors are reported.
  init(_ parsed: ParsedArguments, catalog: RouteCatalog) throws(UsageError) {
    guard let path = try parsed.get(Self.route), path.hasPrefix("/") else {
      throw UsageError(
        .missingArgument, option: Self.route.name,
        "diagnose needs --route PATH starting with '/', e.g. --route /anthropic/v1/messages")
    }
    format = try parsed.get(Self.format)
    let families = catalog.families.map(\.family.rawValue)
    let family: Family
    if let raw = try parsed.get(Self.family) {
      guard families.contains(raw) else {
        throw UsageError(
          .invalidValue, option: Self.family.name,
          "--family takes \(families.joined(separator: ", ")), not '\(raw)'")
      }
      family = Family(raw)
    } else if let f = catalog.family(forPath: path) {
      family = f
    } else {
      throw UsageError(
        .missingArgument, option: Self.family.name,
        "cannot tell the family of \(path) from its prefix; pass --family \(families.joined(separator: "|"))"
      )
    }
    let profile =
      catalog.profile(family)
      ?? FamilyProfile(family, displayName: family.rawValue, prefixes: [], auth: .bearer)
    let method = try parsed.get(Self.method) ?? Self.defaultMethod(path: path)
    let variables = try SuiteOptions.commandLineVariables(parsed)
    var body: JSONValue?
    if let raw = try parsed.get(Self.json) {
      do {
        body = try JSONParser.parse(raw)
      } catch {
        throw UsageError(
          .invalidValue, option: Self.json.name,
          "--json is not valid JSON: \(error.message) at byte \(error.offset)")
      }
    } else if method != "GET" {
      body = catalog.probeBody(path: path, variables: variables)
    }
    let model = try parsed.get(Self.model)
    if let model {
      body = try Self.setting(model: model, in: body, method: method, profile: profile)
    }
    modelNamed = model != nil
    timeoutMs = try parsed.get(Self.timeout)
    preset = try parsed.get(Self.preset)
    fixtures = try parsed.get(Self.fixtures)
    live = try LiveOptions(parsed)
    if fixtures != nil, live.baseURL != nil {
      throw UsageError(
        .conflictingOptions, option: Self.fixtures.name, "give --fixtures or --base-url, not both")
    }
    if fixtures != nil, let name = parsed.firstGiven(LiveOptions.connectionOptions) {
      throw UsageError(
        .conflictingOptions, option: name, "\(name) only applies to a live gateway, not --fixtures")
    }
    own = try parsed.get(Self.headers).map {
      raw throws(UsageError) -> (name: String, value: RouteProbe.ProbeValue) in
      try Self.header(raw, keyHeaders: catalog.schemes)
    }
    probe = RouteProbe(method: method, path: path, profile: profile, body: body)
  }

  var plan: RouteDiagnosis.Plan {
    RouteDiagnosis.Plan(
      route: probe, preset: preset, own: own, modelNamed: modelNamed, timeoutMs: timeoutMs)
  }

  /// Puts `--model` into the probe body; routes whose model is in the path, or that take no body, refuse it.
  static func setting(model: String, in body: JSONValue?, method: String, profile: FamilyProfile)
    throws(UsageError) -> JSONValue
  {
    if profile.modelInPath {
      throw UsageError(
        .invalidValue, option: "--model",
        "--model: a Gemini-compatible route names its model in the path; pass --route /gemini/v1beta/models/\(model):generateContent"
      )
    }
    guard method != "GET" else {
      throw UsageError(
        .invalidValue, option: "--model",
        "--model needs a route that takes a JSON body (e.g. --route /openai/v1/chat/completions), not a \(method) route"
      )
    }
    guard case .object(var object) = body ?? .object(JSONObject()) else {
      throw UsageError(
        .invalidValue, option: "--model",
        "--model: the --json body must be a JSON object to carry a model")
    }
    object["model"] = .string(model)
    return .object(object)
  }

  static func defaultMethod(path: String) -> String {
    path.hasSuffix("/models") || path.contains("/query/") || path.contains("/tasks/")
      ? "GET" : "POST"
  }

  /// Parses `Name: value`; `$KEY` in the value stands for the configured key (so the key never appears in
  /// shell history), `$INVALID_KEY` for a wrong one.
  static func header(_ raw: String, keyHeaders: [AuthScheme]) throws(UsageError) -> (
    String, RouteProbe.ProbeValue
  ) {
    guard let colon = raw.firstIndex(of: ":") else {
      throw UsageError(
        .invalidValue, option: "--header", "--header takes 'Name: value', not '\(raw)'")
    }
    let name = String(raw[..<colon]).trimmingCharacters(in: .whitespaces).lowercased()
    // Like an HTTP header line: one optional space after the colon; any other whitespace is part of the value
    // (so a key with a stray space can be reproduced and diagnosed).
    var value = String(raw[raw.index(after: colon)...])
    if value.hasPrefix(" ") { value.removeFirst() }
    guard !name.isEmpty else {
      throw UsageError(.invalidValue, option: "--header", "--header '\(raw)' has no header name")
    }
    if value.hasSuffix("$KEY") && !value.hasSuffix("$INVALID_KEY") {
      return (name, .validKey(prefix: String(value.dropLast(4))))
    }
    if value.hasSuffix("$INVALID_KEY") {
      return (name, .invalidKey(prefix: String(value.dropLast(12))))
    }
    if AuthScheme.isKeyHeader(name, among: keyHeaders) {
      throw UsageError(
        .invalidValue, option: "--header",
        "--header \(name): write the key as $KEY (it is read from the environment), never on the command line"
      )
    }
    return (name, .literal(value))
  }
}
