import ConformanceCore
import Foundation
import Testing

/// Issue 11, case 1: numbers from outside never trap (a trap is exit 132 with nothing written).
@Suite struct NoTrapTests {
  static let waits = ["1e300", "inf", "99999999999999999999999999", "-1e300", "nan", "1e-300"]

  static func suite(header: String, value: String) -> (scenarios: String, fixtures: String) {
    let scenarios = """
      [
        {"id": "wait.chat", "summary": "a 429 asking for an absurd wait",
         "request": {"method": "POST", "path": "/openai/v1/chat/completions",
                     "json": {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}]}},
         "expect": {"status": 429}},
        {"id": "wait.poll", "summary": "a task poll whose pending answer asks for an absurd wait",
         "steps": [
           {"id": "create", "request": {"method": "POST", "path": "/suno/generate", "json": {"prompt": "x"}},
            "capture": {"task": "$.data.taskId"}},
           {"id": "poll", "request": {"method": "GET", "path": "/suno/query/task?taskId=${task}"},
            "poll": {"until": {"$.data.status": "SUCCESS"}, "intervalMs": 10, "timeoutMs": 3000}}
         ]}
      ]
      """
    let fixtures = """
      [
        {"id": "chat.wait", "request": {"method": "POST", "path": "/openai/v1/chat/completions",
         "json": {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}]}},
         "response": {"status": 429, "headers": {"\(header)": "\(value)"},
                      "json": {"error": {"message": "slow down", "type": "rate_limit_error", "code": "rate_limit_exceeded"}}}},
        {"id": "task.create", "request": {"method": "POST", "path": "/suno/generate", "json": {"prompt": "x"}},
         "response": {"status": 200, "json": {"code": 200, "msg": "success", "data": {"taskId": "{{task_id}}"}}}},
        {"id": "task.query", "createdBy": "task.create",
         "request": {"method": "GET", "path": "/suno/query/task?taskId={{task_id}}"},
         "response": {"status": 200, "headers": {"\(header)": "\(value)"},
                      "json": {"code": 200, "msg": "success", "data": {"taskId": "{{task_id}}", "status": "PENDING"}}}}
      ]
      """
    return (scenarios, fixtures)
  }

  struct Case: Sendable, CustomTestStringConvertible {
    var header: String
    var value: String
    var testDescription: String { "\(header): \(value)" }
  }

  static let cases: [Case] = waits.flatMap { v in
    [Case(header: "retry-after", value: v), Case(header: "retry-after-ms", value: v)]
  }

  @Test(arguments: cases)
  func anAbsurdWaitIsReportedNotATrap(_ c: Case) async throws {
    let dir = Harness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let s = Self.suite(header: c.header, value: c.value)
    Harness.write(s.scenarios, to: dir + "/scenarios/wait.json")
    Harness.write(s.fixtures, to: dir + "/Fixtures/wait.fixture.json")
    // With --retries the capped wait (60 s) outlasts a short scenario limit: errored, but reported.
    for extra in [[], ["--retries", "2", "--scenario-timeout-ms", "1500"]] {
      let r = try await Harness.run(["run", "--no-delays"] + extra, in: dir, timeout: 60)
      #expect(r.status == 0 || r.status == 1, "\(c): exit \(r.status)\n\(r.stdout)\n\(r.stderr)")
      let text = Harness.read(dir + "/Reports/report.json") ?? ""
      let report = try JSONParser.parse(Array(text.utf8))
      let outcomes = report["scenarios"]?.arrayValue?.map { $0["outcome"]?.stringValue ?? "" }
      if extra.isEmpty { #expect(outcomes == ["passed", "failed"], "\(c): \(r.stdout)") }
      #expect(outcomes?.count == 2)
      let junit = Harness.read(dir + "/Reports/junit.xml") ?? ""
      #expect(junit.contains("wait.chat"))
      try? FileManager.default.removeItem(atPath: dir + "/Reports")
    }
  }

  @Test(arguments: ["1e300", "-5", "1e13"])
  func reportMergeOfAnAbsurdDurationIsALocatedError(_ value: String) async throws {
    let dir = MiniSuite.make()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let first = try await Harness.run(["run", "--format", "json"], in: dir)
    #expect(first.status == 0, "\(first.stderr)")
    let text = Harness.read(dir + "/Reports/report.json") ?? ""
    let report = try JSONParser.parse(Array(text.utf8))
    guard case .object(let root) = report, case .array(var list)? = root["scenarios"],
      case .object(var second) = list[1]
    else {
      Issue.record("unexpected report shape")
      return
    }
    let n = JSONValue.number(Double(value) ?? 0)
    var top = root
    top["durationMs"] = n
    second["attempts"] = [["status": 429, "delayMs": n]]
    list[1] = .object(second)
    var nested = root
    nested["scenarios"] = .array(list)
    for (field, edited) in [("$.durationMs", top), ("$.scenarios[1].attempts[0].delayMs", nested)] {
      let changed = JSONValue.object(edited)
      Harness.write(JSONWriter.string(changed, style: .pretty), to: dir + "/shard.json")
      let r = try await Harness.run(
        ["report", "merge", "--report-dir", dir + "/merged", dir + "/shard.json"], in: dir)
      #expect(r.status == 2, "\(field) = \(value): exit \(r.status)\n\(r.stderr)")
      #expect(r.stderr.contains("shard.json: \(field):"), "\(r.stderr)")
    }
  }
}
