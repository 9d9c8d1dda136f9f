import ConformanceCore
import Foundation
import Testing

/// `--rate`, `--fail-fast` and `--repeat` through the binary, checked from what `mock serve --log-requests`
/// received and from the reports.
@Suite struct RunControlTests {
  /// The issue's check: `--rate 20` spreads 100 requests over at least 4.5 s (and no second holds many more than
  /// 20 arrivals).
  @Test func rateSpreadsTheRequests() async throws {
    let dir = OperatingSuite.make(count: 100)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let log = dir + "/requests.jsonl"
    let mock = try await MockServeProcess(
      arguments: ["--fixtures", dir + "/Fixtures", "--log-requests", log], directory: dir)
    defer { mock.terminate() }
    let r = try await Harness.run(
      ["run", "--target", "live", "--base-url", mock.url, "--rate", "20"], in: dir,
      env: ["ANYINT_API_KEY": OperatingSuite.mockKey])
    #expect(r.status == 0, "\(r.stdout.suffix(1000))\(r.stderr)")
    #expect(r.stderr.contains("(concurrency 8, retries 0, at most 20 requests/s)"))
    let times = try OperatingSuite.logged(log).map(\.time).sorted()
    #expect(times.count == 100)
    let span = (times.last ?? .distantPast).timeIntervalSince(times.first ?? .distantPast)
    #expect(span >= 4.5, "100 requests at --rate 20 arrived within \(span) s")
    var busiest = 0
    for (i, t) in times.enumerated() {
      busiest = max(busiest, times[i...].prefix { $0.timeIntervalSince(t) < 1 }.count)
    }
    // The runner spaces sends by 1/N s; on a loaded machine the way to the mock can still bunch a few arrivals.
    #expect(busiest <= 25, "\(busiest) requests arrived within one second")
  }

  /// The issue's check: after the first failure is known nothing more is sent beyond what was in flight, and
  /// the scenarios not started are skipped with reason `fail-fast`. Every models answer takes 2 s; the second
  /// scenario asks for a route no fixture answers, which fails at once, long before any slot frees: so only
  /// what started before it (concurrency 1: the first scenario) and what was in flight with it was sent.
  @Test(arguments: [1, 4])
  func failFastSendsNothingAfterTheFirstFailure(concurrency: Int) async throws {
    let dir = OperatingSuite.make(count: 40)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var suite = Harness.read(dir + "/scenarios/ops.json") ?? ""
    suite = suite.replacingOccurrences(
      of:
        #""id": "op.0001", "summary": "models list 1", "request": {"method": "GET", "path": "/openai/v1/models"}"#,
      with:
        #""id": "op.0001", "summary": "files", "request": {"method": "GET", "path": "/openai/v1/files"}"#
    )
    Harness.write(suite, to: dir + "/scenarios/ops.json")
    Harness.write(
      #"[{"id": "models.slow", "request": {"method": "GET", "path": "/openai/v1/models"}, "response": {"status": 200, "delayMs": 2000, "json": {"object": "list", "data": []}}}]"#,
      to: dir + "/Fixtures/models.fixture.json")
    let log = dir + "/requests.jsonl"
    let mock = try await MockServeProcess(
      arguments: ["--fixtures", dir + "/Fixtures", "--log-requests", log], directory: dir)
    defer { mock.terminate() }
    let r = try await Harness.run(
      [
        "run", "--target", "live", "--base-url", mock.url, "--fail-fast", "--concurrency",
        "\(concurrency)",
      ], in: dir, env: ["ANYINT_API_KEY": OperatingSuite.mockKey])
    #expect(r.status == 1)
    let targets = try OperatingSuite.logged(log).map { $0.entry["target"]?.stringValue ?? "" }
    #expect(targets.contains("/openai/v1/files"))
    // Concurrency 1: the first scenario, then the failing one; 4: the four started together.
    #expect(targets.count == max(2, concurrency), "\(targets.count) requests: \(targets)")
    let sent = targets.count
    let scenarios = try OperatingSuite.report(dir)["scenarios"]?.arrayValue ?? []
    #expect(scenarios.count == 40)
    let skipped = scenarios.filter { $0["outcome"] == "skipped" }
    #expect(skipped.count == 40 - sent)
    for s in skipped {
      #expect(s["reason"] == "fail-fast")
      #expect(
        s["message"]?.stringValue?.contains("--fail-fast stopped the run after 'op.0001' failed")
          == true)
    }
    #expect(r.stdout.contains("FAIL  op.0001"))
    #expect(r.stdout.contains("scenarios not run, reported as skipped"))
    #expect(r.stdout.contains(", 1 failed, \(40 - sent) skipped"))
    let junit = Harness.read(dir + "/Reports/junit.xml") ?? ""
    #expect(junit.contains("skipped=\"\(40 - sent)\""))
  }

  @Test func failFastWithoutAFailureRunsEverything() async throws {
    let dir = OperatingSuite.make(count: 12)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let r = try await Harness.run(["run", "--fail-fast"], in: dir)
    #expect(r.status == 0)
    #expect(r.stdout.contains("12 passed, 0 failed (12 scenarios"))
  }

  /// The issue's check: `--repeat 3` runs and reports each scenario three times.
  @Test func repeatRunsAndReportsEachScenarioNTimes() async throws {
    let dir = MiniSuite.make()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let r = try await Harness.run(["run", "--repeat", "3"], in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    let ids = (try OperatingSuite.report(dir)["scenarios"]?.arrayValue ?? []).compactMap {
      $0["id"]?.stringValue
    }
    #expect(
      ids == [
        "mini.models.ok", "mini.models.bad-key", "mini.models.ok#2", "mini.models.bad-key#2",
        "mini.models.ok#3", "mini.models.bad-key#3",
      ])
    #expect(r.stdout.contains("PASS  mini.models.ok#3"))
    #expect(r.stdout.contains("6 passed, 0 failed (6 scenarios in"))
    #expect(r.stderr.contains("3 passes (--repeat)"))
    let junit = Harness.read(dir + "/Reports/junit.xml") ?? ""
    #expect(junit.components(separatedBy: "<testcase ").count - 1 == 6)
    let md = Harness.read(dir + "/Reports/report.md") ?? ""
    #expect(md.contains("`mini.models.bad-key#2`"))
  }

  @Test(arguments: [
    (["run", "--rate", "0"], "--rate takes a number of requests a second"),
    (["run", "--rate", "fast"], "--rate takes a number"),
    (["run", "--repeat", "0"], "--repeat takes a whole number from 1 to 10000"),
    (["run", "--color", "sometimes"], "--color takes auto, always or never, not 'sometimes'"),
    (["run", "-H", "NoColon"], "--header takes 'Name: value'"),
    (["run", "-H", "Authorization: Bearer x"], "--header authorization: the key headers"),
    (["run", "--header", "x-api-key: abc"], "--header x-api-key: the key headers"),
    (
      ["run", "--variables-file", "missing.json"],
      "missing.json: error: cannot read the --variables-file"
    ),
    (["record", "--repeat", "2"], "unknown option '--repeat' for 'record'"),
  ])
  func badRunControlsExitTwo(args: [String], message: String) async throws {
    let dir = MiniSuite.make()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let r = try await Harness.run(args, in: dir, env: ["ANYINT_BASE_URL": "http://127.0.0.1:9"])
    #expect(r.status == 2, "\(args): \(r.stderr)")
    #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
    #expect(!FileManager.default.fileExists(atPath: dir + "/Reports/report.json"))
  }
}
