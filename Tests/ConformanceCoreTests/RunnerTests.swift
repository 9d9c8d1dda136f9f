import Foundation
import Synchronization
import Testing

@testable import ConformanceCore

/// Builds small scenarios in code for runner tests.
func makeScenario(
  _ id: String, path: String = "/openai/v1/models", method: String = "GET", key: KeyKind = .valid,
  expect: ScenarioExpectation = ScenarioExpectation(),
  timeoutMs: Int? = nil
) -> Scenario {
  let ref = SourceRef(file: "t.json", line: 1, column: 1)
  var e = expect
  if e.status == nil && e.situation == nil { e.status = Located(.codes([200]), ref) }
  return Scenario(
    id: id, summary: id, family: RouteCatalog.anyint.family(forPath: path),
    exchange: Exchange(
      request: RequestSpec(method: method, path: path, key: key, source: ref), expect: e),
    timeoutMs: timeoutMs, source: ref)
}

func json(_ status: Int, _ body: JSONValue, headers: [(String, String)] = []) -> TransportResult {
  .success(
    TransportReply(
      response: HTTPResponse(
        status: status, headers: HTTPHeaders(headers), body: JSONWriter.bytes(body))))
}

@Suite struct RunnerTests {
  let ref = SourceRef(file: "t.json", line: 3, column: 5)

  @Test func keepsInputOrderWhateverFinishesFirst() async {
    let transport = ClosureTransport { req, _ in
      // Later scenarios answer sooner.
      let n = Int(req.target.split(separator: "=").last ?? "0") ?? 0
      try? await Task.sleep(for: .milliseconds(5 * (10 - n)))
      return json(200, ["n": .number(Double(n))])
    }
    let scenarios = (0..<10).map { makeScenario("s\($0)", path: "/openai/v1/models?n=\($0)") }
    let results = await Runner(transport: transport, options: RunOptions(concurrency: 10)).run(
      scenarios)
    #expect(results.map(\.id) == (0..<10).map { "s\($0)" })
    #expect(results.allSatisfy { $0.outcome == .passed })
  }

  @Test func neverRunsMoreThanTheConcurrencyLimit() async {
    let inFlight = Mutex((now: 0, peak: 0))
    let transport = ClosureTransport { _, _ in
      inFlight.withLock {
        $0.now += 1
        $0.peak = max($0.peak, $0.now)
      }
      try? await Task.sleep(for: .milliseconds(10))
      inFlight.withLock { $0.now -= 1 }
      return json(200, [:])
    }
    let scenarios = (0..<24).map { makeScenario("s\($0)") }
    _ = await Runner(transport: transport, options: RunOptions(concurrency: 3)).run(scenarios)
    #expect(inFlight.withLock { $0.peak } == 3)
  }

  @Test func judgesEveryCheckAndPointsAtIt() async {
    var e = ScenarioExpectation()
    e.status = Located(.codes([401]), ref)
    e.envelope = Located(.openai, ref)
    e.error = [
      (.type, .equals("authentication_error"), ref), (.code, .equals("invalid_api_key"), ref),
    ]
    e.situation = Located(.invalidAPIKey, ref)
    e.retry = Located(.no, ref)
    let transport = ClosureTransport { _, _ in
      json(
        429,
        [
          "error": [
            "message": "Rate limit exceeded", "type": "rate_limit_error",
            "code": "rate_limit_exceeded",
          ]
        ])
    }
    let r = await Runner(transport: transport, options: RunOptions()).run([
      makeScenario("x", expect: e)
    ])[0]
    #expect(r.outcome == .failed)
    #expect(
      r.failures.map(\.check) == ["status", "error.type", "error.code", "situation", "retry"])
    #expect(r.failures[0].expected == "401" && r.failures[0].actual == "429")
    #expect(r.failures[3].actual == "rate-limited")
    #expect(r.failures[4].actual == "later")
    #expect(r.failures[0].ref == ref)
    #expect(r.situation == .rateLimited && r.retry == .later)
    #expect(r.guidance == "Use exponential backoff or reduce concurrency.")
  }

  @Test func aFixtureMissErrorsWithItsMessage() async {
    let transport = ClosureTransport { _, _ in
      .failure(TransportFault(.noFixture, "no fixture answers GET /x; nearest is ..."))
    }
    let r = await Runner(transport: transport, options: RunOptions()).run([makeScenario("x")])[0]
    #expect(r.outcome == .errored)
    #expect(r.message?.contains("nearest is") == true)
    #expect(r.situation == nil)
  }

  @Test func aNetworkFaultIsUnreachableAndErrored() async {
    let transport = ClosureTransport { _, _ in
      .failure(TransportFault(.connectionRefused, "connection refused by 127.0.0.1:9"))
    }
    let r = await Runner(transport: transport, options: RunOptions()).run([makeScenario("x")])[0]
    #expect(r.outcome == .errored)
    #expect(r.situation == .unreachable)
    #expect(r.faultKind == .connectionRefused)
  }

  @Test(.timeLimit(.minutes(1)))
  func requestAndScenarioTimeoutsEndAHungTransport() async {
    // The transport never answers on its own (an hour), so only a time limit can end these scenarios, and each
    // hung send must be cancelled, not left running. Each limit is tested alone: with both short, which fires
    // first would depend on how the two timers are scheduled, not on the code.
    let cancelled = Mutex(0)
    let transport = ClosureTransport { _, _ in
      do { try await Task.sleep(for: .seconds(3600)) } catch { cancelled.withLock { $0 += 1 } }
      return json(200, [:])
    }
    let byRequest = await Runner(
      transport: transport, options: RunOptions(requestTimeoutMs: 100, scenarioTimeoutMs: 3_600_000)
    ).run([makeScenario("request-limit")])[0]
    #expect(byRequest.outcome == .errored && byRequest.situation == .unreachable)
    #expect(
      byRequest.message?.contains("no answer within 100 ms") == true, "\(byRequest.message ?? "")")
    let byScenario = await Runner(
      transport: transport, options: RunOptions(requestTimeoutMs: 3_600_000)
    ).run([makeScenario("scenario-limit", timeoutMs: 50)])[0]
    #expect(byScenario.outcome == .errored)
    #expect(byScenario.message?.contains("its 50 ms limit") == true, "\(byScenario.message ?? "")")
    #expect(cancelled.withLock { $0 } == 2, "every hung send is cancelled when its limit ends it")
  }

  @Test func retriesFollowTheDocumentedDecisionAndKeepEveryAttempt() async {
    let count = Mutex(0)
    let transport = ClosureTransport { _, _ in
      let n = count.withLock {
        $0 += 1
        return $0
      }
      if n == 1 { return json(503, ["error": ["message": "down", "type": "server_error"]]) }
      if n == 2 {
        return json(
          429, ["error": ["message": "slow down", "type": "rate_limit_error"]],
          headers: [("retry-after-ms", "20")])
      }
      return json(200, [:])
    }
    let policy = RetryPolicy(baseDelayMs: 10, random: { 0.5 })
    let r = await Runner(transport: transport, options: RunOptions(retries: 3, retryPolicy: policy))
      .run([makeScenario("x")])[0]
    #expect(r.outcome == .passed)
    #expect(r.attempts.map(\.status) == [503, 429, 200])
    #expect(r.attempts.map(\.delayMs) == [8, 20, 0])
  }

  @Test func neverRetriesADecisionOfNo() async {
    let count = Mutex(0)
    let transport = ClosureTransport { _, _ in
      count.withLock { $0 += 1 }
      return json(401, ["error": ["message": "bad key", "type": "authentication_error"]])
    }
    _ = await Runner(transport: transport, options: RunOptions(retries: 5)).run([makeScenario("x")])
    #expect(count.withLock { $0 } == 1)
  }

  @Test func theKeyNeverReachesAResult() async {
    let secret = "sk-canary-0123456789abcdefghijklmnop"
    let transport = ClosureTransport { req, _ in
      let echoed = req.headers["authorization"] ?? ""
      return json(
        401,
        [
          "error": [
            "message": .string("Incorrect API key provided: \(echoed)"),
            "type": "authentication_error",
          ]
        ], headers: [("x-echo", echoed)])
    }
    let options = RunOptions(credentials: Credentials(validKey: secret))
    let r = await Runner(transport: transport, options: options).run([makeScenario("x")])[0]
    let dump = "\(r)"
    #expect(!dump.contains(secret))
    #expect(dump.contains(Redactor.placeholder))
    #expect(r.request?.headers.contains { $0.value == "<valid key>" } == true)
  }
}

@Suite struct RetryPolicyTests {
  @Test func backoffGrowsCapsAndJitters() {
    let p = RetryPolicy(random: { 0 })
    #expect(p.backoff(0) == 375)
    #expect(p.backoff(1) == 750)
    #expect(p.backoff(10) == 6000)
    #expect(RetryPolicy(random: { 0.999999 }).backoff(10) == 7999)
  }

  @Test func honoursRetryAfterForLaterOnly() {
    let p = RetryPolicy(maxRetryAfterMs: 60_000, random: { 0 })
    let later = Classification(.rateLimited, "")
    #expect(
      p.delayMs(after: later, headers: HTTPHeaders([("Retry-After", "2")]), attempt: 0) == 2000)
    #expect(
      p.delayMs(after: later, headers: HTTPHeaders([("retry-after", "600")]), attempt: 0) == 60_000)
    #expect(
      p.delayMs(
        after: later, headers: HTTPHeaders([("retry-after-ms", "150"), ("retry-after", "9")]),
        attempt: 0) == 150)
    #expect(p.delayMs(after: later, headers: HTTPHeaders(), attempt: 1) == 750)
    #expect(p.delayMs(after: Classification(.invalidRequest, ""), headers: nil, attempt: 0) == nil)
    #expect(
      p.delayMs(after: Classification(.modelUnavailable, ""), headers: nil, attempt: 0) == nil)
    #expect(p.delayMs(after: Classification(.undocumented, ""), headers: nil, attempt: 0) == nil)
    #expect(p.delayMs(after: nil, headers: nil, attempt: 0) == nil)
  }

  @Test func readsHTTPDates() {
    let now = Date(timeIntervalSince1970: 1_700_000_000)
    let later = "Tue, 14 Nov 2023 22:13:30 GMT"  // 10 s after `now`
    #expect(RetryPolicy.retryAfterMs(HTTPHeaders([("retry-after", later)]), now: now) == 10_000)
  }
}
