import ConformanceCore
import Foundation
import Testing

/// The messages a new user meets: variables files and their order, did-you-mean for a variable, the fixture-miss
/// hint, explain's success row, errors naming the command's own options, -V and --help everywhere.
@Suite struct MessageTests {
  @Test func variablesFilesSitBetweenTheEnvironmentAndVariablesJSON() async throws {
    let dir = Harness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    Harness.write(
      #"[{"id": "vars", "summary": "variables", "request": {"method": "GET", "path": "/openai/v1/models?a=${a}&b=${b}&c=${c}&d=${d}&e=${e}"}, "expect": {"status": 200}}]"#,
      to: dir + "/scenarios/vars.json")
    Harness.write(
      #"{"a": "json", "b": "json", "c": "json", "d": "json", "e": "json"}"#,
      to: dir + "/scenarios/variables.json")
    Harness.write(#"{"a": "f1", "b": "f1", "c": "f1", "d": "f1"}"#, to: dir + "/f1.json")
    Harness.write(#"{"a": "f2", "b": "f2", "c": "f2"}"#, to: dir + "/f2.json")
    Harness.write("[]", to: dir + "/Fixtures/none.fixture.json")
    let r = try await Harness.run(
      [
        "run", "--var", "a=cli", "--variables-file", "f1.json", "--variables-file", "f2.json",
        "--format", "json",
      ], in: dir, env: ["ANYINT_VAR_B": "env"])
    #expect(r.status == 1, "\(r.stderr)")
    let scenario = try OperatingSuite.report(dir)["scenarios"]?.arrayValue?.first
    #expect(
      scenario?["request"]?["target"]?.stringValue
        == "/openai/v1/models?a=cli&b=env&c=f2&d=f1&e=json")

    Harness.write("[1]", to: dir + "/bad.json")
    let bad = try await Harness.run(["validate", "--variables-file", "bad.json"], in: dir)
    #expect(bad.status == 2)
    #expect(bad.stderr.contains("bad.json:1:1: error: "), "\(bad.stderr)")
  }

  @Test func anUnresolvedVariableGetsADidYouMeanAndTheFilesRead() async throws {
    let dir = Harness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    Harness.write(
      #"[{"id": "emb", "summary": "embeddings", "request": {"method": "POST", "path": "/openai/v1/embeddings", "json": {"model": "${embeding_model}", "input": "x"}}, "expect": {"status": 200}}]"#,
      to: dir + "/scenarios/emb.json")
    Harness.write(
      #"{"embedding_model": "text-embedding-3-small"}"#, to: dir + "/scenarios/variables.json")
    Harness.write(#"{"other": "x"}"#, to: dir + "/more.json")
    Harness.write("[]", to: dir + "/Fixtures/none.fixture.json")
    for command in ["validate", "run", "list"] {
      let r = try await Harness.run([command, "--variables-file", "more.json"], in: dir)
      #expect(r.status == 2, "\(command)")
      #expect(
        r.stderr.contains(
          "unresolved variable ${embeding_model} (did you mean ${embedding_model}?)"), "\(r.stderr)"
      )
      #expect(
        r.stderr.contains("variables files read: more.json, scenarios/variables.json"),
        "\(r.stderr)")
    }
    let none = Harness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: none) }
    Harness.write(
      #"[{"id": "x", "summary": "x", "request": {"method": "GET", "path": "/openai/v1/models/${model}"}}]"#,
      to: none + "/s.json")
    let r = try await Harness.run(["validate", "s.json"], in: none)
    #expect(r.stderr.contains("no variables file was read"), "\(r.stderr)")
  }

  @Test func aFixtureMissSaysHowToAddOne() async throws {
    let dir = MiniSuite.make()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    Harness.write(
      #"[{"id": "files.list", "summary": "files", "request": {"method": "GET", "path": "/openai/v1/files"}, "expect": {"status": 200}}]"#,
      to: dir + "/scenarios/files.json")
    let r = try await Harness.run(["run"], in: dir)
    #expect(r.status == 1)
    #expect(r.stdout.contains("no fixture answers GET /openai/v1/files"))
    #expect(
      r.stdout.contains(
        "To add one: record it from a gateway ('anyint-conformance record --fixtures DIR'), or write a fixture file as Fixtures/README.md describes"
      ))
  }

  @Test func explainShowsTheSuccessRowAndNoEcho() async throws {
    let ok = try await Harness.run(["explain", "200"])
    #expect(ok.status == 0)
    #expect(!ok.stdout.contains("not in the documented status table"))
    #expect(ok.stdout.contains("the retry table's success row"))
    #expect(ok.stdout.contains("documented row: A 2xx answer that completed"))
    #expect(
      ok.stdout.components(separatedBy: "guidance:").count == 2, "guidance once: \(ok.stdout)")
    let limited = try await Harness.run(["explain", "rate-limited"])
    #expect(limited.stdout.contains("retry: later (as documented)\n"))
    let pending = try await Harness.run(["explain", "task-pending"])
    #expect(pending.stdout.contains("retry: poll (documented: Poll, do not recreate)\n"))
  }

  @Test func errorsNameTheCommandsOwnOptions() async throws {
    let dir = MiniSuite.make()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let record = try await Harness.run(["record"], in: dir)
    #expect(record.status == 2)
    #expect(record.stderr.hasPrefix("error: record needs a gateway URL: pass --base-url URL"))
    #expect(!record.stderr.contains("--target"))
    let diagnose = try await Harness.run(["diagnose", "--route", "/openai/v1/models"], in: dir)
    #expect(diagnose.status == 2)
    #expect(diagnose.stderr.hasPrefix("error: diagnose needs a gateway URL"))
    #expect(diagnose.stderr.contains("--fixtures DIR"))
    #expect(!diagnose.stderr.contains("--target"))
    let key = try await Harness.run(["record", "--base-url", "http://127.0.0.1:9"], in: dir)
    #expect(
      key.stderr.hasPrefix("error: record needs a key in the environment variable ANYINT_API_KEY"))
  }

  @Test func versionAndHelpAnswerEverywhere() async throws {
    for flag in ["-V", "--version"] {
      let r = try await Harness.run([flag])
      #expect(r.status == 0)
      #expect(r.stdout == "anyint-conformance \(ToolInfo.version)\n")
    }
    let commands = [
      ["run"], ["validate"], ["list"], ["explain"], ["mock"], ["mock", "serve"], ["record"],
      ["diagnose"], ["report"], ["report", "merge"], ["report", "html"], ["report", "diff"],
      ["coverage"], ["check-client"], [],
    ]
    for words in commands {
      for flag in ["--help", "-h"] {
        let r = try await Harness.run(words + [flag])
        #expect(r.status == 0, "\(words) \(flag): \(r.stderr)")
        #expect(r.stderr.isEmpty)
        let widest = r.stdout.split(separator: "\n").map(\.count).max() ?? 0
        #expect(widest <= 80, "\(words) \(flag): \(widest) columns")
      }
    }
  }
}
