import ConformanceCore
import Foundation
import Testing

/// `diagnose` on fixture sets: one route of every family on the default set, and the two misbehaving gateways.
@Suite struct DiagnoseTests {
  static let routes = [
    "/openai/v1/models", "/anthropic/v1/models",
    "/gemini/v1beta/models/gemini-2.5-flash:generateContent", "/dashscope/v1/tasks/diagnose-probe",
    "/suno/query/task?taskId=diagnose-probe",
  ]

  static func json(_ r: Harness.Result) throws -> JSONValue {
    try JSONParser.parse(Array(r.stdout.utf8))
  }

  @Test(arguments: routes)
  func everyFamilyBehavesAsDocumentedOnTheFixtureMock(route: String) async throws {
    let r = try await Harness.run([
      "diagnose", "--fixtures", "Fixtures", "--route", route, "--format", "json",
    ])
    #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
    let v = try Self.json(r)
    #expect(v["verdict"]?["asDocumented"] == true)
    let accepted = v["verdict"]?["accepted"]?.arrayValue?.compactMap(\.stringValue) ?? []
    #expect(
      accepted == [route.hasPrefix("/anthropic/") ? "x-api-key + anthropic-version" : "bearer"],
      "\(accepted)")
    let probes = v["probes"]?.arrayValue ?? []
    #expect(probes.count == 6)
    #expect(probes.first { $0["probe"] == "none" }?["status"] == 401)
    #expect(!r.stdout.contains(Credentials.fixtureKey))
  }

  @Test func aGatewayThatAcceptsBothFamiliesIsCalledOut() async throws {
    let r = try await Harness.run([
      "diagnose", "--fixtures", "Fixtures/gateways/lenient-auth", "--route",
      "/anthropic/v1/messages",
    ])
    #expect(r.status == 1)
    #expect(
      r.stdout.contains(
        "also accepts 'bearer', 'x-api-key', which the docs do not document for this route"),
      "\(r.stdout)")
    #expect(r.stdout.contains("bearer                         200"))
  }

  @Test func aGatewayThatAnswersAuthFailuresWith400IsCalledOut() async throws {
    let r = try await Harness.run([
      "diagnose", "--fixtures", "Fixtures/gateways/auth-400", "--route",
      "/openai/v1/chat/completions", "--format", "json",
    ])
    #expect(r.status == 1)
    let lines = try Self.json(r)["verdict"]?["summary"]?.arrayValue?.compactMap(\.stringValue) ?? []
    #expect(
      lines.contains(
        "answers a wrong key with 400 instead of the documented 401 (probe 'none')"), "\(lines)")
  }

  @Test func anSDKPresetIsJudgedForAnAppOnThatSDK() async throws {
    let anthropic = try await Harness.run([
      "diagnose", "--fixtures", "Fixtures", "--route", "/anthropic/v1/models", "--as",
      "anthropic-python",
    ])
    #expect(
      anthropic.stdout.contains("an app on anthropic-python does NOT work unchanged"),
      "\(anthropic.stdout)")
    #expect(anthropic.stdout.contains("default_headers={\"Authorization\": anthropic.Omit()"))
    let openai = try await Harness.run([
      "diagnose", "--fixtures", "Fixtures", "--route", "/openai/v1/models", "--as", "openai-python",
    ])
    #expect(
      openai.stdout.contains("an app on openai-python works unchanged on this route (200)"),
      "\(openai.stdout)")
  }

  @Test(arguments: [
    (
      "x-api-key: $KEY", "/openai/v1/models",
      "x-api-key was sent to an OpenAI-compatible route; send Authorization: Bearer <key>"
    ),
    (
      "x-api-key: Bearer $KEY", "/anthropic/v1/models",
      "x-api-key holds a 'Bearer ' prefix; send the bare key"
    ),
  ])
  func theCallersOwnHeadersGetAFix(header: String, route: String, fix: String) async throws {
    var args = ["diagnose", "--fixtures", "Fixtures", "--route", route, "--header", header]
    if route.hasPrefix("/anthropic/") { args += ["--header", "anthropic-version: 2023-06-01"] }
    let r = try await Harness.run(args)
    #expect(r.stdout.contains("your request was rejected-auth"), "\(r.stdout)")
    #expect(r.stdout.contains(fix), "\(r.stdout)")
  }

  /// `--model`: the headers are right but the model is refused; the Models API says whether the id exists.
  @Test(arguments: [
    ("anyint-conformance-no-such-model", 404, "model-not-listed", "closest available: "),
    ("anyint-conformance-disabled-model", 403, "model-listed", "not the id"),
  ])
  func aRefusedModelIsLookedUpInTheModelsAPI(
    model: String, status: Int, id: String, says: String
  ) async throws {
    let args = [
      "diagnose", "--fixtures", "Fixtures", "--route", "/openai/v1/chat/completions", "--model",
      model,
    ]
    let text = try await Harness.run(args)
    #expect(text.status == 0, "headers behave as documented: \(text.stdout)\(text.stderr)")
    #expect(
      text.stdout.contains("model \(model) was refused with the documented headers (\(status) "),
      "\(text.stdout)")
    #expect(text.stdout.contains("[\(id)]") && text.stdout.contains(says), "\(text.stdout)")
    let v = try Self.json(try await Harness.run(args + ["--format", "json"]))
    #expect(v["model"]?["id"] == .string(model))
    #expect(v["model"]?["status"] == .number(Double(status)))
    #expect(v["model"]?["diagnosis"]?["id"] == .string(id))
  }

  @Test func modelNeedsARouteWithABodyThatNamesIt() async throws {
    let get = try await Harness.run([
      "diagnose", "--fixtures", "Fixtures", "--route", "/openai/v1/models", "--model", "x",
    ])
    #expect(get.status == 2)
    #expect(get.stderr.contains("--model needs a route that takes a JSON body"))
    let gemini = try await Harness.run([
      "diagnose", "--fixtures", "Fixtures", "--route",
      "/gemini/v1beta/models/gemini-2.5-flash:generateContent", "--model", "x",
    ])
    #expect(gemini.status == 2)
    #expect(gemini.stderr.contains("names its model in the path"))
  }

  @Test func badInputExitsTwo() async throws {
    let noRoute = try await Harness.run(["diagnose", "--fixtures", "Fixtures"])
    #expect(noRoute.status == 2)
    let family = try await Harness.run([
      "diagnose", "--fixtures", "Fixtures", "--route", "/v1/models",
    ])
    #expect(family.status == 2)
    #expect(family.stderr.contains("--family"))
    let literalKey = try await Harness.run([
      "diagnose", "--fixtures", "Fixtures", "--route", "/openai/v1/models", "--header",
      "authorization: Bearer sk-abc",
    ])
    #expect(literalKey.status == 2)
    #expect(literalKey.stderr.contains("write the key as $KEY"))
    #expect(!literalKey.stderr.contains("sk-abc"))
  }

  @Test func theSameMatrixThroughMockServe() async throws {
    let key = "sk-diagnose-0123456789abcdefghij"
    let server = try await MockServeProcess(env: ["ANYINT_API_KEY": key])
    defer { server.terminate() }
    for route in Self.routes {
      let r = try await Harness.run(
        ["diagnose", "--base-url", server.url, "--route", route, "--format", "json"],
        env: ["ANYINT_API_KEY": key])
      #expect(r.status == 0, "\(route): \(r.stdout)\(r.stderr)")
      let accepted =
        try Self.json(r)["verdict"]?["accepted"]?.arrayValue?.compactMap(\.stringValue) ?? []
      #expect(
        accepted == [route.hasPrefix("/anthropic/") ? "x-api-key + anthropic-version" : "bearer"],
        "\(route): \(accepted)")
      #expect(!r.stdout.contains(key))
    }
    for (header, route, fix) in [
      ("x-api-key: Bearer $KEY", "/anthropic/v1/models", "x-api-key holds a 'Bearer ' prefix"),
      ("x-api-key: $KEY", "/openai/v1/models", "x-api-key was sent to an OpenAI-compatible route"),
    ] {
      var args = ["diagnose", "--base-url", server.url, "--route", route, "--header", header]
      if route.hasPrefix("/anthropic/") { args += ["--header", "anthropic-version: 2023-06-01"] }
      let r = try await Harness.run(args, env: ["ANYINT_API_KEY": key])
      #expect(r.stdout.contains(fix), "\(header): \(r.stdout)")
      #expect(!r.stdout.contains(key))
    }
  }
}
