import Foundation
import TestSupport
import Testing

/// `anyint-conformance mock serve` as a child process: started on a free port, stopped with SIGTERM.
///
/// Starting and stopping suspend the calling task; nothing here blocks a thread of the cooperative pool.
final class MockServeProcess: Sendable {
  let child: ChildProcess
  let url: String

  /// `errorFile`: where the server's standard error goes (discarded when nil).
  init(
    arguments: [String] = [], env: [String: String] = [:], directory: String = Harness.repoRoot,
    errorFile: String? = nil
  ) async throws {
    var environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
    environment.merge(env) { _, new in new }
    child = try ChildProcess(
      [Harness.binary, "mock", "serve", "--port", "0"] + arguments, environment: environment,
      directory: directory, errors: errorFile.map { .file($0) } ?? .null)
    // The first line on stdout is the URL, printed once the server listens.
    url = await child.readLine() ?? ""
    guard url.hasPrefix("http://127.0.0.1:") else {
      child.send(SIGKILL)
      throw CocoaError(.fileReadCorruptFile)
    }
  }

  /// Stops the server the way a user would (SIGTERM) and returns its exit status.
  @discardableResult
  func stop() async -> Int32 {
    child.send(SIGTERM)
    return await child.wait().status
  }

  /// Sends SIGTERM without waiting (for `defer`); the exit is reaped on ChildProcess's own thread.
  func terminate() { child.send(SIGTERM) }

  deinit { terminate() }
}
