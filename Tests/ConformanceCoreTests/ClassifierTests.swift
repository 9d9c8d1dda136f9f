import Testing

@testable import ConformanceCore

/// One classifier case: an answer and the row it must land in.
struct ClassifierCase: Sendable, CustomTestStringConvertible {
  var name: String
  var status: Int
  var body: JSONValue?
  var path = "/openai/v1/chat/completions"
  var method = "POST"
  var expected: Situation
  var reasonContains: String? = nil

  var testDescription: String { name }
}

private func openaiError(
  _ type: String, _ code: String? = nil, _ message: String = "x", param: String? = nil
) -> JSONValue {
  var e: JSONValue = ["message": .string(message), "type": .string(type)]
  if case .object(var o) = e {
    if let code { o["code"] = .string(code) }
    if let param { o["param"] = .string(param) }
    e = .object(o)
  }
  return ["error": e]
}

private func anthropicError(_ type: String, _ message: String) -> JSONValue {
  ["type": "error", "error": ["type": .string(type), "message": .string(message)]]
}

private func music(_ code: Int, _ msg: String) -> JSONValue {
  ["code": .number(Double(code)), "msg": .string(msg), "data": nil]
}

@Suite struct ClassifierTests {
  static let cases: [ClassifierCase] = [
    // Every status of the seed page, with the documented envelope examples.
    ClassifierCase(
      name: "400 missing model", status: 400,
      body: openaiError(
        "invalid_request_error", nil, "Missing required field: model", param: "model"),
      expected: .invalidRequest),
    ClassifierCase(
      name: "400 invalid JSON", status: 400,
      body: openaiError("invalid_request_error", nil, "Invalid JSON body"),
      expected: .invalidRequest),
    ClassifierCase(name: "400 without body", status: 400, body: nil, expected: .invalidRequest),
    ClassifierCase(
      name: "401 documented", status: 401,
      body: openaiError("authentication_error", "invalid_api_key", "Invalid or missing API key"),
      expected: .invalidAPIKey),
    ClassifierCase(
      name: "401 anthropic shape", status: 401,
      body: anthropicError("authentication_error", "invalid x-api-key"),
      path: "/anthropic/v1/messages",
      expected: .invalidAPIKey),
    ClassifierCase(
      name: "403 policy", status: 403,
      body: openaiError("permission_error", nil, "Access blocked by subscription or policy"),
      expected: .accessBlocked),
    ClassifierCase(
      name: "429 rate", status: 429,
      body: openaiError("rate_limit_error", "rate_limit_exceeded", "Rate limit exceeded"),
      expected: .rateLimited,
      reasonContains: "rate limit"),
    ClassifierCase(
      name: "503", status: 503,
      body: openaiError("server_error", nil, "Upstream temporarily unavailable"),
      expected: .upstreamUnavailable),
    ClassifierCase(name: "200", status: 200, body: ["id": "chatcmpl-1"], expected: .success),
    ClassifierCase(name: "201 empty", status: 201, body: nil, expected: .success),
    // Edges the issue names.
    ClassifierCase(
      name: "500 is not the documented 503", status: 500, body: openaiError("server_error"),
      expected: .undocumented, reasonContains: "SDKs retry"),
    ClassifierCase(
      name: "502 gateway", status: 502, body: nil, expected: .upstreamUnavailable,
      reasonContains: "not in the documented table"),
    ClassifierCase(name: "504 gateway", status: 504, body: nil, expected: .upstreamUnavailable),
    ClassifierCase(
      name: "529 anthropic overloaded", status: 529,
      body: anthropicError("overloaded_error", "Overloaded"), path: "/anthropic/v1/messages",
      expected: .upstreamUnavailable, reasonContains: "529"),
    ClassifierCase(
      name: "500 with overloaded_error", status: 500,
      body: anthropicError("overloaded_error", "Overloaded"), expected: .upstreamUnavailable),
    ClassifierCase(
      name: "404 model (openai)", status: 404,
      body: openaiError(
        "invalid_request_error", "model_not_found",
        "The model `gpt-9` does not exist or you do not have access to it."),
      expected: .modelUnavailable),
    ClassifierCase(
      name: "404 model (anthropic)", status: 404,
      body: anthropicError("not_found_error", "model: claude-9"), path: "/anthropic/v1/messages",
      expected: .modelUnavailable),
    ClassifierCase(
      name: "404 unpublished route", status: 404,
      body: openaiError("invalid_request_error", nil, "Not found"), path: "/v1/models",
      method: "GET",
      expected: .undocumented, reasonContains: "not a published route"),
    ClassifierCase(
      name: "404 published route, no model", status: 404, body: nil,
      path: "/openai/v1/responses/resp_1", method: "GET", expected: .undocumented,
      reasonContains: "published route"),
    ClassifierCase(
      name: "403 model", status: 403,
      body: openaiError(
        "permission_error", "model_not_available",
        "Model claude-opus is not available to your account"),
      expected: .modelUnavailable),
    ClassifierCase(
      name: "403 model by message only", status: 403,
      body: openaiError("permission_error", nil, "You do not have access to model gpt-5"),
      expected: .modelUnavailable),
    ClassifierCase(
      name: "403 policy mentioning nothing about models", status: 403,
      body: openaiError("permission_error", "policy_violation", "Blocked by org policy"),
      expected: .accessBlocked),
    ClassifierCase(
      name: "429 quota", status: 429,
      body: openaiError(
        "insufficient_quota", "insufficient_quota", "You exceeded your current quota"),
      expected: .rateLimited, reasonContains: "quota"),
    ClassifierCase(
      name: "400 naming an unavailable model", status: 400,
      body: openaiError("invalid_request_error", "model_not_found", "invalid model"),
      expected: .modelUnavailable),
    ClassifierCase(
      name: "400 carrying an auth error", status: 400,
      body: openaiError("authentication_error", "invalid_api_key", "bad key"),
      expected: .invalidAPIKey,
      reasonContains: "401"),
    // AI Music: the body code may differ from the HTTP status, and wins.
    ClassifierCase(
      name: "music 200 with code 430", status: 200, body: music(430, "request rate too high"),
      path: "/suno/generate", expected: .rateLimited,
      reasonContains: "HTTP status 200"),
    ClassifierCase(
      name: "music 200 with code 405", status: 200, body: music(405, "frequency limit exceeded"),
      path: "/suno/generate", expected: .rateLimited),
    ClassifierCase(
      name: "music 200 with code 413", status: 200, body: music(413, "text too long"),
      path: "/suno/generate", expected: .invalidRequest),
    ClassifierCase(
      name: "music 200 with code 455", status: 200, body: music(455, "system maintenance"),
      path: "/suno/generate", expected: .upstreamUnavailable),
    ClassifierCase(
      name: "music 400 with code 401", status: 400, body: music(401, "auth failed"),
      path: "/suno/generate", expected: .invalidAPIKey),
    ClassifierCase(
      name: "music 429 with code 429", status: 429, body: music(429, "quota exhausted"),
      path: "/suno/generate", expected: .rateLimited),
    ClassifierCase(
      name: "music 500", status: 200, body: music(500, "server error"), path: "/suno/generate",
      expected: .undocumented),
    ClassifierCase(
      name: "music unknown code", status: 200, body: music(999, "?"), path: "/suno/generate",
      expected: .undocumented, reasonContains: "not a documented"),
    ClassifierCase(
      name: "music success", status: 200,
      body: ["code": 200, "msg": "success", "data": ["taskId": "t1"]], path: "/suno/generate",
      expected: .success),
    // Other answers no row covers.
    ClassifierCase(
      name: "200 with an error body", status: 200, body: openaiError("server_error"),
      expected: .undocumented),
    ClassifierCase(
      name: "302 redirect", status: 302, body: nil, expected: .undocumented,
      reasonContains: "redirect"),
    ClassifierCase(name: "422", status: 422, body: nil, expected: .undocumented),
    ClassifierCase(name: "408", status: 408, body: nil, expected: .undocumented),
  ]

  @Test(arguments: cases)
  func classifies(_ c: ClassifierCase) {
    let o = Observation(
      status: c.status, envelope: Envelope.recognize(c.body), method: c.method, path: c.path,
      family: RouteCatalog.anyint.family(forPath: c.path))
    let result = Classifier.classify(o)
    #expect(result.situation == c.expected, "\(c.name): \(result.reason)")
    if let r = c.reasonContains { #expect(result.reason.contains(r), "\(result.reason)") }
  }

  @Test func everyStatusRowOfTheSeedClassifiesAsItsOwnRow() {
    for row in RetryTable.statusRows {
      let c = Classifier.classify(Observation(status: row.status))
      #expect(c.situation == row.situation, "\(row.status)")
    }
    #expect(RetryTable.statusRows.map(\.status) == [400, 401, 403, 429, 503])
  }

  @Test func everySituationHasOneRowAndTheDocumentedDecisions() {
    for s in Situation.allCases {
      #expect(RetryTable.rows.filter { $0.situation == s }.count == 1, "\(s)")
    }
    let decisions = Dictionary(
      uniqueKeysWithValues: RetryTable.rows.map { ($0.situation, $0.decision) })
    #expect(decisions[.invalidRequest] == .no)
    #expect(decisions[.invalidAPIKey] == .no)
    #expect(decisions[.modelUnavailable] == .noImmediateRetry)
    #expect(decisions[.accessBlocked] == .noImmediateRetry)
    #expect(decisions[.rateLimited] == .later)
    #expect(decisions[.upstreamUnavailable] == .yes)
    #expect(decisions[.interruptedStream] == .usually)
    #expect(decisions[.taskPending] == .poll)
    #expect(decisions[.success] == .some(nil))
    #expect(decisions[.unreachable] == .some(nil))
    #expect(decisions[.undocumented] == .some(nil))
    #expect(
      RetryTable.row(for: .invalidAPIKey).guidance == "Rotate or correct the key before retrying.")
    #expect(RetryTable.row(for: .taskPending).documentedRetry == "Poll, do not recreate")
  }

  @Test func recognisesEnvelopesAndCarriesTheirFields() {
    let o = Envelope.recognize(
      openaiError("invalid_request_error", nil, "Missing required field: model", param: "model"))
    #expect(o.kind == .openai)
    #expect(o.error?.param == "model")
    #expect(o.error?.code == nil)
    let withNulls = Envelope.recognize([
      "error": ["message": "m", "type": "t", "code": nil, "param": nil]
    ])
    #expect(withNulls.error?.code == nil && withNulls.error?.param == nil)
    let a = Envelope.recognize(anthropicError("overloaded_error", "Overloaded"))
    #expect(a.kind == .anthropic)
    #expect(a.error?.typeString == "overloaded_error")
    let m = Envelope.recognize(music(430, "too fast"))
    #expect(m.kind == .music)
    #expect(m.error?.code == 430)
    #expect(m.error?.messageString == "too fast")
    #expect(Envelope.recognize(["code": 200, "msg": "success"]).kind == .none)
    #expect(Envelope.recognize(["error": "a string"]).kind == .none)
    #expect(Envelope.recognize(nil).kind == .none)
    #expect(Envelope.recognize(["data": []]).kind == .none)
  }

  @Test func modelDetectionIgnoresMissingModelErrors() {
    #expect(
      !Classifier.mentionsUnavailableModel(
        ErrorInfo(
          type: "invalid_request_error", param: "model", message: "Missing required field: model")))
    #expect(Classifier.mentionsUnavailableModel(ErrorInfo(code: "model_not_found")))
    #expect(
      Classifier.mentionsUnavailableModel(ErrorInfo(message: "The model gpt-x does not exist")))
    #expect(!Classifier.mentionsUnavailableModel(ErrorInfo(message: "Blocked by org policy")))
  }

  @Test func routeCatalogKnowsPublishedRoutes() {
    #expect(RouteCatalog.anyint.isPublishedPath("/openai/v1/models"))
    #expect(
      RouteCatalog.anyint.isPublishedPath("/gemini/v1beta/models/gemini-2.5-flash:generateContent"))
    #expect(RouteCatalog.anyint.isPublishedPath("/suno/query/task?taskId=1"))
    #expect(RouteCatalog.anyint.isPublishedPath("/dashscope/v1/tasks/abc"))
    #expect(!RouteCatalog.anyint.isPublishedPath("/v1/models"))
    #expect(!RouteCatalog.anyint.isPublishedPath("/gemini/v1beta/models/:generateContent"))
    #expect(
      RouteCatalog.anyint.route(method: "GET", path: "/openai/v1/videos/v1")?.family == .media)
    #expect(
      RouteCatalog.anyint.family(forPath: "/transtreams/kling/v1/videos/text2video") == .media)
    #expect(RouteCatalog.anyint.family(forPath: "/v1/models") == nil)
  }
}
