import ConformanceCore
import Foundation
import TestSupport
import Testing

@testable import ConformanceReports

/// Validates `junit.xml` against the Jenkins xUnit plugin's `junit-10.xsd` (copied into Tests/Support).
///
/// Uses `xmllint` when installed, else Python's `xmlschema` from the interpreter in `ANYINT_TEST_PYTHON`
/// (`.ci/run` creates a venv with it). With neither, the test is skipped with a note.
@Suite struct JUnitSchemaTests {
  static let schema = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Support/junit-10.xsd")
    .path

  static var validator: [String]? {
    for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
    where FileManager.default.isExecutableFile(atPath: "\(dir)/xmllint") {
      return ["\(dir)/xmllint", "--noout", "--schema", schema]
    }
    if let py = ProcessInfo.processInfo.environment["ANYINT_TEST_PYTHON"] {
      return [
        py, "-c", "import sys, xmlschema; xmlschema.XMLSchema(sys.argv[1]).validate(sys.argv[2])",
        schema,
      ]
    }
    return nil
  }

  @Test(
    .enabled(
      if: validator != nil,
      "needs xmllint or ANYINT_TEST_PYTHON with xmlschema (.ci/run sets it up)"))
  func sampleReportIsValid() async throws {
    let validator = try #require(Self.validator)
    let file = NSTemporaryDirectory() + "junit-\(UUID().uuidString).xml"
    defer { try? FileManager.default.removeItem(atPath: file) }
    try Data(JUnitReport.render(sampleRun())).write(to: URL(fileURLWithPath: file))
    let result = try await ChildProcess.run(validator + [file])
    let (status, output) = (
      result.status, String(decoding: result.stdout + result.stderr, as: UTF8.self)
    )
    #expect(status == 0, "junit.xml is not valid against junit-10.xsd:\n\(output)")

    // The validator must be able to fail: a testcase without its required name is rejected.
    let broken = NSTemporaryDirectory() + "junit-broken-\(UUID().uuidString).xml"
    defer { try? FileManager.default.removeItem(atPath: broken) }
    try Data(
      "<testsuites><testsuite name=\"x\" tests=\"1\" failures=\"0\" errors=\"0\"><testcase/></testsuite></testsuites>"
        .utf8
    ).write(
      to: URL(fileURLWithPath: broken))
    #expect(try await ChildProcess.run(validator + [broken]).status != 0)
  }

}
