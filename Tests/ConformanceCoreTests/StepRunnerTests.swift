import Foundation
import Testing

@testable import ConformanceCore

/// Step scenarios run in-process on the replay transport, with callbacks delivered straight to the hub.
struct StepHarness {
  let store: FixtureStore
  let hub = CallbackHub(baseURL: "http://127.0.0.1:1")

  init(fixtures: String) {
    let decoded = FixtureDecoder.decode(path: "f.fixture.json", bytes: Array(fixtures.utf8))
    precondition(decoded.diagnostics.isEmpty, "\(decoded.diagnostics)")
    store = FixtureStore(fixtures: decoded.fixtures)
  }

  func run(_ scenarioText: String, retries: Int = 0) async -> ScenarioResult {
    let decoded = ScenarioDecoder.decode(path: "s.json", bytes: Array(scenarioText.utf8))
    precondition(decoded.diagnostics.isEmpty, "\(decoded.diagnostics)")
    let hub = self.hub
    let credentials = Credentials(validKey: Credentials.fixtureKey)
    let transport = ReplayTransport(
      store: store, keys: credentials.keyClassifier,
      deliver: { url, body, _ in
        if let token = CallbackHub.token(inPath: url) { hub.deliver(token: token, body: body) }
      })
    var options = RunOptions(
      concurrency: 4, retries: retries, credentials: credentials,
      variables: VariableSources(builtIns: ["run_id": "r1"]))
    options.callbacks = hub
    return await Runner(transport: transport, options: options).run(decoded.scenarios)[0]
  }
}

@Suite struct StepRunnerTests {
  static let musicFixtures = """
    [
      {"id": "create", "request": {"method": "POST", "path": "/suno/generate", "anyBody": true},
       "response": {"status": 200, "json": {"code": 200, "msg": "success", "data": {"taskId": "{{task_id}}"}}},
       "callbacks": [
         {"afterMs": 0, "json": {"callbackType": "text", "task_id": "{{task_id}}", "data": []}},
         {"afterMs": 300, "json": {"code": 200, "msg": "ok", "data": {"callbackType": "complete", "task_id": "{{task_id}}", "data": [{"id": "a1"}]}}}
       ]},
      {"id": "query", "request": {"method": "GET", "path": "/suno/query/task?taskId={{task_id}}"},
       "sequence": [
         {"afterRequests": 0, "response": {"status": 200, "json": {"code": 200, "msg": "success", "data": {"taskId": "{{task_id}}", "status": "PENDING"}}}},
         {"afterRequests": 1, "response": {"status": 200, "json": {"code": 200, "msg": "success", "data": {"taskId": "{{task_id}}", "status": "TEXT_SUCCESS"}}}},
         {"afterRequests": 2, "response": {"status": 200, "json": {"code": 200, "msg": "success", "data": {"taskId": "{{task_id}}", "status": "SUCCESS"}}}}
       ]}
    ]
    """

  static func scenario(
    poll: String =
      #""until": {"$.data.status": "SUCCESS"}, "failWhen": {"$.data.status": {"in": ["GENERATE_AUDIO_FAILED", "SENSITIVE_WORD_ERROR"]}}, "intervalMs": 10, "timeoutMs": 10000"#,
    webhook: String = #""callbackType": "complete", "timeoutMs": 10000"#, extraCreate: Bool = false
  ) -> String {
    let create = #"""
      {"id": "create", "request": {"method": "POST", "path": "/suno/generate",
        "json": {"customMode": false, "instrumental": true, "model": "V4", "prompt": "jingle", "callBackUrl": "${callback_url}"}},
       "expect": {"status": 200, "json": {"$.data.taskId": {"exists": true}}}, "capture": {"task": "$.data.taskId"}}
      """#
    let again =
      extraCreate
      ? create.replacingOccurrences(of: #""id": "create""#, with: #""id": "create-again""#) + ","
      : ""
    return """
      {"id": "music.flow", "summary": "generate, poll, callback",
       "steps": [
         \(create),
         \(again)
         {"id": "poll", "request": {"method": "GET", "path": "/suno/query/task?taskId=${task}"},
          "poll": {\(poll)}, "expect": {"status": 200, "situation": "success"}},
         {"id": "callback", "webhook": {\(webhook)}}
       ]}
      """
  }

  @Test func aMusicTaskIsPolledToSuccessAndItsCallbackArrives() async {
    let r = await StepHarness(fixtures: Self.musicFixtures).run(Self.scenario())
    #expect(r.outcome == .passed, "\(r.failures) \(r.message ?? "")")
    #expect(r.steps.map(\.id) == ["create", "poll", "callback"])
    let poll = r.steps[1]
    #expect(poll.polls >= 3)
    #expect(poll.states.first == "PENDING" && poll.states.last == "SUCCESS")
    #expect(poll.record.attempts.allSatisfy { $0.situation == .taskPending })
    #expect(
      poll.record.attempts.first.map { RetryTable.decision(for: $0.situation ?? .success) } == .poll
    )
    let hook = r.steps[2]
    #expect(hook.callbacks.contains { $0.type == "complete" && $0.shape == "wrapped" })
    #expect(hook.callbacks.contains { $0.type == "text" && $0.shape == "flat" })
    #expect(r.steps[0].captured == ["task"])
  }

  @Test func duplicateCallbacksAreToleratedAndReported() async {
    // The text callback is delivered twice before the complete one.
    let fixtures = Self.musicFixtures.replacingOccurrences(
      of:
        #"{"afterMs": 0, "json": {"callbackType": "text", "task_id": "{{task_id}}", "data": []}},"#,
      with:
        #"{"afterMs": 0, "json": {"callbackType": "text", "task_id": "{{task_id}}", "data": []}}, {"afterMs": 1, "json": {"callbackType": "text", "task_id": "{{task_id}}", "data": []}},"#
    )
    let r = await StepHarness(fixtures: fixtures).run(Self.scenario())
    #expect(r.outcome == .passed, "\(r.failures)")
    let hook = r.steps[2]
    #expect(hook.callbacks.filter { $0.type == "text" }.map(\.duplicate) == [false, true])
    #expect(hook.record.message == "1 duplicate callback received and tolerated")
  }

  @Test func aMissingCallbackFailsTheStepAtItsTimeout() async {
    let r = await StepHarness(fixtures: Self.musicFixtures).run(
      Self.scenario(webhook: #""callbackType": "error", "timeoutMs": 150"#))
    #expect(r.outcome == .failed)
    let f = r.failures.first { $0.check == "steps.callback.webhook" }
    #expect(f?.expected == "a error callback within 150 ms")
    #expect(f?.actual.hasPrefix("only ") == true, "\(f?.actual ?? "")")
  }

  @Test func aLateCallbackIsStillAMissAtTheTimeout() async {
    // The complete callback comes a minute after the create (however slow the machine, the 100 ms webhook
    // wait ends long before it); the first poll already satisfies `until`. The text callback, due at once, is
    // in the hub before the create's answer returns, so it is listed whatever the scheduling.
    let late = Self.musicFixtures.replacingOccurrences(
      of: #""afterMs": 300"#, with: #""afterMs": 60000"#)
    let fast = Self.scenario(
      poll: #""until": {"$.data.status": "PENDING"}, "intervalMs": 5, "timeoutMs": 500"#,
      webhook: #""callbackType": "complete", "timeoutMs": 100"#)
    let r = await StepHarness(fixtures: late).run(fast)
    #expect(r.outcome == .failed)
    #expect(
      r.failures.contains {
        $0.check == "steps.callback.webhook" && $0.note?.contains("late or lost") == true
      })
    #expect(r.steps[2].callbacks.map(\.type) == ["text"])
  }

  @Test func aPollThatTimesOutFailsWithTheLastState() async {
    // Three requests are needed to reach SUCCESS; the limit allows one interval.
    let slow = Self.scenario(
      poll: #""until": {"$.data.status": "SUCCESS"}, "intervalMs": 100, "timeoutMs": 150"#)
    let r = await StepHarness(fixtures: Self.musicFixtures).run(slow)
    #expect(r.outcome == .failed)
    let f = r.failures.first { $0.check == "steps.poll.poll.timeout" }
    #expect(
      // One poll or more, however loaded the machine is ("1 poll in", "2 polls in").
      f?.actual.hasPrefix("still ") == true
        && (f?.actual.contains(" poll in ") == true || f?.actual.contains(" polls in ") == true),
      "\(r.failures)")
    #expect(f?.expected == #"$.data.status "SUCCESS""#)
    #expect(r.steps[1].record.situation == .taskPending)
    #expect(r.steps[2].record.outcome == .skipped)
  }

  @Test func aFailedTaskStateEndsThePoll() async {
    let fixtures = Self.musicFixtures.replacingOccurrences(
      of: #""status": "TEXT_SUCCESS""#, with: #""status": "GENERATE_AUDIO_FAILED""#)
    let r = await StepHarness(fixtures: fixtures).run(Self.scenario())
    #expect(r.outcome == .failed)
    let f = r.failures.first { $0.check == "steps.poll.poll.failWhen" }
    #expect(f?.actual == #""GENERATE_AUDIO_FAILED""#, "\(r.failures)")
    #expect(f?.note == "the task ended in a failure state")
  }

  @Test func aBackwardsStateIsReported() async {
    let fixtures = Self.musicFixtures.replacingOccurrences(
      of:
        #""afterRequests": 2, "response": {"status": 200, "json": {"code": 200, "msg": "success", "data": {"taskId": "{{task_id}}", "status": "SUCCESS"}}}"#,
      with:
        #""afterRequests": 2, "response": {"status": 200, "json": {"code": 200, "msg": "success", "data": {"taskId": "{{task_id}}", "status": "PENDING"}}}}, {"afterRequests": 3, "response": {"status": 200, "json": {"code": 200, "msg": "success", "data": {"taskId": "{{task_id}}", "status": "SUCCESS"}}}"#
    )
    let r = await StepHarness(fixtures: fixtures).run(Self.scenario())
    #expect(r.outcome == .failed)
    let f = r.failures.first { $0.check == "steps.poll.task.state" }
    #expect(f?.note == "the task state moved backwards (TEXT_SUCCESS -> PENDING)", "\(r.failures)")
  }

  @Test func duplicateCreatesFailTheScenario() async {
    let r = await StepHarness(fixtures: Self.musicFixtures).run(Self.scenario(extraCreate: true))
    #expect(r.outcome == .failed)
    let f = r.failures.first { $0.check == "steps.create-again.creates" }
    #expect(f?.actual == "2 identical create requests", "\(r.failures)")
  }

  @Test func aCreateIsNeverRetried() async {
    let fixtures =
      #"[{"id": "busy", "request": {"method": "POST", "path": "/suno/generate", "anyBody": true}, "response": {"status": 503, "json": {"error": {"message": "busy", "type": "server_error"}}}}]"#
    let scenario =
      #"{"id": "c", "summary": "s", "steps": [{"id": "create", "request": {"method": "POST", "path": "/suno/generate", "json": {}}, "expect": {"status": 200}}]}"#
    let r = await StepHarness(fixtures: fixtures).run(scenario, retries: 3)
    #expect(r.outcome == .failed)
    #expect(r.steps[0].record.attempts.isEmpty, "a create must be sent exactly once")
  }

  @Test func eachCreateMintsItsOwnTaskSoConcurrentScenariosDoNotShareState() {
    let h = StepHarness(fixtures: Self.musicFixtures)
    let session = FixtureSession()
    let keys = Credentials(validKey: Credentials.fixtureKey).keyClassifier
    let request = HTTPRequest(
      method: "POST", target: "/suno/generate",
      headers: HTTPHeaders([("authorization", "Bearer \(Credentials.fixtureKey)")]),
      body: Array(#"{"callBackUrl":"http://x/callbacks/t"}"#.utf8))
    let ids = (0..<3).compactMap { _ -> String? in
      if case .success(let a) = h.store.respond(to: request, keys: keys, session: session) {
        return a.taskID
      }
      return nil
    }
    #expect(Set(ids).count == 3)
    if case .success(let a) = h.store.respond(to: request, keys: keys, session: session) {
      #expect(a.callbacks.count == 2)
      #expect(a.callbacks[0].url == "http://x/callbacks/t")
      #expect(a.callbacks[0].callback.body["task_id"] == .string(a.taskID ?? ""))
    } else {
      Issue.record("the create fixture should answer")
    }
  }
}
