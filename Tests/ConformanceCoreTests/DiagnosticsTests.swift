import Foundation
import Testing

@testable import ConformanceCore

@Suite struct HeaderDiagnosisTests {
  let keys = KeyClassifier(validKey: "good-key-123")

  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    var path: String
    var headers: [(String, String)]
    var status = 401
    var expected: [String]
    var fixMentions: String? = nil
    var testDescription: String { name }
  }

  static let cases: [Case] = [
    Case(
      name: "Bearer to Anthropic", path: "/anthropic/v1/messages",
      headers: [("authorization", "Bearer good-key-123"), ("anthropic-version", "2023-06-01")],
      expected: ["header-mismatch"],
      fixMentions: "x-api-key: <key>"),
    Case(
      name: "x-api-key to OpenAI", path: "/openai/v1/chat/completions",
      headers: [("x-api-key", "good-key-123")], expected: ["header-mismatch"],
      fixMentions: "Authorization: Bearer <key>"),
    Case(
      name: "x-api-key to music", path: "/suno/generate", headers: [("x-api-key", "good-key-123")],
      expected: ["header-mismatch"]),
    Case(
      name: "x-api-key to Gemini", path: "/gemini/v1beta/models/g:generateContent",
      headers: [("x-api-key", "good-key-123")],
      expected: ["header-mismatch"]),
    Case(
      name: "both", path: "/openai/v1/models",
      headers: [("authorization", "Bearer good-key-123"), ("x-api-key", "good-key-123")],
      expected: ["both-auth-headers"], fixMentions: "send only Authorization: Bearer <key>"),
    Case(name: "neither", path: "/openai/v1/models", headers: [], expected: ["missing-auth"]),
    Case(
      name: "empty bearer", path: "/openai/v1/models", headers: [("authorization", "Bearer ")],
      expected: ["empty-key"]),
    Case(
      name: "empty x-api-key", path: "/anthropic/v1/models",
      headers: [("x-api-key", ""), ("anthropic-version", "2023-06-01")], expected: ["empty-key"]),
    Case(
      name: "whitespace in x-api-key", path: "/anthropic/v1/models",
      headers: [("x-api-key", " good-key-123 "), ("anthropic-version", "2023-06-01")],
      expected: ["key-whitespace"]),
    Case(
      name: "whitespace in bearer", path: "/openai/v1/models",
      headers: [("authorization", "Bearer  good-key-123")], expected: ["key-whitespace"]),
    Case(
      name: "Bearer prefix in x-api-key", path: "/anthropic/v1/models",
      headers: [("x-api-key", "Bearer good-key-123"), ("anthropic-version", "2023-06-01")],
      expected: ["bearer-in-x-api-key"], fixMentions: "bare key"),
    Case(
      name: "missing anthropic-version", path: "/anthropic/v1/messages",
      headers: [("x-api-key", "good-key-123")], status: 400,
      expected: ["missing-anthropic-version"], fixMentions: "anthropic-version: 2023-06-01"),
    Case(
      name: "SDK's newer anthropic-version with Bearer", path: "/anthropic/v1/messages",
      headers: [("authorization", "Bearer good-key-123"), ("anthropic-version", "2026-10-21")],
      expected: ["header-mismatch", "unknown-anthropic-version"]),
    Case(
      name: "wrong key, right family", path: "/openai/v1/models",
      headers: [("authorization", "Bearer other")], expected: ["invalid-key"]),
    Case(
      name: "right family, policy 403", path: "/openai/v1/models",
      headers: [("authorization", "Bearer good-key-123")], status: 403, expected: []),
    Case(
      name: "Basic scheme", path: "/openai/v1/models", headers: [("authorization", "Basic abc")],
      expected: ["header-mismatch"]),
  ]

  @Test(arguments: cases)
  func diagnoses(_ c: Case) {
    let request = HTTPRequest(method: "POST", target: c.path, headers: HTTPHeaders(c.headers))
    let found = HeaderDiagnosis.diagnose(
      request, profile: RouteCatalog.anyint.profile(RouteCatalog.anyint.family(forPath: c.path)),
      keys: keys, status: c.status)
    #expect(found.map(\.id.rawValue) == c.expected, "\(found)")
    if let m = c.fixMentions {
      #expect(found.first?.message.contains(m) == true, "\(found.first?.message ?? "")")
    }
    #expect(!found.contains { $0.message.contains("good-key-123") })
  }

  @Test func appliesToAuthStatusesAndHeaderErrors() {
    #expect(HeaderDiagnosis.applies(status: 401, error: nil))
    #expect(HeaderDiagnosis.applies(status: 403, error: nil))
    #expect(
      HeaderDiagnosis.applies(
        status: 400, error: ErrorInfo(message: "anthropic-version header is required")))
    #expect(
      !HeaderDiagnosis.applies(
        status: 400, error: ErrorInfo(message: "Missing required field: model")))
    #expect(!HeaderDiagnosis.applies(status: 429, error: nil))
  }
}

@Suite struct SDKRulesTests {
  func decide(
    _ sdk: SDKDecision.SDK, _ status: Int?, _ headers: [(String, String)] = [], stream: Bool = false
  ) -> SDKDecision {
    SDKRules.decide(sdk, status: status, headers: HTTPHeaders(headers), streamError: stream)
  }

  @Test func followsThePublishedRules() {
    #expect(decide(.openaiPython, 429).retries)
    #expect(decide(.openaiPython, 429).delayMs == 500)
    #expect(decide(.anthropicPython, 503, [("retry-after", "2")]).delayMs == 2000)
    #expect(decide(.openaiPython, 500).retries)
    #expect(decide(.openaiPython, 408).retries && decide(.openaiPython, 409).retries)
    #expect(
      !decide(.openaiPython, 400).retries && !decide(.anthropicPython, 401).retries
        && !decide(.openaiPython, 404).retries)
    #expect(!decide(.openaiPython, 503, [("x-should-retry", "false")]).retries)
    #expect(decide(.openaiPython, 400, [("x-should-retry", "true")]).retries)
    #expect(decide(.openaiPython, nil).retries)
    #expect(!decide(.anthropicPython, 200, stream: true).retries)
  }

  /// The server's wait, per SDK (openai-python 3.57 and anthropic-sdk-python 2.14 `_base_client.py`).
  @Test(
    arguments: [
      // (sdk, headers, retries, delayMs)
      (SDKDecision.SDK.openaiPython, [("retry-after", "90")], true, 90_000.0),
      (.anthropicPython, [("retry-after", "90")], true, 90_000),
      (.openaiPython, [("retry-after", "120")], true, 120_000),
      (.openaiPython, [("retry-after", "300")], false, nil),
      (.anthropicPython, [("retry-after", "300")], true, 300_000),
      (.anthropicPython, [("retry-after", "86400")], true, 86_400_000),
      (.anthropicPython, [("retry-after-ms", "250"), ("retry-after", "9")], true, 250),
      (.openaiPython, [("retry-after-ms", "250"), ("retry-after", "9")], true, 250),
      (.openaiPython, [("retry-after", "0")], true, 500),
      (.anthropicPython, [("retry-after-ms", "0")], true, 500),
      (.anthropicPython, [("retry-after-ms", "soon"), ("retry-after", "3")], true, 3_000),
      // openai-python checks the 120 s ceiling before x-should-retry; anthropic-sdk-python has no ceiling.
      (.openaiPython, [("retry-after", "300"), ("x-should-retry", "true")], false, nil),
      (.anthropicPython, [("retry-after", "300"), ("x-should-retry", "true")], true, 300_000),
    ] as [(SDKDecision.SDK, [(String, String)], Bool, Double?)])
  func honoursTheServersWait(
    sdk: SDKDecision.SDK, headers: [(String, String)], retries: Bool, delayMs: Double?
  ) {
    let d = decide(sdk, 429, headers)
    #expect(d.retries == retries, "\(d.why)")
    #expect(d.delayMs == delayMs)
  }
}

@Suite struct FindingRulesTests {
  func find(
    status: Int, headers: [(String, String)] = [], body: JSONValue? = nil,
    path: String = "/openai/v1/chat/completions",
    request: [(String, String)] = [("authorization", "Bearer k")], stream: StreamAnalysis? = nil
  ) -> [String] {
    let envelope = Envelope.recognize(body)
    let o = Observation(
      status: status, headers: HTTPHeaders(headers), envelope: envelope, method: "POST", path: path,
      family: RouteCatalog.anyint.family(forPath: path))
    return FindingRules.find(
      status: status, headers: HTTPHeaders(headers), envelope: envelope,
      classification: Classifier.classify(o, stream: stream),
      stream: stream,
      request: HTTPRequest(method: "POST", target: path, headers: HTTPHeaders(request)),
      profile: RouteCatalog.anyint.profile(RouteCatalog.anyint.family(forPath: path))
    ).map(\.id.rawValue)
  }

  @Test func findsEachDivergence() {
    #expect(find(status: 429) == ["rate-limit-without-retry-after"])
    #expect(find(status: 429, headers: [("retry-after", "2")]).isEmpty)
    #expect(find(status: 429, headers: [("retry-after", "90")]) == ["retry-after-above-60s"])
    #expect(find(status: 503, headers: [("retry-after", "300")]) == ["retry-after-above-120s"])
    #expect(
      find(status: 503, headers: [("x-should-retry", "false")]) == [
        "x-should-retry-contradicts-status"
      ])
    #expect(
      find(status: 400, headers: [("x-should-retry", "true")]) == [
        "x-should-retry-contradicts-status"
      ])
    #expect(
      find(status: 529, body: ["error": ["message": "busy", "type": "server_error"]]).contains(
        "overloaded-status-mismatch"))
    #expect(
      find(
        status: 503,
        body: ["type": "error", "error": ["type": "overloaded_error", "message": "x"]]
      ).contains("overloaded-status-mismatch"))
    #expect(
      find(
        status: 401,
        body: ["type": "error", "error": ["type": "authentication_error", "message": "x"]]
      ).contains("undocumented-envelope"))
    #expect(
      find(
        status: 400, body: ["error": ["message": "bad", "type": "invalid_request_error"]],
        path: "/suno/generate"
      ).contains("undocumented-envelope"))
    #expect(
      find(
        status: 400,
        body: ["error": ["message": "Invalid API key", "type": "authentication_error"]]
      ).contains("auth-failure-not-401"))
    #expect(
      find(
        status: 500,
        body: ["error": ["message": "bad key", "type": "x", "code": "invalid_api_key"]]
      ).contains("auth-failure-not-401"))
    #expect(
      find(status: 200, headers: [("content-length", "5"), ("content-length", "7")]) == [
        "conflicting-content-length"
      ])
    #expect(
      find(status: 200, headers: [("content-length", "5, 7")]) == ["conflicting-content-length"])
    #expect(find(status: 200, headers: [("content-length", "5"), ("content-length", "5")]).isEmpty)
    #expect(find(status: 200, path: "/anthropic/v1/messages") == ["bearer-accepted-on-anthropic"])
    #expect(
      find(status: 200, path: "/anthropic/v1/messages", request: [("x-api-key", "k")]).isEmpty)
    #expect(
      find(
        status: 400,
        body: [
          "error": ["message": "Missing required field: model", "type": "invalid_request_error"]
        ]) == ["missing-param"])
    #expect(
      find(
        status: 400,
        body: [
          "error": [
            "message": "Missing required field: model", "type": "invalid_request_error",
            "param": "model",
          ]
        ]
      ).isEmpty)
    var s = StreamAnalysis(format: .anthropicSSE)
    s.error = ErrorInfo(type: "overloaded_error", message: "x")
    #expect(
      find(status: 200, path: "/anthropic/v1/messages", request: [("x-api-key", "k")], stream: s)
        == ["error-after-200"])
    #expect(find(status: 500).contains("undocumented-answer"))
    #expect(
      find(
        status: 401,
        body: [
          "error": [
            "message": "Invalid or missing API key", "type": "authentication_error",
            "code": "invalid_api_key",
          ]
        ]
      ).isEmpty)
  }
}

/// `explain ID` can describe every id a report can carry: the catalog is the id enum's exhaustive switches, so
/// what remains to check is the text itself.
@Suite struct NoteCatalogTests {
  @Test func everyIdHasItsTextAndAKind() {
    #expect(Set(NoteID.allCases.map(\.rawValue)).count == NoteID.allCases.count)
    for id in NoteID.allCases {
      #expect(!id.when.isEmpty && !id.action.isEmpty, "\(id)")
      #expect(id.description == id.rawValue)
      #expect(id.rawValue.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" }, "\(id)")
    }
    #expect(NoteID.all(.diagnosis).count == 12)
    #expect(NoteID.all(.finding).count == 16)
    #expect(NoteID.all(.diagnosis).first == .headerMismatch)
    #expect(Note(.errorAfter200, "x").kind == .finding)
  }
}
