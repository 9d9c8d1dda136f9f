import ConformanceCore
import Foundation
import Testing

/// Issue 11, case 7: `record --mode missing` re-sends only what no fixture answers, a scenario whole or not at
/// all; on a complete set it sends nothing and finishes at once; a fresh recording replays without warnings.
@Suite struct RecordMissingTests {
  static let key = "sk-record-missing-test-0123456789"

  static let scenarios = """
    [
      {"id": "m.models", "summary": "models", "request": {"method": "GET", "path": "/openai/v1/models"},
       "expect": {"status": 200}},
      {"id": "m.models.again", "summary": "the same request from another scenario",
       "request": {"method": "GET", "path": "/openai/v1/models"}, "expect": {"status": 200}},
      {"id": "m.bad-key", "summary": "a wrong key", "request": {"method": "GET", "path": "/openai/v1/models", "key": "invalid"},
       "expect": {"status": 401}},
      {"id": "m.task", "summary": "a task polled to the end",
       "steps": [
         {"id": "create", "request": {"method": "POST", "path": "/suno/generate", "json": {"prompt": "x"}},
          "capture": {"task": "$.data.taskId"}},
         {"id": "poll", "request": {"method": "GET", "path": "/suno/query/task?taskId=${task}"},
          "poll": {"until": {"$.data.status": "SUCCESS"}, "intervalMs": 20, "timeoutMs": 120000},
          "expect": {"json": {"$.data.status": "SUCCESS"}}}
       ]}
    ]
    """

  static let gateway = """
    [
      {"id": "models.ok", "request": {"method": "GET", "path": "/openai/v1/models"},
       "response": {"status": 200, "json": {"object": "list", "data": [{"id": "gpt-4o-mini"}]}}},
      {"id": "models.bad-key", "request": {"method": "GET", "path": "/openai/v1/models", "key": "invalid"},
       "response": {"status": 401, "json": {"error": {"message": "bad key", "type": "authentication_error", "code": "invalid_api_key"}}}},
      {"id": "task.create", "request": {"method": "POST", "path": "/suno/generate", "json": {"prompt": "x"}},
       "response": {"status": 200, "json": {"code": 200, "msg": "success", "data": {"taskId": "{{task_id}}"}}}},
      {"id": "task.query", "createdBy": "task.create",
       "request": {"method": "GET", "path": "/suno/query/task?taskId={{task_id}}"},
       "sequence": [
         {"afterRequests": 0, "response": {"status": 200, "json": {"code": 200, "data": {"taskId": "{{task_id}}", "status": "PENDING"}}}},
         {"afterRequests": 3, "response": {"status": 200, "json": {"code": 200, "data": {"taskId": "{{task_id}}", "status": "SUCCESS"}}}}
       ]}
    ]
    """

  static func lines(_ path: String) -> [String] {
    (Harness.read(path) ?? "").split(separator: "\n").map(String.init)
  }

  @Test func topUpSendsOnlyWhatIsMissingAndNothingOnACompleteSet() async throws {
    let dir = Harness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    Harness.write(Self.scenarios, to: dir + "/scenarios/m.json")
    Harness.write(Self.gateway, to: dir + "/gateway/g.fixture.json")
    let log = dir + "/requests.jsonl"
    let mock = try await MockServeProcess(
      arguments: ["--fixtures", dir + "/gateway", "--no-delays", "--log-requests", log],
      env: ["ANYINT_API_KEY": Self.key])
    defer { mock.terminate() }
    let env = ["ANYINT_API_KEY": Self.key]
    let record = ["record", "--base-url", mock.url, "--fixtures", "rec", "--format", "console"]

    let first = try await Harness.run(record, in: dir, env: env)
    #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
    let sentFirst = Self.lines(log).count
    #expect(sentFirst >= 6, "\(sentFirst) requests")

    // A fresh recording replays without a single warning (the repeated models request is written once).
    let replay = try await Harness.run(
      ["run", "--fixtures", "rec", "--format", "console", "--quiet"], in: dir)
    #expect(replay.status == 0, "\(replay.stdout)\(replay.stderr)")
    #expect(replay.stderr.isEmpty, "\(replay.stderr)")
    let check = try await Harness.run(["validate", "--fixtures", "rec"], in: dir)
    #expect(check.status == 0 && check.stderr.isEmpty, "\(check.stderr)")

    // Topping up a complete set sends nothing (it used to poll the task until its limit) and is quick.
    let watch = Date()
    let again = try await Harness.run(record, in: dir, env: env, timeout: 180)
    #expect(again.status == 0, "\(again.stdout)\(again.stderr)")
    // It used to poll the recorded task until the poll's 120 s limit; the bound is loose for a busy machine.
    #expect(Date().timeIntervalSince(watch) < 90)
    #expect(Self.lines(log).count == sentFirst, "the complete set sent requests")
    #expect(
      again.stdout.contains("recorded 0 fixtures in 0 files; 4 scenarios were already answered"))
    #expect(again.stdout.contains("4 passed, 0 failed"), "\(again.stdout)")

    // Without the task's file, the task scenario alone is sent, whole: its create and every poll.
    try FileManager.default.removeItem(atPath: dir + "/rec/m.task.fixture.json")
    let topUp = try await Harness.run(record, in: dir, env: env, timeout: 180)
    #expect(topUp.status == 0, "\(topUp.stdout)\(topUp.stderr)")
    let sent = Self.lines(log).dropFirst(sentFirst)
    #expect(sent.first?.contains("\"target\":\"/suno/generate\"") == true, "\(sent)")
    #expect(sent.dropFirst().allSatisfy { $0.contains("/suno/query/task?taskId=") }, "\(sent)")
    #expect(sent.count >= 4, "\(sent)")
    #expect(topUp.stdout.contains("3 scenarios were already answered"), "\(topUp.stdout)")
    let final = try await Harness.run(
      ["run", "--fixtures", "rec", "--format", "console", "--quiet"], in: dir)
    #expect(final.status == 0 && final.stderr.isEmpty, "\(final.stdout)\(final.stderr)")
  }

  /// A scenario whose request got no answer is not written in part.
  @Test func aScenarioWithAnUnansweredRequestIsNotWrittenInPart() async throws {
    let dir = Harness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    Harness.write(Self.scenarios, to: dir + "/scenarios/m.json")
    // The gateway creates the task but never answers the poll in time.
    Harness.write(
      Self.gateway.replacingOccurrences(
        of: #""afterRequests": 0, "response": {"status": 200,"#,
        with: #""afterRequests": 0, "response": {"status": 200, "delayMs": 5000,"#),
      to: dir + "/gateway/g.fixture.json")
    let mock = try await MockServeProcess(
      arguments: ["--fixtures", dir + "/gateway"], env: ["ANYINT_API_KEY": Self.key])
    defer { mock.terminate() }
    let r = try await Harness.run(
      [
        "record", "--base-url", mock.url, "--fixtures", "rec", "--format", "console",
        "--timeout-ms", "300",
      ], in: dir, env: ["ANYINT_API_KEY": Self.key], timeout: 60)
    #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
    #expect(r.stdout.contains("1 scenario not recorded"), "\(r.stdout)")
    #expect(!FileManager.default.fileExists(atPath: dir + "/rec/m.task.fixture.json"))
    #expect(FileManager.default.fileExists(atPath: dir + "/rec/m.models.fixture.json"))
  }
}
