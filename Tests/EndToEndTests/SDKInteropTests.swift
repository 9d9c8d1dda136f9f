import ConformanceCore
import Foundation
import TestSupport
import Testing

/// The official openai and anthropic Python SDKs, pointed at `mock serve`, raise their documented exception
/// classes for the 400, 401, 403, 404, 429 and 503 fixtures and parse a success (Tests/Support/sdk_interop.py).
/// `.ci/run` installs the SDKs into a venv and sets ANYINT_TEST_PYTHON.
@Suite struct SDKInteropTests {
  static let python = ProcessInfo.processInfo.environment["ANYINT_TEST_PYTHON"]

  @Test(
    .enabled(
      if: python != nil,
      "needs ANYINT_TEST_PYTHON with the openai and anthropic packages (.ci/run sets it up)"))
  func theOfficialSDKsSeeTheDocumentedErrors() async throws {
    let key = "sk-interop-0123456789abcdefghij"
    let server = try await MockServeProcess(env: ["ANYINT_API_KEY": key])
    defer { server.terminate() }
    let out = try await ChildProcess.run(
      [
        Self.python ?? "/usr/bin/python3", "-W", "ignore",
        Harness.repoRoot + "/Tests/Support/sdk_interop.py", server.url, Harness.repoRoot,
      ],
      environment: [
        "ANYINT_API_KEY": key, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin",
      ])
    let data = out.stdout
    let result = try JSONParser.parse([UInt8](data))
    let passed = result["passed"]?.arrayValue?.compactMap(\.stringValue) ?? []
    let failed = result["failed"]?.arrayValue?.compactMap(\.stringValue) ?? []
    #expect(failed.isEmpty, "\(failed)")
    #expect(passed.count == 16, "\(passed)")
    for (status, openaiClass, anthropicClass) in [
      ("400", "BadRequestError", "BadRequestError"),
      ("401", "AuthenticationError", "AuthenticationError"),
      ("403", "PermissionDeniedError", "PermissionDeniedError"),
      ("404", "NotFoundError", "NotFoundError"),
      ("429", "RateLimitError", "RateLimitError"),
      ("503", "InternalServerError", "ServiceUnavailableError"),
    ] {
      #expect(passed.contains("openai \(status): raised \(openaiClass)"), "\(passed)")
      #expect(passed.contains("anthropic \(status): raised \(anthropicClass)"), "\(passed)")
    }
  }
}
