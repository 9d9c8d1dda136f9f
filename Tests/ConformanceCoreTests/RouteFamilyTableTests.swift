import Testing

@testable import ConformanceCore

/// The one-place claim: a route family added as one table row (here a made-up gateway whose routes take the
/// key in x-goog-api-key and a version header) is inferred from paths, sent with its headers, classified,
/// diagnosed, probed and covered, without any other code knowing it.
@Suite struct RouteFamilyTableTests {
  static let acme = Family("acme")
  static let catalog = RouteCatalog.anyint.adding(
    FamilyProfile(
      acme, displayName: "Acme-compatible", prefixes: ["/acme/"], auth: .googAPIKey,
      extraHeaders: [RequiredHeader("acme-version", value: "2026-01-01")],
      modelsPath: "/acme/v1/models"),
    routes: [
      Route("GET", "/acme/v1/models", acme, "Acme models list"),
      Route("POST", "/acme/v1/generate", acme, "Acme generate"),
      Route("POST", "/acme/v1/jobs", acme, "Acme job", createsTask: true),
    ])
  static let key = "acme-key-0123456789"

  static let suite = """
    [
      {"id": "acme.generate.ok", "summary": "the documented headers get in",
       "request": {"method": "POST", "path": "/acme/v1/generate", "json": {"prompt": "hi"}},
       "expect": {"status": 200, "situation": "success"}},
      {"id": "acme.generate.bearer", "summary": "Bearer is the wrong header family here",
       "request": {"method": "POST", "path": "/acme/v1/generate", "auth": "bearer", "json": {}},
       "expect": {"status": 401, "situation": "invalid-api-key", "diagnoses": ["header-mismatch"]}},
      {"id": "acme.generate.bad-key", "summary": "the right header with a wrong key",
       "request": {"method": "POST", "path": "/acme/v1/generate", "key": "invalid", "json": {}},
       "expect": {"status": 401, "diagnoses": ["invalid-key"]}},
      {"id": "acme.unknown-route", "summary": "a 404 off the table is for an unknown route",
       "request": {"method": "GET", "path": "/acme/v1/nope"},
       "expect": {"status": 404, "situation": "undocumented"}}
    ]
    """

  /// A gateway that follows the row: the key in x-goog-api-key, with acme-version.
  static let gateway = ClosureTransport { request, _ in
    let unauthorized: JSONValue = [
      "error": ["message": "bad key", "type": "authentication_error", "code": "invalid_api_key"]
    ]
    guard Self.catalog.isPublishedPath(request.path) else {
      return json(404, ["error": ["message": "no such route", "type": "not_found"]])
    }
    guard request.headers["x-goog-api-key"] == key, request.headers["acme-version"] != nil,
      !request.headers.contains("authorization")
    else { return json(401, unauthorized) }
    return json(200, ["ok": true])
  }

  @Test func aFamilyFromOneTableRowIsClassifiedDiagnosedAndCovered() async {
    let decoded = ScenarioDecoder.decode(
      path: "acme.json", bytes: Array(Self.suite.utf8), catalog: Self.catalog)
    #expect(decoded.diagnostics.isEmpty, "\(decoded.diagnostics)")
    #expect(decoded.scenarios.map(\.family) == Array(repeating: Self.acme, count: 4))

    var options = RunOptions(concurrency: 2, credentials: Credentials(validKey: Self.key))
    options.catalog = Self.catalog
    let results = await Runner(transport: Self.gateway, options: options).run(decoded.scenarios)
    #expect(
      results.map(\.outcome) == [.passed, .passed, .passed, .passed], "\(results.map(\.failures))")

    // Sent with the row's headers, and reported by key kind only.
    let ok = results[0]
    #expect(ok.request?.auth == AuthFamily(rawValue: "x-goog-api-key"))
    #expect(ok.request?.key == .valid)
    #expect(
      ok.request?.headers.contains { $0.name == "x-goog-api-key" && $0.value == "<valid key>" }
        == true)
    #expect(
      ok.request?.headers.contains { $0.name == "acme-version" && $0.value == "2026-01-01" } == true
    )
    #expect(ok.situation == .success)

    // Diagnosed from the row: the documented header, its extra header and the family's name.
    #expect(
      results[1].diagnoses.first?.message
        == "Bearer was sent to an Acme-compatible route; send x-goog-api-key: <key> (with acme-version: 2026-01-01) instead of Authorization"
    )
    #expect(results[2].diagnoses.map(\.id) == [.invalidKey])

    // Classified against the row's routes: a 404 off them is an unknown route.
    #expect(results[3].classificationReason?.contains("not a published route") == true)

    // Covered: the row's routes appear in the coverage table with their cases.
    let (rows, unpublished) = Coverage.compute(decoded.scenarios, catalog: Self.catalog)
    let generate = rows.first { $0.route.pattern == "/acme/v1/generate" }
    #expect(
      generate?.scenarios == ["acme.generate.ok", "acme.generate.bearer", "acme.generate.bad-key"])
    #expect(generate?.cases.isSuperset(of: ["success", "wrong-header-family", "bad-key"]) == true)
    #expect(generate?.missing == ["missing-field"])
    #expect(rows.contains { $0.route.pattern == "/acme/v1/models" })
    #expect(unpublished.map(\.path) == ["/acme/v1/nope"])
    #expect(
      Coverage.markdown(rows, unpublished: unpublished).contains(
        "| `POST /acme/v1/generate` | acme | 3 |"))

    // And the rest of the row: task creation, the diagnose probes, the probe body fallback.
    #expect(Self.catalog.isTaskCreate(method: "POST", path: "/acme/v1/jobs"))
    let probe = RouteProbe(
      method: "POST", path: "/acme/v1/generate", family: Self.acme, body: nil, catalog: Self.catalog
    )
    #expect(probe.documentedHeaders == "x-goog-api-key + acme-version: 2026-01-01")
    #expect(probe.probes.filter(\.isDocumented).map(\.name) == ["x-goog-api-key"])
  }

  @Test func theAnyIntCatalogAloneKnowsNothingOfIt() {
    let decoded = ScenarioDecoder.decode(path: "acme.json", bytes: Array(Self.suite.utf8))
    // Only the scenario with an explicit auth can be built, and it has no family.
    #expect(decoded.scenarios.map(\.id) == ["acme.generate.bearer"])
    #expect(decoded.scenarios.first?.family == nil)
    #expect(
      decoded.diagnostics.first?.message.contains(
        "cannot infer the route family from path \"/acme/v1/generate\"") == true)
    // There, x-goog-api-key is an ordinary header (a shipped scenario sends one on a Gemini route).
    #expect(!AuthScheme.isKeyHeader("x-goog-api-key", among: RouteCatalog.anyint.schemes))
    #expect(AuthScheme.isKeyHeader("X-Goog-Api-Key", among: Self.catalog.schemes))
  }
}
