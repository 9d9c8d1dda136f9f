import Testing

@testable import ConformanceCore

/// Synthetic traffic for the client rules, built through `ClientExchange.observe` (the same reduction the
/// twin's recorder uses), so each rule is judged from requests and answers as they would arrive.
enum Traffic {
  static let key = "sk-judge-valid-key"
  static let keys = KeyClassifier(validKey: key)
  static let bearer = [("authorization", "Bearer \(key)")]
  static let anthropicHeaders = [("x-api-key", key), ("anthropic-version", "2023-06-01")]
  static let chat = "/openai/v1/chat/completions"

  /// One exchange: the request arrived at `at` and its answer (`error`, or a 200 with `body`) left at `answered`.
  static func ex(
    _ seq: Int, at: Double, answered: Double? = nil, method: String = "POST", path: String = chat,
    body: String = #"{"model":"gpt-4o-mini","messages":[]}"#, headers: [(String, String)] = bearer,
    error: DocumentedError? = nil, status: Int = 200, answer: JSONValue = ["ok": true],
    answerHeaders: [(String, String)] = [], taskID: String? = nil, reset: Bool = false
  ) -> ClientExchange {
    var response: HTTPResponse?
    if let error {
      response = error.answer(family: RouteCatalog.anyint.family(forPath: path))
    } else {
      response = HTTPResponse(status: status, body: JSONWriter.bytes(answer))
    }
    for (name, value) in answerHeaders { response?.headers.add(name, value) }
    if reset { response = nil }
    return ClientExchange.observe(
      seq: seq,
      request: HTTPRequest(
        method: method, target: path, headers: HTTPHeaders(headers), body: Array(body.utf8)),
      response: response, complete: !reset, keys: keys, redactor: Redactor(secrets: [key]),
      receivedMs: at, answeredMs: answered ?? at + 1, fault: nil, taskID: taskID)
  }

  static let song =
    #"{"customMode":false,"instrumental":false,"model":"V4","prompt":"p","callBackUrl":"http://x/cb"}"#
  static let created: JSONValue = ["code": 200, "msg": "success", "data": ["taskId": "t1"]]
  static func poll(
    _ seq: Int, at: Double, state: String = "PENDING", headers: [(String, String)] = []
  )
    -> ClientExchange
  {
    ex(
      seq, at: at, method: "GET", path: "/suno/query/task?taskId=t1", body: "",
      answer: ["code": 200, "msg": "success", "data": ["taskId": "t1", "status": .string(state)]],
      answerHeaders: headers)
  }

  static func callback(_ seq: Int, status: Int?, error: String? = nil) -> CallbackAttempt {
    CallbackAttempt(
      seq: seq, taskID: "t1", callbackType: "complete", url: "http://127.0.0.1:1/cb",
      sentMs: 100, answeredMs: 101, status: status, error: error)
  }
}

@Suite struct ClientJudgeTests {
  typealias T = Traffic

  /// (name, rule, traffic, expected status): every rule held, broken, and where it matters not exercised.
  static let cases: [(String, ClientRule, ClientTraffic, ClientRuleStatus)] = [
    ("bearer on openai", .authHeader, ClientTraffic(exchanges: [T.ex(1, at: 0)]), .held),
    (
      "bearer on anthropic", .authHeader,
      ClientTraffic(exchanges: [
        T.ex(
          1, at: 0, path: "/anthropic/v1/messages",
          headers: T.bearer + [("anthropic-version", "2023-06-01")], error: .invalidAPIKey)
      ]), .broken
    ),
    (
      "documented anthropic headers", .anthropicVersion,
      ClientTraffic(exchanges: [
        T.ex(1, at: 0, path: "/anthropic/v1/messages", headers: T.anthropicHeaders)
      ]), .held
    ),
    (
      "anthropic without a version", .anthropicVersion,
      ClientTraffic(exchanges: [
        T.ex(
          1, at: 0, path: "/anthropic/v1/messages", headers: [("x-api-key", T.key)],
          error: .missingHeader("anthropic-version"))
      ]), .broken
    ),
    (
      "no anthropic traffic", .anthropicVersion, ClientTraffic(exchanges: [T.ex(1, at: 0)]),
      .notExercised
    ),
    (
      "a 400 fixed before it is sent again", .noRetryClientError,
      ClientTraffic(exchanges: [
        T.ex(1, at: 0, body: #"{"messages":[]}"#, error: .missingField("model")), T.ex(2, at: 5),
      ]), .held
    ),
    (
      "a 400 sent again unchanged", .noRetryClientError,
      ClientTraffic(exchanges: [
        T.ex(1, at: 0, body: #"{"messages":[]}"#, error: .missingField("model")),
        T.ex(2, at: 5000, body: #"{ "messages" : [] }"#, error: .missingField("model")),
      ]), .broken
    ),
    (
      "a 401 sent again with another key", .noRetryClientError,
      ClientTraffic(exchanges: [
        T.ex(1, at: 0, headers: [("authorization", "Bearer sk-wrong-key")], error: .invalidAPIKey),
        T.ex(2, at: 5),
      ]), .held
    ),
    (
      "a disabled model re-sent within the window", .noRetryClientError,
      ClientTraffic(exchanges: [
        T.ex(1, at: 0, error: .modelNotEnabled("gpt-4o-mini")),
        T.ex(2, at: 1000, error: .modelNotEnabled("gpt-4o-mini")),
      ]), .broken
    ),
    (
      "a disabled model re-sent after the window", .noRetryClientError,
      ClientTraffic(exchanges: [
        T.ex(1, at: 0, error: .modelNotEnabled("gpt-4o-mini")), T.ex(2, at: 61_000),
      ]), .held
    ),
    (
      "429 waited its Retry-After", .rateLimitBackoff,
      ClientTraffic(exchanges: [
        T.ex(1, at: 0, error: .rateLimited(retryAfterSeconds: 1)), T.ex(2, at: 1002),
      ]), .held
    ),
    (
      "429 sent again before its Retry-After", .rateLimitBackoff,
      ClientTraffic(exchanges: [
        T.ex(1, at: 0, error: .rateLimited(retryAfterSeconds: 1)), T.ex(2, at: 300),
      ]), .broken
    ),
    (
      "429 without Retry-After backed off", .rateLimitBackoff,
      ClientTraffic(exchanges: [
        T.ex(1, at: 0, error: .quotaExhausted), T.ex(2, at: 420, error: .quotaExhausted),
        T.ex(3, at: 1300, error: .quotaExhausted), T.ex(4, at: 3000, error: .quotaExhausted),
        T.ex(5, at: 6500),
      ]), .held
    ),
    (
      "429 without Retry-After sent again at once", .rateLimitBackoff,
      ClientTraffic(exchanges: [T.ex(1, at: 0, error: .quotaExhausted), T.ex(2, at: 30)]), .broken
    ),
    (
      "429s answered at a steady pace", .rateLimitBackoff,
      ClientTraffic(exchanges: [
        T.ex(1, at: 0, error: .quotaExhausted), T.ex(2, at: 301, error: .quotaExhausted),
        T.ex(3, at: 602, error: .quotaExhausted), T.ex(4, at: 903),
      ]), .broken
    ),
    (
      "503 retried with growing waits", .upstreamBackoff,
      ClientTraffic(exchanges: [
        T.ex(1, at: 0, error: .upstreamUnavailable), T.ex(2, at: 451, error: .upstreamUnavailable),
        T.ex(3, at: 1400),
      ]), .held
    ),
    (
      "529 retried with a shorter wait", .upstreamBackoff,
      ClientTraffic(exchanges: [
        T.ex(
          1, at: 0, path: "/anthropic/v1/messages", headers: T.anthropicHeaders, error: .overloaded),
        T.ex(
          2, at: 601, path: "/anthropic/v1/messages", headers: T.anthropicHeaders,
          error: .overloaded),
        T.ex(3, at: 1000, path: "/anthropic/v1/messages", headers: T.anthropicHeaders),
      ]), .broken
    ),
    (
      "503 retried at once", .upstreamBackoff,
      ClientTraffic(exchanges: [T.ex(1, at: 0, error: .upstreamUnavailable), T.ex(2, at: 5)]),
      .broken
    ),
    (
      "three attempts", .boundedRetries,
      ClientTraffic(exchanges: [
        T.ex(1, at: 0, error: .upstreamUnavailable), T.ex(2, at: 500, error: .upstreamUnavailable),
        T.ex(3, at: 1500),
      ]), .held
    ),
    (
      "six attempts", .boundedRetries,
      ClientTraffic(
        exchanges: (1...6).map { T.ex($0, at: Double($0) * 1000, error: .upstreamUnavailable) }),
      .broken
    ),
    (
      "a success sent twice is not a retry", .boundedRetries,
      ClientTraffic(exchanges: [T.ex(1, at: 0), T.ex(2, at: 9)]), .notExercised
    ),
    (
      "a task polled, then created again once done", .pollNotRecreate,
      ClientTraffic(
        exchanges: [
          T.ex(1, at: 0, path: "/suno/generate", body: T.song, answer: T.created, taskID: "t1"),
          T.poll(2, at: 1200), T.poll(3, at: 2400, state: "SUCCESS"),
          T.ex(4, at: 5000, path: "/suno/generate", body: T.song, answer: T.created, taskID: "t2"),
        ], taskTerminalMs: ["t1": 2300]), .held
    ),
    (
      "a task created twice while pending", .pollNotRecreate,
      ClientTraffic(
        exchanges: [
          T.ex(1, at: 0, path: "/suno/generate", body: T.song, answer: T.created, taskID: "t1"),
          T.ex(2, at: 10, path: "/suno/generate", body: T.song, answer: T.created, taskID: "t2"),
        ], taskTerminalMs: ["t1": 3000]), .broken
    ),
    (
      "polls a second apart", .pollInterval,
      ClientTraffic(exchanges: [T.poll(1, at: 0), T.poll(2, at: 1200), T.poll(3, at: 2400)]), .held
    ),
    (
      "polls 100 ms apart", .pollInterval,
      ClientTraffic(exchanges: [T.poll(1, at: 0), T.poll(2, at: 100)]), .broken
    ),
    (
      "a poll before its own Retry-After", .pollInterval,
      ClientTraffic(exchanges: [
        T.poll(1, at: 0, headers: [("retry-after", "3")]), T.poll(2, at: 1500),
      ]), .broken
    ),
    (
      "a callback answered 200", .callbackAck,
      ClientTraffic(callbacks: [T.callback(1, status: 200)]), .held
    ),
    (
      "a callback answered 500 and one refused", .callbackAck,
      ClientTraffic(callbacks: [
        T.callback(1, status: 500), T.callback(2, status: nil, error: "connection refused"),
      ]), .broken
    ),
    ("no callbacks", .callbackAck, ClientTraffic(), .notExercised),
  ]

  @Test(arguments: cases.indices)
  func judgesEachRule(_ i: Int) {
    let (name, rule, traffic, expected) = Self.cases[i]
    let judgement = ClientJudge.judge(traffic)
    let result = judgement.rules.first { $0.rule == rule }
    #expect(result?.status == expected, "\(name): \(result?.violations.map(\.message) ?? [])")
    if expected == .broken {
      #expect(result?.violations.allSatisfy { !$0.fix.isEmpty && !$0.message.isEmpty } == true)
    }
  }

  /// Every rule has a case where it holds and one where it is broken.
  @Test func everyRuleHasAHeldAndABrokenCase() {
    for rule in ClientRule.allCases {
      let statuses = Set(Self.cases.filter { $0.1 == rule }.map(\.3))
      #expect(statuses.isSuperset(of: [.held, .broken]), "\(rule.rawValue)")
    }
  }

  /// The fix for a header problem is the diagnosis `run` reports, plus the SDK setting when the SDK is known.
  @Test func headerFixesAreTheDiagnoses() {
    var e = T.ex(
      1, at: 0, path: "/anthropic/v1/messages",
      headers: T.bearer + [
        ("anthropic-version", "2026-10-21"), ("user-agent", "Anthropic/Python 2.14.0"),
      ],
      error: .invalidAPIKey)
    e.seq = 1
    let j = ClientJudge.judge(ClientTraffic(exchanges: [e]))
    let auth = j.rules.first { $0.rule == .authHeader }?.violations.first
    #expect(auth?.message.hasPrefix("header-mismatch") == true)
    #expect(auth?.fix.contains("send x-api-key: <key>") == true)
    #expect(auth?.fix.contains("anthropic.Omit()") == true)
    let version = j.rules.first { $0.rule == .anthropicVersion }?.violations.first
    #expect(version?.message.hasPrefix("unknown-anthropic-version") == true)
    #expect(!j.held)
  }

  /// A key in the query (Gemini clients put one there) never reaches what reports show.
  @Test func secretsInTheTargetAreRedacted() {
    let e = T.ex(
      1, at: 0, method: "POST",
      path:
        "/gemini/v1beta/models/g:generateContent?key=sk-some-real-key-123&alt=sse&api_token=t0p",
      body: #"{"contents":[]}"#)
    #expect(
      e.target
        == "/gemini/v1beta/models/g:generateContent?key=<redacted>&alt=sse&api_token=<redacted>")
    #expect(!e.identityLabel.contains("sk-some-real-key-123") && !e.identityLabel.contains("t0p"))
    let valid = T.ex(2, at: 0, path: "/openai/v1/models?x=\(T.key)", body: "")
    #expect(!valid.target.contains(T.key))
  }

  /// The identity ignores headers and member order, and keeps method, path, query and body apart.
  @Test func requestIdentity() {
    func id(_ target: String, _ body: String, _ headers: [(String, String)] = []) -> RequestIdentity
    {
      RequestIdentity(
        HTTPRequest(
          method: "POST", target: target, headers: HTTPHeaders(headers), body: Array(body.utf8)))
    }
    #expect(
      id("/a", #"{"x":1,"y":2}"#)
        == id("/a", #"{ "y": 2, "x": 1 }"#, [("x-stainless-retry-count", "1")]))
    #expect(id("/a?b=1&c=2", "") == id("/a?c=2&b=1", ""))
    #expect(id("/a", #"{"x":1}"#) != id("/a", #"{"x":2}"#))
    #expect(id("/a", "") != id("/b", ""))
    let multipart = { (boundary: String) in
      id(
        "/f",
        "--\(boundary)\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n--\(boundary)--\r\n",
        [("content-type", "multipart/form-data; boundary=\(boundary)")])
    }
    #expect(multipart("aaaa1111") == multipart("bbbb2222"))
  }
}
