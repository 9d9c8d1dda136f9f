import ConformanceCore
import Foundation
import TestSupport
import Testing

/// The JSON Schema in scenarios/ gives every shipped and every invalid scenario the same verdict as `validate`,
/// wherever the schema can express the rule.
@Suite struct SchemaTests {
  static let python = ProcessInfo.processInfo.environment["ANYINT_TEST_PYTHON"]

  /// Invalid files whose rule JSON Schema cannot express, and why.
  static let beyondTheSchema: [String: String] = [
    "duplicate-ids-in-array.json": "unique ids across scenarios (uniqueItems compares whole items)",
    "duplicate-json-key.json":
      "duplicate keys (a JSON parser keeps the last one before the schema sees it)",
    "matcher-unknown-keyword.json":
      "a likely typo of a matcher keyword (to a schema it is a literal object)",
    "matcher-length-typo.json":
      "a likely typo of a matcher keyword (to a schema it is a literal object)",
    "syntax-deep-nesting.json": "the nesting limit (a parser limit, not a schema rule)",
    "variable-unresolved.json":
      "variables that resolve (they come from the command line, the environment and variables.json)",
  ]

  @Test(
    .enabled(if: python != nil, "needs ANYINT_TEST_PYTHON with jsonschema (.ci/run sets it up)"))
  func theSchemaAgreesWithValidate() async throws {
    let root = Harness.repoRoot
    let shipped =
      (FileManager.default.enumerator(atPath: root + "/scenarios")?.allObjects as? [String] ?? [])
      .filter { ScenarioLoader.isScenarioFile(($0 as NSString).lastPathComponent) }.map {
        root + "/scenarios/" + $0
      }
    let invalid = try FileManager.default.contentsOfDirectory(
      atPath: root + "/Fixtures/invalid-scenarios"
    ).filter { $0.hasSuffix(".json") }
      .map { root + "/Fixtures/invalid-scenarios/" + $0 }
    #expect(shipped.count >= 25 && invalid.count >= 30)
    let verdicts = try await schemaVerdicts(shipped + invalid)
    for file in shipped {
      #expect(
        verdicts[file] == "valid",
        "\(file): the schema says \(verdicts[file] ?? "nothing"), validate says valid")
    }
    // One `validate` per file, side by side (each is a process start and a small parse).
    let statuses = try await withThrowingTaskGroup(of: (String, Int32).self) { group in
      for file in invalid {
        group.addTask { (file, try await Harness.run(["validate", file]).status) }
      }
      return try await group.reduce(into: [String: Int32]()) { $0[$1.0] = $1.1 }
    }
    for file in invalid {
      let name = (file as NSString).lastPathComponent
      #expect(statuses[file] == 2, "\(name) should be invalid for validate")
      if let why = Self.beyondTheSchema[name] {
        #expect(
          verdicts[file] != "invalid",
          "\(name) is listed as beyond the schema (\(why)) but the schema rejects it: remove it from the list"
        )
        continue
      }
      #expect(
        ["invalid", "unparseable"].contains(verdicts[file] ?? ""),
        "\(name): validate rejects it, the schema says \(verdicts[file] ?? "nothing")")
    }
  }

  /// report.json from real runs (passes with retries and steps, a failure, an error) fits
  /// scenarios/report.schema.json, the contract's report v1 with whole-millisecond timings.
  @Test(
    .enabled(if: python != nil, "needs ANYINT_TEST_PYTHON with jsonschema (.ci/run sets it up)"))
  func reportsFitTheReportSchema() async throws {
    let dir = Harness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let shipped = try await Harness.run(
      ["run", "--retries", "1", "--format", "json", "--report-dir", dir + "/shipped"])
    #expect(shipped.status == 0, "\(shipped.stderr)")
    Harness.write(
      """
      [
        {"id": "x.fail", "summary": "wrong status", "request": {"method": "GET", "path": "/openai/v1/models"},
         "expect": {"status": 500}},
        {"id": "x.err", "summary": "no fixture", "request": {"method": "GET", "path": "/openai/v1/none"},
         "expect": {"status": 200}}
      ]
      """, to: dir + "/bad.json")
    let bad = try await Harness.run(
      ["run", dir + "/bad.json", "--format", "json", "--report-dir", dir + "/bad"])
    #expect(bad.status == 1, "\(bad.stderr)")
    let reports = [dir + "/shipped/report.json", dir + "/bad/report.json"]
    let verdicts = try await schemaVerdicts(reports, schema: "report.schema.json")
    for r in reports {
      #expect(verdicts[r] == "valid", "\(r): \(verdicts[r] ?? "no verdict")")
    }
    let summary = try JSONParser.parse(Array((Harness.read(reports[1]) ?? "").utf8))["summary"]
    #expect(summary == ["total": 2, "passed": 0, "failed": 1, "errored": 1, "skipped": 0])
  }

  func schemaVerdicts(_ files: [String], schema: String = "scenario.schema.json") async throws
    -> [String: String]
  {
    let out = try await ChildProcess.run(
      [
        Self.python ?? "/usr/bin/python3", Harness.repoRoot + "/Tests/Support/schema_verdicts.py",
        Harness.repoRoot + "/scenarios/" + schema,
      ]
        + files)
    let v = try JSONParser.parse([UInt8](out.stdout))
    return Dictionary(
      uniqueKeysWithValues: (v.objectValue?.members ?? []).map {
        ($0.key, $0.value.stringValue ?? "")
      })
  }
}
