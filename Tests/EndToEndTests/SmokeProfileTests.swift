import ConformanceCore
import Foundation
import Testing

/// The production-safe smoke profile: `run --tag smoke --target live` against `mock serve` passes, and no request
/// it sends to a generation route could be billed (checked on the requests the mock received).
@Suite struct SmokeProfileTests {
  @Test func theSmokeProfileIsSafeAgainstProduction() async throws {
    let key = "sk-smoke-0123456789abcdefghij"
    let dir = Harness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let log = dir + "/requests.jsonl"
    let server = try await MockServeProcess(
      arguments: ["--log-requests", log], env: ["ANYINT_API_KEY": key])
    let r = try await Harness.run(
      [
        "run", "--tag", "smoke", "--target", "live", "--base-url", server.url, "--format",
        "json,console", "--report-dir", dir,
      ],
      env: ["ANYINT_API_KEY": key])
    await server.stop()
    #expect(r.status == 0, "\(r.stdout.suffix(2000))")
    let report = try JSONParser.parse(Array((Harness.read(dir + "/report.json") ?? "").utf8))
    let scenarios = report["scenarios"]?.arrayValue ?? []
    #expect(scenarios.count >= 20)
    #expect(scenarios.allSatisfy { $0["tags"]?.arrayValue?.contains("smoke") == true })

    let lines = (Harness.read(log) ?? "").split(separator: "\n")
    #expect(lines.count >= scenarios.count, "the mock logged \(lines.count) requests")
    var billable: [String] = []
    for line in lines {
      let e = try JSONParser.parse(Array(line.utf8))
      let method = e["method"]?.stringValue ?? ""
      let target = e["target"]?.stringValue ?? ""
      let status = e["status"]?.intValue ?? 0
      // A generation route: any POST but count_tokens. Answered 2xx, it ran (and billed) a model or task.
      let generation = method == "POST" && !target.hasSuffix("/count_tokens")
      if generation && (200..<300).contains(status) {
        billable.append("\(method) \(target) -> \(status)")
      }
      #expect(!line.contains(key))
    }
    #expect(billable.isEmpty, "smoke requests that would be billed: \(billable)")
  }

  @Test func everySmokeScenarioHasALatencyBudget() throws {
    let (suite, _) = ScenarioLoader.load(
      paths: [Harness.repoRoot + "/scenarios"], variables: VariableSources())
    let smoke = suite.scenarios.filter { $0.tags.contains("smoke") }
    #expect(smoke.count >= 20)
    for s in smoke {
      #expect(
        s.exchange?.expect.latencyMaxMs != nil,
        "\(s.id) is tagged smoke but has no expect.latencyMs budget")
    }
  }
}
