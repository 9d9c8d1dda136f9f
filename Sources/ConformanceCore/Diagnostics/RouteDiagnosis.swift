/// `diagnose`'s core: probes one route with each header family (plus an SDK's defaults and the caller's own
/// headers when asked), judges every answer with the answer analyzer, checks the model in the body, and gives
/// the verdict over the matrix and what the caller's own request should change. Rendering is the reports'.
public struct RouteDiagnosis: Sendable {
  public var route: RouteProbe
  /// Where the probes went, in words (`fixtures Fixtures`, a base URL).
  public var target: String
  public var outcomes: [RouteProbe.Outcome]
  public var verdict: ProbeVerdict
  public var model: ModelCheck?
  /// One line per thing to change: the caller's request, the SDK preset, the model.
  public var advice: [String]

  /// What to probe and how.
  public struct Plan: Sendable {
    public var route: RouteProbe
    /// `--as`: an SDK preset probed beside the matrix.
    public var preset: ProbeKind?
    /// `--header`: the caller's own failing request's headers.
    public var own: [(name: String, value: RouteProbe.ProbeValue)]
    /// Whether the model was named (`--model`): its check is then reported even when it was not refused.
    public var modelNamed: Bool
    public var timeoutMs: Int

    public init(
      route: RouteProbe, preset: ProbeKind?, own: [(name: String, value: RouteProbe.ProbeValue)],
      modelNamed: Bool, timeoutMs: Int
    ) {
      self.route = route
      self.preset = preset
      self.own = own
      self.modelNamed = modelNamed
      self.timeoutMs = timeoutMs
    }

    /// The probes in the order they are sent.
    public var probes: [RouteProbe.Probe] {
      var list = route.probes
      if let preset, let p = RouteProbe.sdkProbe(preset) { list.append(p) }
      if !own.isEmpty { list.append(RouteProbe.Probe(.yourRequest, headers: own)) }
      return list
    }
  }

  /// Sends every probe of a plan, one after another, and judges the route.
  public static func run(
    _ plan: Plan, transport: any Transport, credentials: Credentials, catalog: RouteCatalog,
    target: String
  ) async -> RouteDiagnosis {
    let route = plan.route
    let analyzer = AnswerAnalyzer(
      catalog: catalog,
      keys: KeyClassifier(validKey: credentials.validKey, schemes: catalog.schemes))
    var outcomes: [RouteProbe.Outcome] = []
    var documented: RouteProbe.Outcome?
    for probe in plan.probes {
      let request = route.request(for: probe, credentials: credentials)
      let watch = Stopwatch()
      let result = await transport.send(request, timeout: .milliseconds(plan.timeoutMs))
      let analysis = analyzer.analyze(
        result, to: request, profile: route.profile, latencyMs: watch.elapsedMs)
      let outcome = RouteProbe.judge(probe, analysis)
      outcomes.append(outcome)
      if probe.isDocumented { documented = outcome }
    }
    // The documented headers got in but the model was refused: ask the Models API whether the key can see it.
    var model: ModelCheck?
    let body: RequestBody = route.body.map(RequestBody.json) ?? .none
    if let outcome = documented, let id = ModelCatalog.modelID(in: body, path: route.path) {
      let refused = outcome.situation == .modelUnavailable || outcome.situation == .accessBlocked
      if refused || plan.modelNamed {
        let note =
          refused
          ? await ModelCatalog(transport: transport, credentials: credentials, catalog: catalog)
            .diagnose(model: id, profile: route.profile) : nil
        model = ModelCheck(id: id, outcome: outcome, note: note)
      }
    }
    let verdict = ProbeVerdict.judge(outcomes.filter { $0.kind.isStandard }, route: route)
    let advice = Self.advice(outcomes, preset: plan.preset) + (model.map { [$0.advice] } ?? [])
    return RouteDiagnosis(
      route: route, target: target, outcomes: outcomes, verdict: verdict, model: model,
      advice: advice)
  }

  /// What the caller's own request and the SDK preset came to, and what to change.
  static func advice(_ outcomes: [RouteProbe.Outcome], preset: ProbeKind?) -> [String] {
    var out: [String] = []
    // Headers got in when the answer is a 2xx, or (while a wrong key is refused) an answer about something
    // else, such as the model: only 404s that are not about a model and faults say nothing.
    let wrongKeyRefused = outcomes.contains {
      ($0.kind == .none || $0.kind == .invalidKey) && $0.result == .rejectedAuth
    }
    func gotIn(_ o: RouteProbe.Outcome) -> Bool {
      o.result == .accepted || (o.result == .notJudged && wrongKeyRefused)
    }
    if let mine = outcomes.first(where: { $0.kind == .yourRequest }) {
      if gotIn(mine) {
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
      if gotIn(sdk) {
        out.append(
          "an app on \(name) works unchanged on this route (\(sdk.status.map(String.init) ?? "-"))")
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
}
