import ConformanceCore
import Testing

@testable import MockServer

/// `--inject`: which answers are faulted, how, and that the choice is a function of the seed and the request.
@Suite struct FaultInjectionTests {
  typealias C = ContractTwinTests

  static func injector(
    _ kinds: [(FaultPlan.Kind, Double)], first: Int? = nil, seed: UInt64 = 7, taskMs: Int = 3000
  ) -> FaultInjector {
    let twin = C.twin(taskMs: taskMs)
    return FaultInjector(
      twin,
      plan: FaultPlan(
        injections: kinds.map { FaultPlan.Injection(kind: $0.0, rate: $0.1) }, seed: seed,
        injectFirst: first),
      tasks: twin.tasks)
  }

  static func send(
    _ i: FaultInjector, _ path: String = "/openai/v1/chat/completions", body: String = C.chat,
    headers: [(String, String)] = C.bearer
  ) -> ResponderAnswer {
    i.answer(
      HTTPRequest(
        method: "POST", target: path, headers: HTTPHeaders(headers), body: Array(body.utf8)))
  }

  @Test func injectFirstCountsCopiesOfTheSameRequest() {
    let i = Self.injector([(.rateLimit, 1)], first: 2)
    // Headers SDKs change between attempts (and member order) do not make a new request.
    let a = Self.send(i, headers: C.bearer + [("x-stainless-retry-count", "0")])
    let b = Self.send(
      i, body: #"{ "messages": [{"content":"hi","role":"user"}], "model": "gpt-4o-mini" }"#,
      headers: C.bearer + [("x-stainless-retry-count", "1")])
    let c = Self.send(i)
    #expect([a, b, c].map(\.response.status) == [429, 429, 200])
    #expect(a.response.headers["retry-after"] == "1" && a.fault == "rate-limit")
    // Another request has its own count.
    #expect(Self.send(i, body: #"{"model":"gpt-4o-mini","messages":[]}"#).response.status == 429)
  }

  @Test func clientErrorsKeepTheirDocumentedAnswers() {
    let i = Self.injector([(.upstream, 1)])
    #expect(Self.send(i, body: #"{"messages":[]}"#).response.status == 400)
    #expect(Self.send(i, headers: [("x-api-key", C.key)]).response.status == 401)
    #expect(Self.send(i).response.status == 503)
  }

  @Test func theSeedDecides() {
    func faulted(_ seed: UInt64) -> [Int] {
      let i = Self.injector([(.quota, 0.5)], seed: seed)
      return (0..<40).filter { n in
        Self.send(i, body: #"{"model":"gpt-4o-mini","messages":[],"n":\#(n)}"#).response.status
          == 429
      }
    }
    #expect(faulted(1) == faulted(1))
    #expect(faulted(1) != faulted(2))
    #expect((5...35).contains(faulted(1).count))
    #expect(Self.send(Self.injector([(.quota, 0)])).response.status == 200)
  }

  @Test func eachKindFaultsWhatItAppliesTo() throws {
    let quota = Self.send(Self.injector([(.quota, 1)]))
    #expect(quota.response.status == 429 && quota.response.headers["retry-after"] == nil)
    #expect(try JSONParser.parse(quota.response.body)["error"]?["code"] == "insufficient_quota")
    // overloaded: only Anthropic routes.
    let overloaded = Self.injector([(.overloaded, 1)])
    #expect(Self.send(overloaded).response.status == 200)
    #expect(
      Self.send(overloaded, "/anthropic/v1/messages", body: C.message, headers: C.anthropic)
        .response.status
        == 529)
    let slow = Self.send(Self.injector([(.slow, 1)]))
    #expect(slow.response.status == 200 && slow.response.delayMs >= 3000 && slow.fault == "slow")
    let reset = Self.send(Self.injector([(.reset, 1)]))
    #expect(reset.reset && reset.callbacks.isEmpty)
    // cut-stream: only streams, cut inside an event.
    let cut = Self.injector([(.cutStream, 1)])
    #expect(Self.send(cut).response.truncate == false)
    let stream = Self.send(cut, body: #"{"model":"gpt-4o-mini","messages":[],"stream":true}"#)
    let body = String(decoding: stream.response.fullBody, as: UTF8.self)
    #expect(stream.response.truncate && body.hasPrefix("data: {") && !body.hasSuffix("\n\n"))
    #expect(!body.contains("[DONE]"))
  }

  @Test func taskFailEndsTheTaskInItsFailureState() async throws {
    let i = Self.injector([(.taskFail, 1)], taskMs: 300)
    let song =
      #"{"customMode":false,"instrumental":false,"model":"V4","prompt":"p","callBackUrl":"http://127.0.0.1:9/cb"}"#
    let create = Self.send(i, "/suno/generate", body: song)
    let task = try #require(create.taskID)
    #expect(
      create.response.status == 200 && create.callbacks.isEmpty && create.fault == "task-fail")
    try await Task.sleep(for: .milliseconds(500))
    let poll = i.answer(
      HTTPRequest(
        method: "GET", target: "/suno/query/task?taskId=\(task)", headers: HTTPHeaders(C.bearer)))
    #expect(try JSONParser.parse(poll.response.body)["data"]?["status"] == "GENERATE_AUDIO_FAILED")
    // A fixture's task answer is rewritten the same way once the task has left its first state.
    let recorded = ResponderAnswer(
      response: FixtureResponse(
        status: 200, body: JSONWriter.bytes(["id": "v1", "status": "in_progress"])), taskID: "v1")
    let rewritten = FaultInjector.failed(recorded)
    #expect(try JSONParser.parse(rewritten.response.body)["status"] == "failed")
  }

  @Test func injectSpecsAreChecked() {
    #expect(
      (try? FaultPlan.injection("rate-limit:0.25").get())
        == FaultPlan.Injection(kind: .rateLimit, rate: 0.25))
    #expect((try? FaultPlan.injection("reset").get())?.rate == 1)
    for bad in ["ratelimit", "quota:2", "slow:x", "upstream:-0.1", ""] {
      guard case .failure(let e) = FaultPlan.injection(bad) else {
        Issue.record("\(bad) was accepted")
        continue
      }
      #expect(e.message.contains("--inject"))
    }
  }
}
