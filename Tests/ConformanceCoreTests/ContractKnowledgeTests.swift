import Testing

@testable import ConformanceCore

/// The twin's contract knowledge and the harness's judging knowledge are one: the documented errors the
/// twin sends classify as their rows, every documented route has a contract, and every task answer the twin
/// makes reads back as the state it was made for.
@Suite struct ContractKnowledgeTests {
  static let errors: [DocumentedError] = [
    .invalidAPIKey, .missingHeader("anthropic-version"),
    .unsupportedHeader("anthropic-version", sent: "2026-10-21", documented: "2023-06-01"),
    .invalidJSON,
    .missingField("model"), .invalidField("model", "model must be one of V4"),
    .modelNotFound("m"), .modelNotEnabled("m"), .accessBlocked,
    .routeNotFound(method: "GET", path: "/v1/models"), .notFound("task", "t1"),
    .rateLimited(retryAfterSeconds: 1), .quotaExhausted, .upstreamUnavailable, .overloaded,
  ]

  static let paths: [String?] = [
    "/openai/v1/chat/completions", "/anthropic/v1/messages",
    "/gemini/v1beta/models/g:generateContent", "/dashscope/v1/tasks/t1", "/suno/generate", nil,
  ]

  @Test(arguments: errors)
  func documentedErrorsClassifyAsTheirRow(_ e: DocumentedError) throws {
    for path in Self.paths {
      let family = path.flatMap(RouteCatalog.anyint.family(forPath:))
      let r = e.answer(family: family)
      let body = try JSONParser.parse(r.body)
      let c = Classifier.classify(
        Observation(
          status: r.status, headers: r.headers, envelope: Envelope.recognize(body), method: "POST",
          path: path ?? "/v1/models", family: family))
      #expect(c.situation == e.situation, "\(e) on \(path ?? "an unknown path"): \(c.reason)")
      if case .rateLimited(let s) = e {
        #expect(RetryPolicy.retryAfterMs(r.headers) == Double(s) * 1000)
      }
    }
  }

  /// The twin refuses headers by the same diagnoses `run` reports.
  @Test func headerRefusalsFollowTheDiagnoses() {
    let keys = KeyClassifier(validKey: "sk-valid-123456")
    func refusal(_ family: Family, _ headers: [(String, String)]) -> DocumentedError? {
      HeaderDiagnosis.documentedError(
        HTTPRequest(method: "POST", target: "/", headers: HTTPHeaders(headers)),
        profile: RouteCatalog.anyint.profile(family)
          ?? FamilyProfile(.openai, displayName: "?", prefixes: [], auth: .bearer),
        keys: keys)
    }
    #expect(refusal(.openai, [("authorization", "Bearer sk-valid-123456")]) == nil)
    #expect(refusal(.openai, [("x-api-key", "sk-valid-123456")]) == .invalidAPIKey)
    #expect(refusal(.openai, [("authorization", "Bearer sk-other-123456")]) == .invalidAPIKey)
    #expect(refusal(.openai, []) == .invalidAPIKey)
    #expect(
      refusal(.anthropic, [("x-api-key", "sk-valid-123456"), ("anthropic-version", "2023-06-01")])
        == nil)
    #expect(
      refusal(
        .anthropic,
        [("authorization", "Bearer sk-valid-123456"), ("anthropic-version", "2023-06-01")])
        == .invalidAPIKey)
    #expect(
      refusal(.anthropic, [("x-api-key", "sk-valid-123456")]) == .missingHeader("anthropic-version")
    )
    #expect(
      refusal(.anthropic, [("x-api-key", "sk-valid-123456"), ("anthropic-version", "2026-10-21")])
        == .unsupportedHeader("anthropic-version", sent: "2026-10-21", documented: "2023-06-01"))
  }

  /// Every documented route has a contract, and every task kind is polled on a documented route.
  @Test func everyRouteHasAContract() {
    for route in RouteCatalog.anyint.routes {
      let path = route.pattern.replacingAll("{model}", with: "gemini-2.5-flash")
        .replacingAll("{response_id}", with: "r1").replacingAll("{video_id}", with: "v1")
        .replacingAll("{task_id}", with: "t1")
      let contract = RouteContract.of(method: route.method, path: path)
      #expect(contract?.route == route, "\(route.method) \(route.pattern)")
      if case .taskCreate(let kind) = contract?.answer {
        #expect(
          RouteCatalog.anyint.isTaskCreate(method: route.method, path: path), "\(route.pattern)")
        #expect(
          RouteCatalog.anyint.routes.contains {
            $0.method == "GET" && $0.pattern == kind.queryPattern
          })
      }
    }
    #expect(RouteContract.of(method: "GET", path: "/v1/models") == nil)
  }

  /// A poll answer made for each state reads back as that state, terminal exactly at the end; the failure
  /// state reads back as a terminal failure.
  @Test(arguments: TaskKind.musicKinds + [.openaiVideo, .dashscope, .kling("videos/text2video")])
  func taskAnswersReadBackAsTheirState(_ kind: TaskKind) {
    let states = kind.states + [TaskStates.documentedFailure(kind.shape)]
    for (i, state) in states.enumerated() {
      let snapshot = TaskShapes.Snapshot(
        kind: kind, id: "t1", state: state, params: ["prompt": "p", "audioId": "a"], created: 1)
      let read = TaskStates.state(of: TaskShapes.query(snapshot))
      #expect(read?.value == state, "\(kind) \(state)")
      #expect(read?.terminal == (i >= kind.states.count - 1), "\(kind) \(state)")
      #expect(read?.failed == (i == states.count - 1), "\(kind) \(state)")
    }
  }

  @Test func schemaInstancesFitTheirSchema() {
    let schema: JSONValue = [
      "type": "object",
      "properties": [
        "city": ["type": "string"], "population": ["type": "integer", "minimum": 1],
        "tags": ["type": "array", "items": ["type": "string"]],
        "kind": ["enum": ["big", "small"]], "when": ["type": "string", "format": "date-time"],
        "owner": ["$ref": "#/$defs/Person"],
        "maybe": ["anyOf": [["type": "null"], ["type": "boolean"]]],
      ],
      "$defs": ["Person": ["type": "object", "properties": ["name": ["type": "string"]]]],
    ]
    let v = SchemaInstance.instance(of: schema)
    #expect(v["city"]?.stringValue != nil)
    #expect(v["population"]?.intValue == 1)
    #expect(v["tags"]?.arrayValue?.count == 1)
    #expect(v["kind"] == "big")
    #expect(v["when"] == "2026-01-01T00:00:00Z")
    #expect(v["owner"]?["name"]?.stringValue != nil)
    #expect(v["maybe"] == false)
    // A Gemini schema uses upper-case type names; a self-reference stops at the depth limit.
    #expect(
      SchemaInstance.instance(of: ["type": "OBJECT", "properties": ["n": ["type": "NUMBER"]]]) == [
        "n": 0
      ])
    let loop: JSONValue = ["$ref": "#"]
    #expect(SchemaInstance.instance(of: loop) == .null)
  }
}

extension DocumentedError: CustomTestStringConvertible {
  public var testDescription: String { "\(self)" }
}

@Suite struct SchemaInstanceLimitTests {
  /// A hostile schema (deeply nested arrays of wide objects) makes a small answer, not an exponential one.
  @Test func aHostileSchemaMakesASmallAnswer() {
    var schema: JSONValue = ["type": "string"]
    for _ in 0..<40 {
      var properties = JSONObject()
      for i in 0..<20 { properties["p\(i)"] = ["type": "array", "minItems": 3, "items": schema] }
      schema = ["type": "object", "properties": .object(properties)]
    }
    let bytes = JSONWriter.bytes(SchemaInstance.instance(of: schema))
    #expect(bytes.count < 2_000_000)
  }
}
