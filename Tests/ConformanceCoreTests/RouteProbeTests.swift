import Testing

@testable import ConformanceCore

/// `diagnose`'s core: how one probe's answer is judged, and the verdict (and exit code) over the matrix.
@Suite struct RouteProbeTests {
  let keys = KeyClassifier(validKey: "good-key-123")
  let credentials = Credentials(validKey: "good-key-123")
  let bearerRoute = RouteProbe(
    method: "GET", path: "/openai/v1/models", family: .openai, body: nil)
  let anthropicRoute = RouteProbe(
    method: "POST", path: "/anthropic/v1/messages", family: .anthropic,
    body: ["model": "claude", "max_tokens": 1])

  static let unauthorized: JSONValue = [
    "error": [
      "message": "Invalid or missing API key", "type": "authentication_error",
      "code": "invalid_api_key",
    ]
  ]

  func judge(_ route: RouteProbe, _ name: String, _ result: TransportResult) -> RouteProbe.Outcome {
    let probe = route.probes.first { $0.name == name }!
    return RouteProbe.judge(
      probe, request: route.request(for: probe, credentials: credentials), result: result,
      profile: route.profile, keys: keys)
  }

  /// The documented probe accepted and every other one refused with 401.
  func asDocumented(_ route: RouteProbe) -> [RouteProbe.Outcome] {
    route.probes.map {
      judge(route, $0.name, $0.isDocumented ? json(200, [:]) : json(401, Self.unauthorized))
    }
  }

  @Test func theStandardProbesAreSixAndOneIsDocumented() {
    #expect(
      bearerRoute.probes.map(\.name) == [
        "bearer", "x-api-key", "x-api-key + anthropic-version", "both", "none", "invalid key",
      ])
    #expect(bearerRoute.probes.filter(\.isDocumented).map(\.name) == ["bearer"])
    #expect(
      anthropicRoute.probes.filter(\.isDocumented).map(\.name) == ["x-api-key + anthropic-version"])
    // The documented Anthropic probe carries the version; the key is never shown, only its kind.
    let probe = anthropicRoute.probes.first { $0.isDocumented }!
    let request = anthropicRoute.request(for: probe, credentials: credentials)
    #expect(request.headers["anthropic-version"] == RouteCatalog.anthropicVersion)
    #expect(request.headers["x-api-key"] == "good-key-123")
    #expect(request.headers["content-type"] == "application/json")
    let outcome = judge(anthropicRoute, probe.name, json(200, [:]))
    #expect(outcome.sent.contains("x-api-key: <key>"))
    #expect(!outcome.sent.joined().contains("good-key-123"))
  }

  @Test func eachAnswerIsJudgedByItsSituation() {
    #expect(judge(bearerRoute, "bearer", json(200, [:])).result == .accepted)
    #expect(judge(bearerRoute, "x-api-key", json(401, Self.unauthorized)).result == .rejectedAuth)
    // Past authentication, but about the model: says nothing about the headers on its own.
    let model: JSONValue = [
      "error": [
        "message": "The model `x` does not exist", "type": "invalid_request_error",
        "code": "model_not_found",
      ]
    ]
    #expect(judge(anthropicRoute, "bearer", json(404, model)).result == .notJudged)
    // A 404 that is not about a model: the route was not found; only a 2xx is accepted.
    #expect(judge(bearerRoute, "bearer", json(404, [:])).result == .routeNotFound)
    #expect(judge(bearerRoute, "bearer", json(400, [:])).result == .notJudged)
    let header: JSONValue = [
      "error": ["message": "anthropic-version header is required", "type": "invalid_request_error"]
    ]
    let rejected = judge(anthropicRoute, "x-api-key", json(400, header))
    #expect(rejected.result == .rejectedHeader)
    #expect(rejected.detail == "anthropic-version header is required")
    #expect(rejected.diagnoses.map(\.id).contains(.missingAnthropicVersion))
    #expect(judge(bearerRoute, "bearer", json(503, [:])).result == .notJudged)
    let refused = judge(
      bearerRoute, "bearer", .failure(TransportFault(.connectionRefused, "connection refused")))
    #expect(refused.result == .error && refused.situation == .unreachable && refused.status == nil)
  }

  @Test func aRouteThatBehavesAsDocumented() {
    let v = ProbeVerdict.judge(asDocumented(bearerRoute), route: bearerRoute)
    #expect(v.asDocumented)
    #expect(v.accepted == ["bearer"] && v.wronglyAccepted.isEmpty)
    #expect(v.lines.last == "behaves as documented")
  }

  @Test func anotherFamilyAcceptedIsCalledOut() {
    var outcomes = asDocumented(anthropicRoute)
    outcomes[0] = judge(anthropicRoute, "bearer", json(200, [:]))
    let v = ProbeVerdict.judge(outcomes, route: anthropicRoute)
    #expect(!v.asDocumented)
    #expect(v.wronglyAccepted == ["bearer"])
    #expect(v.lines.contains { $0.hasPrefix("also accepts 'bearer'") })
  }

  @Test func theDocumentedHeadersRefusedIsCalledOut() {
    let outcomes = bearerRoute.probes.map {
      judge(bearerRoute, $0.name, json(401, Self.unauthorized))
    }
    let v = ProbeVerdict.judge(outcomes, route: bearerRoute)
    #expect(!v.asDocumented)
    #expect(v.lines[0].hasPrefix("does NOT accept the documented Authorization: Bearer"))
  }

  @Test func missingAuthenticationAndA400ForABadKeyAreCalledOut() {
    var outcomes = asDocumented(bearerRoute)
    outcomes[4] = judge(bearerRoute, "none", json(200, [:]))
    let open = ProbeVerdict.judge(outcomes, route: bearerRoute)
    #expect(!open.asDocumented)
    #expect(open.lines.contains { $0.contains("authentication is not enforced") })

    var four = asDocumented(bearerRoute)
    let badKey400: JSONValue = [
      "error": [
        "message": "Invalid API key", "type": "authentication_error", "code": "invalid_api_key",
      ]
    ]
    four[5] = judge(bearerRoute, "invalid key", json(400, badKey400))
    let v = ProbeVerdict.judge(four, route: bearerRoute)
    #expect(!v.asDocumented, "\(v.lines)")
    #expect(
      v.lines.contains(
        "answers a wrong key with 400 instead of the documented 401 (probe 'invalid key')"),
      "\(v.lines)")
  }

  /// Issue 11: a 404 to every probe, or no answer at all, is "could not judge:" and claims nothing else.
  @Test func aMatrixWithNoVerdictSaysItCouldNotJudge() {
    let missing = bearerRoute.probes.map { judge(bearerRoute, $0.name, json(404, [:])) }
    let v = ProbeVerdict.judge(missing, route: bearerRoute)
    #expect(!v.asDocumented)
    #expect(v.lines.count == 1 && v.lines[0].hasPrefix("could not judge: the route answered 404"))
    let silent = bearerRoute.probes.map {
      judge(
        bearerRoute, $0.name, .failure(TransportFault(.connectionRefused, "connection refused")))
    }
    let s = ProbeVerdict.judge(silent, route: bearerRoute)
    #expect(
      s.lines == [
        "could not judge: no probe got an HTTP answer (connection refused); check --base-url and that the gateway is reachable"
      ])
    // A wrong key answered 400 about something else: the documented 401 missed, not "not enforced".
    var noDB = asDocumented(bearerRoute)
    let busy: JSONValue = ["error": ["message": "No connected db.", "type": "no_db_connection"]]
    noDB[5] = judge(bearerRoute, "invalid key", json(400, busy))
    let n = ProbeVerdict.judge(noDB, route: bearerRoute)
    #expect(
      n.lines.contains(
        "answers a wrong key with 400 instead of the documented 401 (probe 'invalid key')"))
    #expect(!n.lines.contains { $0.contains("not enforced") })
  }

  @Test func anUnjudgedProbeFailsTheVerdict() {
    var outcomes = asDocumented(bearerRoute)
    outcomes[3] = judge(bearerRoute, "both", .failure(TransportFault(.timeout, "timed out")))
    let v = ProbeVerdict.judge(outcomes, route: bearerRoute)
    #expect(!v.asDocumented)
    #expect(v.lines.contains { $0.hasPrefix("could not judge 'both'") })
  }
}
