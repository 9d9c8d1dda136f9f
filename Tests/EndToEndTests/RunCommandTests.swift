import ConformanceCore
import Foundation
import TestSupport
import Testing

@Suite struct RunCommandTests {
  @Test func runsTheSuiteAndWritesTheFourReports() async throws {
    let dir = MiniSuite.make()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let r = try await Harness.run(["run"], in: dir)
    #expect(r.status == 0, "\(r.stdout)\n\(r.stderr)")
    #expect(r.stdout.contains("PASS  mini.models.ok"))
    #expect(
      r.stdout.split(separator: "\n").last?.hasPrefix("2 passed, 0 failed") == true, "\(r.stdout)")
    for name in ["report.json", "junit.xml", "report.md", "report.html"] {
      #expect(FileManager.default.fileExists(atPath: dir + "/Reports/" + name), "\(name) missing")
    }
    #expect(
      r.stdout.contains(
        "reports: Reports/report.json, Reports/junit.xml, Reports/report.md, Reports/report.html\n"),
      "\(r.stdout)")
    let report = try JSONParser.parse(
      Array((Harness.read(dir + "/Reports/report.json") ?? "").utf8))
    #expect(report["summary"]?["passed"] == 2)
    #expect(
      report["scenarios"]?.arrayValue?.map { $0["id"] } == [
        "mini.models.ok", "mini.models.bad-key",
      ])
    #expect(!r.stdout.contains("\u{1B}["), "no colour when stdout is not a terminal")
  }

  @Test func aWrongExpectationFailsInEveryFormatWithExpectedAndActual() async throws {
    let dir = MiniSuite.make()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let wrong = MiniSuite.scenarios.replacingOccurrences(
      of: #""status": 401"#, with: #""status": 403"#)
    Harness.write(wrong, to: dir + "/scenarios/models.json")
    let r = try await Harness.run(["run"], in: dir)
    #expect(r.status == 1)
    #expect(r.stdout.contains("FAIL  mini.models.bad-key"))
    #expect(r.stdout.contains("status: expected 403, actual 401"), "\(r.stdout)")
    #expect(r.stdout.contains("at scenarios/models.json:7:25"), "\(r.stdout)")
    let json = Harness.read(dir + "/Reports/report.json") ?? ""
    let report = try JSONParser.parse(Array(json.utf8))
    let failed = report["scenarios"]?.arrayValue?.first { $0["id"] == "mini.models.bad-key" }
    #expect(failed?["outcome"] == "failed")
    #expect(
      failed?["failures"]?.arrayValue?.first == [
        "check": "status", "expected": "403", "actual": "401",
        "source": "scenarios/models.json:7:25",
      ])
    let junit = Harness.read(dir + "/Reports/junit.xml") ?? ""
    #expect(
      junit.contains(#"<failure message="status: expected 403, actual 401" type="status">"#),
      "\(junit)")
    let md = Harness.read(dir + "/Reports/report.md") ?? ""
    #expect(md.contains("**status**: expected `403`, actual `401`"))
    #expect(r.stdout.split(separator: "\n").last?.hasPrefix("1 passed, 1 failed") == true)
    // GitHub Actions annotations, only when asked for: at the expectation's line.
    #expect(!r.stdout.contains("::error"))
    let gh = try await Harness.run(["run", "--format", "github,json"], in: dir)
    #expect(gh.status == 1)
    #expect(
      gh.stdout.hasPrefix(
        "::error file=scenarios/models.json,line=7,col=25,title=mini.models.bad-key%3A "),
      "\(gh.stdout)")
    #expect(gh.stdout.contains("::status: expected 403, actual 401%0Aretry table: invalid-api-key"))
  }

  @Test func invalidInputExitsTwoAndSendsAndWritesNothing() async throws {
    let dir = MiniSuite.make()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    Harness.write(
      #"{"id": "x", "summary": "s", "request": {"method": "GET", "path": "/openai/v1/models"}, "expect": {"status": "20x"}}"#,
      to: dir + "/scenarios/bad.json")
    let r = try await Harness.run(["run"], in: dir)
    #expect(r.status == 2)
    #expect(
      r.stderr.contains(
        "scenarios/bad.json:1:109: error: $.expect.status: unknown status class \"20x\""),
      "\(r.stderr)")
    #expect(!FileManager.default.fileExists(atPath: dir + "/Reports"))
    #expect(r.stdout.isEmpty)
  }

  @Test(arguments: [
    (["run", "--concurrency", "0"], "--concurrency takes a whole number"),
    (["run", "--format", "pdf"], "unknown format 'pdf'"),
    (["run", "--target", "staging"], "--target takes fixtures or live"),
    (["run", "--bogus"], "unknown option '--bogus'"),
    (["run", "--retry", "2"], "did you mean '--retries'?"),
    (["run", "--var", "novalue"], "--var takes NAME=VALUE"),
    (["run", "--tag", "nothing-has-this"], "no scenario matches"),
    (["run", "--fixtures", "missing-dir"], "fixture directory not found"),
    (["run", "missing.json"], "no such file or directory"),
    (["frobnicate"], "unknown command 'frobnicate'"),
    (["explain", "rate-limit"], "did you mean 'rate-limited'?"),
    (
      ["run", "--report-dir", "scenarios/models.json"],
      "--report-dir: cannot write scenarios/models.json: it is a file, not a directory; nothing was sent"
    ),
    (
      ["run", "--report-dir", "scenarios/models.json/out"],
      "scenarios/models.json is a file, not a directory"
    ),
  ])
  func badOptionsExitTwoWithAClearMessage(args: [String], message: String) async throws {
    let dir = MiniSuite.make()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let r = try await Harness.run(args, in: dir)
    #expect(r.status == 2, "\(args)")
    #expect(r.stderr.contains(message), "\(r.stderr)")
    #expect(!FileManager.default.fileExists(atPath: dir + "/Reports"))
    #expect(r.stdout.isEmpty, "nothing runs: \(r.stdout)")
  }

  @Test func selectsByTagAndIdAndWritesOnlyTheAskedFormats() async throws {
    let dir = MiniSuite.make()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let r = try await Harness.run(
      ["run", "--tag", "auth", "--format", "json", "--report-dir", "out"], in: dir)
    #expect(r.status == 0)
    #expect(r.stdout.isEmpty, "console output was not asked for")
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/out") == ["report.json"])
    let report = try JSONParser.parse(Array((Harness.read(dir + "/out/report.json") ?? "").utf8))
    #expect(report["scenarios"]?.arrayValue?.map { $0["id"] } == ["mini.models.bad-key"])
    let byID = try await Harness.run(["run", "--id", "mini.*.ok", "--format", "console"], in: dir)
    #expect(byID.stdout.contains("1 passed, 0 failed"))
    #expect(!FileManager.default.fileExists(atPath: dir + "/Reports"))
  }

  @Test func variablesComeFromTheCommandLineThenTheEnvironmentThenTheFile() async throws {
    let dir = MiniSuite.make()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let viaVar = try await Harness.run(
      ["run", "--id", "mini.models.ok", "--var", "model=gpt-9", "--format", "console"], in: dir)
    #expect(viaVar.status == 1)
    #expect(viaVar.stdout.contains(#"expected contains "gpt-9""#), "\(viaVar.stdout)")
    let viaEnv = try await Harness.run(
      ["run", "--id", "mini.models.ok", "--format", "console"], in: dir,
      env: ["ANYINT_VAR_MODEL": "gpt-8"])
    #expect(viaEnv.stdout.contains(#"expected contains "gpt-8""#), "\(viaEnv.stdout)")
  }

  @Test func aFixtureMissIsErroredAndNamesTheNearestRecording() async throws {
    let dir = MiniSuite.make()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let other = MiniSuite.scenarios.replacingOccurrences(
      of: #""key": "invalid""#, with: #""key": "empty""#)
    Harness.write(other, to: dir + "/scenarios/models.json")
    let r = try await Harness.run(["run", "--format", "console,junit"], in: dir)
    #expect(r.status == 1)
    #expect(r.stdout.contains("ERROR mini.models.bad-key"))
    #expect(r.stdout.contains("nearest is \"models.ok\""), "\(r.stdout)")
    #expect(r.stdout.contains("key: recorded valid, sent empty"), "\(r.stdout)")
    #expect(r.stdout.contains("1 passed, 0 failed, 1 errored"))
    #expect(
      (Harness.read(dir + "/Reports/junit.xml") ?? "").contains(
        "<error message=\"no fixture answers"))
  }

  /// SIGKILL while scenarios are in flight leaves the earlier report set exactly as it was and no half file.
  /// The kill is timed by what the run printed, not by a sleep: the first scenario answers at once and its
  /// console line appears (so the run is past its checks and its claim and is sending), the second waits
  /// ten minutes for its answer (well inside its limits), so the kill always lands mid-run however loaded
  /// the machine is.
  @Test func aKilledRunLeavesEarlierReportsWholeAndNoHalfFiles() async throws {
    let dir = MiniSuite.make()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    #expect(try await Harness.run(["run"], in: dir).status == 0)
    let before = Harness.read(dir + "/Reports/report.json")
    #expect(before != nil)
    Harness.write(
      MiniSuite.fixtures.replacingOccurrences(
        of: #""status": 401,"#, with: #""status": 401, "delayMs": 600000,"#),
      to: dir + "/Fixtures/models.fixture.json")
    let console = dir + "/console.txt"
    let p = try ChildProcess(
      [
        Harness.binary, "run", "--format", "console,json", "--concurrency", "2", "--timeout-ms",
        "900000", "--scenario-timeout-ms", "900000",
      ], directory: dir, output: .file(console), errors: .null)
    let deadline = Date().addingTimeInterval(120)
    var ended: ChildProcess.Termination?
    while ended == nil, Date() < deadline,
      !(Harness.read(console) ?? "").contains("mini.models.ok")
    {
      ended = await p.wait(seconds: 0.01)
    }
    #expect(ended == nil, "the run ended before it was killed: \(Harness.read(console) ?? "")")
    #expect((Harness.read(console) ?? "").contains("mini.models.ok"))
    p.send(SIGKILL)
    #expect(await p.wait().signal == SIGKILL)
    #expect(Harness.read(dir + "/Reports/report.json") == before)
    let names = try FileManager.default.contentsOfDirectory(atPath: dir + "/Reports").sorted()
    #expect(names == ["junit.xml", "report.html", "report.json", "report.md"])
  }
}

@Suite struct OtherCommandTests {
  @Test func validateListsEveryProblemInOnePass() async throws {
    let dir = MiniSuite.make()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    Harness.write(
      """
      {"id": "Bad Id", "summary": "s",
       "request": {"method": "get", "path": "openai/v1/models", "jsn": {}},
       "expect": {"status": 200, "situation": "fine"}}
      """, to: dir + "/scenarios/bad.json")
    let r = try await Harness.run(["validate"], in: dir)
    #expect(r.status == 2)
    let lines = r.stderr.split(separator: "\n").map(String.init)
    #expect(
      lines.contains {
        $0.hasPrefix("scenarios/bad.json:1:8: error: $.id: id \"Bad Id\" must match")
      }, "\(r.stderr)")
    #expect(
      lines.contains {
        $0.hasPrefix(
          "scenarios/bad.json:2:24: error: $.request.method: method \"get\" must be upper-case")
      }, "\(r.stderr)")
    #expect(
      lines.contains {
        $0.hasPrefix(
          "scenarios/bad.json:2:39: error: $.request.path: path \"openai/v1/models\" must start with '/'"
        )
      }, "\(r.stderr)")
    #expect(
      lines.contains {
        $0.hasPrefix(
          "scenarios/bad.json:2:59: error: $.request.jsn: unknown field 'jsn' in a request; did you mean 'json'?"
        )
      },
      "\(r.stderr)")
    #expect(
      lines.contains {
        $0.hasPrefix(
          "scenarios/bad.json:3:41: error: $.expect.situation: unknown situation \"fine\"")
      }, "\(r.stderr)")
    #expect(lines.last == "5 errors in 1 file; nothing was sent")
    let ok = try await Harness.run(["validate", "scenarios/models.json"], in: dir)
    #expect(ok.status == 0)
    #expect(ok.stdout == "2 scenarios in 1 file valid\n")
  }

  @Test func validateWarnsAboutScenariosNoFixtureAnswers() async throws {
    let dir = MiniSuite.make()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let clean = try await Harness.run(["validate", "--fixtures", "Fixtures"], in: dir)
    #expect(clean.status == 0)
    #expect(clean.stderr.isEmpty, "\(clean.stderr)")
    Harness.write(
      #"{"id": "mini.models.empty", "summary": "s", "request": {"method": "GET", "path": "/openai/v1/models", "key": "empty"}, "expect": {"status": 401}}"#,
      to: dir + "/scenarios/extra.json")
    let r = try await Harness.run(["validate", "--fixtures", "Fixtures"], in: dir)
    #expect(r.status == 0, "a missing fixture is a warning: the scenario itself is valid")
    #expect(
      r.stderr.contains(
        "scenarios/extra.json:1:56: warning: $.request: no fixture answers GET /openai/v1/models (auth bearer, key empty)"
      ), "\(r.stderr)")
  }

  @Test func listShowsIdsTagsAndSummaries() async throws {
    let dir = MiniSuite.make()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let r = try await Harness.run(["list", "--tag", "smoke"], in: dir)
    #expect(r.status == 0)
    #expect(r.stdout == "mini.models.ok  models list answers [smoke]\n1 of 2 scenarios selected\n")
    let json = try await Harness.run(["list", "--format", "json"], in: dir)
    let items = try JSONParser.parse(Array(json.stdout.utf8))
    #expect(items.arrayValue?.count == 2)
    #expect(items.arrayValue?.first?["family"] == "openai")
  }

  @Test func explainPrintsTheTableARowAndAStatus() async throws {
    let all = try await Harness.run(["explain"])
    #expect(all.status == 0)
    #expect(
      all.stdout.contains("rate-limited          later               Rate limit or quota exhausted")
    )
    let row = try await Harness.run(["explain", "task-pending"])
    #expect(row.stdout.contains("retry: poll (documented: Poll, do not recreate)"))
    let status = try await Harness.run(["explain", "529"])
    #expect(status.stdout.contains("529: not in the documented status table"))
    #expect(status.stdout.contains("upstream-unavailable, retry yes"))
    let json = try await Harness.run(["explain", "401", "--format", "json"])
    let v = try JSONParser.parse(Array(json.stdout.utf8))
    #expect(v["situation"] == "invalid-api-key")
    #expect(v["retry"] == "no")
    let id = try await Harness.run(["explain", "header-mismatch"])
    #expect(id.status == 0)
    #expect(id.stdout.hasPrefix("header-mismatch (diagnosis)\n  when: "), "\(id.stdout)")
    #expect(id.stdout.contains("x-api-key: <key> with anthropic-version: 2023-06-01"))
    let finding = try await Harness.run(["explain", "error-after-200", "--format", "json"])
    #expect(try JSONParser.parse(Array(finding.stdout.utf8))["kind"] == "finding")
    #expect(
      all.stdout.contains("Findings (about the gateway's answer): rate-limit-without-retry-after"))
    let typo = try await Harness.run(["explain", "header-mismatc"])
    #expect(typo.status == 2)
    #expect(typo.stderr.contains("did you mean 'header-mismatch'?"), "\(typo.stderr)")
  }

  @Test func helpIsGeneratedForEveryCommand() async throws {
    for command in ["run", "validate", "list", "explain"] {
      let r = try await Harness.run([command, "--help"])
      #expect(r.status == 0)
      #expect(r.stdout.contains("usage: anyint-conformance \(command)"), "\(command)")
    }
    let top = try await Harness.run([])
    #expect(top.status == 2)
    #expect(top.stderr.contains("commands:"))
  }
}

@Suite struct ShippedSuiteTests {
  @Test func theShippedSuitePassesOnTheFixtureMock() async throws {
    let out = Harness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: out) }
    let r = try await Harness.run(["run", "--report-dir", out])
    #expect(r.status == 0, "\(r.stdout)\n\(r.stderr)")
    #expect(r.stdout.contains("see the reports, and 'explain ID' for what one means"))
    // Every id the run reported explains itself.
    let reported = Set(
      r.stdout.split(separator: "\n").compactMap { line -> String? in
        let words = line.split(separator: " ")
        guard words.count > 1, ["diagnosis", "finding"].contains(words[0]) else { return nil }
        return String(words[1].dropLast())
      })
    #expect(reported.count >= 10, "\(reported.sorted())")
    for id in reported {
      #expect(NoteID(rawValue: id) != nil, "\(id) has no explain entry")
    }
    let report = try JSONParser.parse(Array((Harness.read(out + "/report.json") ?? "").utf8))
    let total = report["summary"]?["total"]?.intValue ?? 0
    #expect(total >= 25)
    #expect(report["summary"]?["passed"]?.intValue == total)
    let scenarios = report["scenarios"]?.arrayValue ?? []
    // Every scenario's answer is classified and carries the documented decision and guidance.
    for s in scenarios {
      #expect(s["situation"] != .null, "\(s["id"] ?? nil)")
      #expect(s["guidance"] != .null)
    }
    // Every status row of the seed and every non-stream, non-async retry row, on both families.
    for family in ["openai", "anthropic"] {
      let mine = scenarios.filter { $0["family"] == .string(family) }
      let statuses = Set(mine.compactMap { $0["observed"]?["status"]?.intValue })
      #expect(
        statuses.isSuperset(of: [200, 400, 401, 403, 429, 503]), "\(family): \(statuses.sorted())")
      let situations = Set(mine.compactMap { $0["situation"]?.stringValue })
      #expect(
        situations.isSuperset(of: [
          "success", "invalid-request", "invalid-api-key", "model-unavailable", "access-blocked",
          "rate-limited", "upstream-unavailable",
        ]),
        "\(family): \(situations.sorted())")
    }
    #expect(
      scenarios.contains {
        $0["id"] == "routes.v1-models.unpublished" && $0["situation"] == "undocumented"
      })
  }

  @Test func theShippedSuiteValidates() async throws {
    let r = try await Harness.run(["validate"])
    #expect(r.status == 0, "\(r.stderr)")
  }
}
