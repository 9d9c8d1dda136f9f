import Testing

@testable import ConformanceCore

/// `diagnose`'s whole probe loop in the core: probes in order, the verdict over the standard ones only, the
/// advice for the caller's request and SDK preset, and the model check.
@Suite struct RouteDiagnosisTests {
  static let key = "good-key-123"
  static let unauthorized: JSONValue = [
    "error": [
      "message": "Invalid or missing API key", "type": "authentication_error",
      "code": "invalid_api_key",
    ]
  ]

  /// An OpenAI-compatible gateway: Bearer with the key gets in, except that the model is refused.
  static let gateway = ClosureTransport { request, _ in
    if request.path == "/openai/v1/models" {
      return json(200, ["data": [["id": "gpt-4o-mini"], ["id": "gpt-4o"]]])
    }
    guard request.headers["authorization"] == "Bearer \(key)",
      !request.headers.contains("x-api-key")
    else { return json(401, unauthorized) }
    return json(
      404,
      [
        "error": [
          "message": "The model `gpt-4o-mni` does not exist", "type": "invalid_request_error",
          "code": "model_not_found",
        ]
      ])
  }

  @Test func probesJudgesAndAdvises() async {
    let route = RouteProbe(
      method: "POST", path: "/openai/v1/chat/completions", family: .openai,
      body: ["model": "gpt-4o-mni", "max_tokens": 1])
    // The stub answers at once; the limit is generous because time limits are wall-clock deadlines on their own
    // thread, which fire on time even while other tests keep the cooperative pool busy on a loaded machine.
    let plan = RouteDiagnosis.Plan(
      route: route, preset: .anthropicPython,
      own: [(name: "x-api-key", value: .validKey(prefix: ""))], modelNamed: true,
      timeoutMs: 60_000)
    let d = await RouteDiagnosis.run(
      plan, transport: Self.gateway, credentials: Credentials(validKey: Self.key),
      catalog: .anyint, target: "test")
    #expect(
      d.outcomes.map(\.probe) == [
        "bearer", "x-api-key", "x-api-key + anthropic-version", "both", "none", "invalid key",
        "anthropic-python", "your request",
      ])
    // A 404 about the model: past authentication, but only a 2xx is "accepted".
    #expect(d.outcomes.first?.result == .notJudged)
    // The preset and the caller's request do not count towards the verdict.
    #expect(d.verdict.asDocumented)
    #expect(d.advice.count == 3)
    #expect(
      d.advice[0].hasPrefix(
        "your request was rejected-auth (401): x-api-key was sent to an OpenAI-compatible route"))
    // anthropic-python's defaults (Bearer) happen to be what this OpenAI-compatible route documents.
    #expect(d.advice[1] == "an app on anthropic-python works unchanged on this route (404)")
    #expect(d.model?.id == "gpt-4o-mni")
    #expect(d.model?.note?.id == .modelNotListed)
    #expect(d.advice[2].hasSuffix("closest available: gpt-4o-mini, gpt-4o [model-not-listed]"))
  }
}
