import ConformanceCore
import ConformanceNetwork
import Foundation

/// `diagnose --route PATH`: probe one route with each header family and say which one it accepts, whether it
/// wrongly accepts another, and what a failing request of the caller's should change.
struct DiagnoseCommand: Command {
  let cli: CLI

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

  static let spec = CommandSpec(
    name: "diagnose", summary: "probe a route with each header family and say which one it accepts",
    abstract: "Probe a route with each header family and say which one it accepts.",
    options: [
      route.spec, method.spec, family.spec, json.spec, model.spec, headers.spec, preset.spec,
    ]
      + LiveOptions.targetOptions.overriding(
        LiveOptions.baseURL.name, help: "gateway URL (default env \(Defaults.baseURLVariable))")
      + [fixtures.spec, format.spec, timeout.spec, variables.spec] + LiveOptions.connectionOptions,
    discussion: """
      Exit codes: 0 the route behaves as documented; 1 it does not (rejects its documented headers, accepts another family,
      accepts no key, or answers a bad key with something other than 401); 2 invalid input.
      """)

  func execute(_ parsed: ParsedArguments) async throws(UsageError) -> ExitCode {
    guard let path = try parsed.get(Self.route), path.hasPrefix("/") else {
      throw UsageError(
        .missingArgument, option: Self.route.name,
        "diagnose needs --route PATH starting with '/', e.g. --route /anthropic/v1/messages")
    }
    let format = try parsed.get(Self.format)
    let families = cli.catalog.families.map(\.family.rawValue)
    let family: Family
    if let raw = try parsed.get(Self.family) {
      guard families.contains(raw) else {
        throw UsageError(
          .invalidValue, option: Self.family.name,
          "--family takes \(families.joined(separator: ", ")), not '\(raw)'")
      }
      family = Family(raw)
    } else if let f = cli.catalog.family(forPath: path) {
      family = f
    } else {
      throw UsageError(
        .missingArgument, option: Self.family.name,
        "cannot tell the family of \(path) from its prefix; pass --family \(families.joined(separator: "|"))"
      )
    }
    guard let profile = cli.catalog.profile(family) else { return .invalidInput }
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
      body = cli.catalog.probeBody(path: path, variables: variables)
    }
    let modelOption = try parsed.get(Self.model)
    if let model = modelOption {
      body = try Self.setting(model: model, in: body, method: method, profile: profile)
    }
    let timeout = try parsed.get(Self.timeout)
    let preset = try parsed.get(Self.preset)

    let transport: any Transport
    let credentials: Credentials
    let targetName: String
    let live = try LiveOptions(parsed)
    if let dir = try parsed.get(Self.fixtures) {
      if live.baseURL != nil {
        throw UsageError(
          .conflictingOptions, option: Self.fixtures.name, "give --fixtures or --base-url, not both"
        )
      }
      if let name = parsed.firstGiven(LiveOptions.connectionOptions) {
        throw UsageError(
          .conflictingOptions, option: name,
          "\(name) only applies to a live gateway, not --fixtures")
      }
      guard let store = cli.loadFixtures(dir) else { return .invalidInput }
      credentials = Credentials(validKey: Credentials.fixtureKey)
      transport = ReplayTransport(
        store: store, keys: credentials.keyClassifier, honourDelays: false)
      targetName = "fixtures \(dir)"
    } else {
      let live = try LiveTarget.resolve(live, environment: cli.environment, concurrency: 4)
      if let warning = live.warning { cli.terminal.err(warning) }
      credentials = live.credentials
      transport = live.transport
      targetName = live.baseURL
    }
    let own = try parsed.get(Self.headers).map {
      raw throws(UsageError) -> (String, RouteProbe.ProbeValue) in
      try Self.header(raw, keyHeaders: cli.catalog.schemes)
    }

    let route = RouteProbe(method: method, path: path, profile: profile, body: body)
    var probes = route.probes
    if let preset, let p = RouteProbe.sdkProbe(preset) { probes.append(p) }
    if !own.isEmpty {
      probes.append(RouteProbe.Probe(.yourRequest, headers: own))
    }
    var outcomes: [RouteProbe.Outcome] = []
    var documented: (request: HTTPRequest, outcome: RouteProbe.Outcome)?
    for probe in probes {
      let request = route.request(for: probe, credentials: credentials)
      let result = await transport.send(request, timeout: .milliseconds(timeout))
      let outcome = RouteProbe.judge(
        probe, request: request, result: result, profile: profile,
        keys: KeyClassifier(validKey: credentials.validKey, schemes: cli.catalog.schemes),
        catalog: cli.catalog)
      outcomes.append(outcome)
      if probe.isDocumented { documented = (request, outcome) }
    }
    // The documented headers got in but the model was refused: ask the Models API whether the key can see it.
    var model: ModelCheck?
    if let (request, outcome) = documented, let id = ModelCatalog.modelID(in: request) {
      let refused = outcome.situation == .modelUnavailable || outcome.situation == .accessBlocked
      if refused || modelOption != nil {
        let diagnosis =
          refused
          ? await ModelCatalog(transport: transport, credentials: credentials, catalog: cli.catalog)
            .diagnose(request, profile: profile) : nil
        model = ModelCheck(id: id, outcome: outcome, diagnosis: diagnosis)
      }
    }
    let verdict = ProbeVerdict.judge(
      outcomes.filter { $0.kind.isStandard },
      route: route)
    let advice =
      Self.advice(outcomes, route: route, preset: preset)
      + (model.map { [$0.advice] } ?? [])
    if format == .json {
      cli.terminal.out(
        JSONWriter.string(
          Self.json(route, outcomes, verdict, advice, target: targetName, model: model),
          style: .pretty))
    } else {
      cli.terminal.out(Self.text(route, outcomes, verdict, advice, target: targetName))
    }
    return verdict.asDocumented ? .success : .failure
  }

  /// What the probe with the documented headers learned about the model in its body.
  struct ModelCheck {
    var id: String
    var outcome: RouteProbe.Outcome
    var diagnosis: Diagnosis?

    var advice: String {
      let status = outcome.status.map(String.init) ?? "no answer"
      guard let situation = outcome.situation else {
        return "model \(id): could not be judged (\(status): \(outcome.detail))"
      }
      switch situation {
      case .modelUnavailable, .accessBlocked:
        return
          "model \(id) was refused with the documented headers (\(status) \(situation.rawValue)): "
          + (diagnosis.map { "\($0.message) [\($0.id)]" } ?? outcome.detail)
      case .invalidAPIKey:
        return "model \(id): not reached, the key itself was refused (\(status))"
      default:
        return outcome.result == .accepted
          ? "model \(id) is usable with this key on this route (\(status) \(situation.rawValue))"
          : "model \(id): the documented probe was \(outcome.result.rawValue) (\(status) \(situation.rawValue))"
      }
    }

    var json: JSONValue {
      [
        "id": .string(id), "status": .optionalInt(outcome.status),
        "situation": .optionalString(outcome.situation?.rawValue),
        "diagnosis": diagnosis.map { ["id": .string($0.id), "message": .string($0.message)] }
          ?? .null,
      ]
    }
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

  static func advice(_ outcomes: [RouteProbe.Outcome], route: RouteProbe, preset: ProbeKind?)
    -> [String]
  {
    var out: [String] = []
    if let mine = outcomes.first(where: { $0.kind == .yourRequest }) {
      if mine.result == .accepted {
        out.append(
          "your request is accepted (\(mine.status.map(String.init) ?? "-")); its headers are not the problem"
        )
      } else {
        let fixes = mine.diagnoses.map(\.message)
        out.append(
          "your request was \(mine.result.rawValue) (\(mine.status.map(String.init) ?? "no answer")): "
            + (fixes.isEmpty ? mine.detail : fixes.joined(separator: "; ")))
      }
    }
    if let preset, let sdk = outcomes.first(where: { $0.kind == preset }) {
      let name = sdk.probe
      if sdk.result == .accepted {
        out.append(
          "an app on \(name) works unchanged on this route (\(sdk.status.map(String.init) ?? "-"))"
        )
      } else {
        var line =
          "an app on \(name) does NOT work unchanged: its default headers were \(sdk.result.rawValue) (\(sdk.status.map(String.init) ?? "no answer"))"
        if preset == .anthropicPython {
          line +=
            "; pass default_headers={\"\(AuthScheme.bearer.displayName)\": anthropic.Omit(), \"X-Api-Key\": key, \"\(AuthScheme.anthropicVersionHeader)\": \"\(RouteCatalog.anthropicVersion)\"}"
        } else if let d = sdk.diagnoses.first {
          line += "; " + d.message
        }
        out.append(line)
      }
    }
    return out
  }

  static func text(
    _ route: RouteProbe, _ outcomes: [RouteProbe.Outcome], _ verdict: ProbeVerdict,
    _ advice: [String], target: String
  ) -> String {
    var out =
      "diagnose \(route.method) \(route.path) (\(route.profile.displayName); documented: \(route.documentedHeaders)) at \(target)\n\n"
    let w = max(30, (outcomes.map(\.probe.count).max() ?? 0) + 2)
    out +=
      "probe".padding(toLength: w, withPad: " ", startingAt: 0)
      + "status  envelope   situation             result\n"
    for o in outcomes {
      out += o.probe.padding(toLength: w, withPad: " ", startingAt: 0)
      out += (o.status.map(String.init) ?? "-").padding(toLength: 8, withPad: " ", startingAt: 0)
      out += (o.envelope?.rawValue ?? "-").padding(toLength: 11, withPad: " ", startingAt: 0)
      out += (o.situation?.rawValue ?? "-").padding(toLength: 22, withPad: " ", startingAt: 0)
      out += o.result.rawValue + "\n"
    }
    out += "\nverdict: " + verdict.lines.joined(separator: "; ") + "\n"
    for a in advice { out += a + "\n" }
    return out
  }

  static func json(
    _ route: RouteProbe, _ outcomes: [RouteProbe.Outcome], _ verdict: ProbeVerdict,
    _ advice: [String], target: String, model: ModelCheck? = nil
  ) -> JSONValue {
    [
      "route": .string(route.path), "method": .string(route.method),
      "family": .string(route.family.rawValue),
      "documented": .string(route.documentedHeaders), "target": .string(target),
      "probes": .array(
        outcomes.map {
          [
            "probe": .string($0.probe), "sent": .array($0.sent.map(JSONValue.string)),
            "status": .optionalInt($0.status),
            "envelope": .optionalString($0.envelope?.rawValue),
            "situation": .optionalString($0.situation?.rawValue),
            "result": .string($0.result.rawValue), "detail": .string($0.detail),
            "diagnoses": .array(
              $0.diagnoses.map { ["id": .string($0.id), "message": .string($0.message)] }),
          ]
        }),
      "verdict": [
        "asDocumented": .bool(verdict.asDocumented),
        "accepted": .array(verdict.accepted.map(JSONValue.string)),
        "wronglyAccepted": .array(verdict.wronglyAccepted.map(JSONValue.string)),
        "summary": .array(verdict.lines.map(JSONValue.string)),
      ],
      "advice": .array(advice.map(JSONValue.string)),
      "model": model?.json ?? .null,
    ]
  }
}
