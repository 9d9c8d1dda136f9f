import ConformanceCore
import Foundation
import TestSupport
import Testing

/// report.html opened in headless Chromium (`Tests/Support/browser_check.py` drives it over the DevTools
/// protocol): one row per scenario, filters, the detail view, no console error, no network request, a
/// screenshot that is not blank. `.ci/run` installs Chromium and sets ANYINT_REQUIRE_CHROMIUM=1, so there the
/// tests run or fail; elsewhere they are skipped when no Chromium is installed.
@Suite(.serialized) struct BrowserTests {
  static let chromium: String? = {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for dir in path.split(separator: ":") {
      for name in ["chromium", "chromium-browser", "google-chrome"] {
        let candidate = "\(dir)/\(name)"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
      }
    }
    return nil
  }()
  static let required = ProcessInfo.processInfo.environment["ANYINT_REQUIRE_CHROMIUM"] == "1"
  /// The check is standard-library Python, so any interpreter does.
  static let python =
    ProcessInfo.processInfo.environment["ANYINT_TEST_PYTHON"] ?? "/usr/bin/python3"
  static let enabled = chromium != nil || required

  /// Runs the browser check on a page and records every check that failed.
  static func check(html: String, json: String, hostile: Bool = false) async throws {
    let chromium = try #require(
      Self.chromium, "ANYINT_REQUIRE_CHROMIUM=1 but no chromium on PATH (apt-get install chromium)")
    var argv = [
      python, Harness.repoRoot + "/Tests/Support/browser_check.py", html, json, "--chromium",
      chromium,
    ]
    if hostile { argv.append("--hostile") }
    let out = try await ChildProcess.run(argv)
    let text = String(decoding: out.stdout, as: UTF8.self)
    let result = try JSONParser.parse(text)
    for c in result["checks"]?.arrayValue ?? [] where c["ok"] != true {
      Issue.record(
        "\(c["check"]?.stringValue ?? "?"): \(c["detail"]?.stringValue ?? "")")
    }
    #expect(result["ok"] == true, "\(text)\n\(String(decoding: out.stderr, as: UTF8.self))")
  }

  @Test(
    .enabled(if: enabled, "no chromium installed (.ci/run installs it: apt-get install chromium)"))
  func theShippedSuitesPageWorks() async throws {
    let dir = Harness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let r = try await Harness.run(
      ["run", "--no-delays", "--quiet", "--report-dir", dir, "--format", "json,html"])
    #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
    try await Self.check(html: dir + "/report.html", json: dir + "/report.json")
  }

  /// A large report (1,500 scenarios: several render chunks) full of hostile text, failures first: the
  /// chunked list still ends with one row each,
  /// and nothing in it becomes markup or runs.
  @Test(
    .enabled(if: enabled, "no chromium installed (.ci/run installs it: apt-get install chromium)"))
  func aLargeHostileReportStaysText() async throws {
    let dir = Harness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    Harness.write(Self.hostileReport(count: 1500), to: dir + "/in/report.json")
    let r = try await Harness.run(
      ["report", "html", "in/report.json", "--report-dir", "out", "--format", "html"], in: dir)
    #expect(r.status == 1, "scenarios failed: exit 1\n\(r.stdout)\(r.stderr)")
    try await Self.check(
      html: dir + "/out/report.html", json: dir + "/in/report.json", hostile: true)
  }

  static let evil =
    "</script><script>window.pwned=1</script><!-- <img src=x onerror=\"window.pwned=2\"> &amp; \u{2028}\u{2029}"

  static func hostileReport(count: Int) -> String {
    let outcomes = ["passed", "passed", "passed", "failed", "errored", "skipped"]
    let families = ["openai", "anthropic", "gemini", "media", "music"]
    var scenarios: [JSONValue] = []
    for i in 0..<count {
      let outcome = outcomes[i % outcomes.count]
      let hostile = i % 7 == 0
      var s = JSONObject()
      s["id"] = .string(hostile ? "hostile.\(i).\(evil)" : "gen.\(families[i % 5]).\(i)")
      s["summary"] = .string(hostile ? evil : "generated scenario \(i)")
      s["outcome"] = .string(outcome)
      s["durationMs"] = .number(Double(i % 50))
      s["file"] = .string("scenarios/gen/\(i).json:1:1")
      s["tags"] = .array([.string("t\(i % 4)"), .string(hostile ? evil : "plain")])
      s["family"] = .string(families[i % 5])
      s["request"] = [
        "method": "POST", "target": .string("/openai/v1/chat/completions?i=\(i)"), "auth": "bearer",
        "key": "valid",
        "headers": ["__proto__": .string(evil), "authorization": "<valid key>"],
      ]
      s["observed"] =
        outcome == "errored"
        ? .null
        : [
          "status": .number(Double([200, 401, 429, 500][i % 4])), "envelope": "openai",
          "error": [
            "type": .string(evil), "code": .null, "param": .null, "message": .string(evil),
          ],
          "latencyMs": .number(Double(i % 300)),
          "headers": ["content-type": "application/json", "x-evil": .string(evil)],
          "bodyBytes": 12, "bodyExcerpt": .string(evil),
        ]
      s["situation"] = outcome == "errored" ? "unreachable" : "success"
      s["retry"] = .null
      s["message"] = outcome == "errored" ? .string("connection refused " + evil) : .null
      s["diagnoses"] = i % 5 == 0 ? [["id": "header-mismatch", "message": .string(evil)]] : []
      s["findings"] = i % 11 == 0 ? [["id": "undocumented-answer", "message": .string(evil)]] : []
      s["sdk"] = ["openai-python": ["retries": false, "delayMs": .null, "why": .string(evil)]]
      s["failures"] =
        outcome == "failed"
        ? [
          [
            "check": "status", "expected": "200", "actual": .string("401 " + evil),
            "source": "x:1:2",
          ]
        ]
        : []
      s["attempts"] = []
      s["steps"] = []
      if i % 13 == 0 {
        // Odd types a report read from disk can hold: the page must not trip over them.
        s["tags"] = "not-a-list"
        s["attempts"] = [.null, 3, "x"]
        s["failures"] = [.null, "x"]
        s["steps"] = [
          [
            "id": 5, "kind": "poll", "outcome": "passed", "states": 7, "captured": "x",
            "callbacks": [.null], "observed": ["status": 200, "stream": "weird", "timings": .null],
          ]
        ]
      }
      scenarios.append(.object(s))
    }
    let root: JSONValue = [
      "tool": ["name": "anyint-conformance", "version": "0.1.0"], "reportVersion": 1,
      "target": ["kind": "live", "baseURL": .string("https://example.invalid/" + evil)],
      "startedAt": "2026-11-25T12:00:00Z", "durationMs": 1234,
      "summary": [
        "total": .number(Double(count)), "passed": 0, "failed": 0, "errored": 0, "skipped": 0,
      ],
      "scenarios": .array(scenarios),
    ]
    return JSONWriter.string(root, style: .pretty)
  }
}
