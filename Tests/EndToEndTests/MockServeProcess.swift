import Foundation
import Testing

/// `anyint-conformance mock serve` as a child process: started on a free port, stopped with SIGTERM.
final class MockServeProcess: @unchecked Sendable {
  let process = Process()
  let url: String
  private let output = Pipe()

  /// `errorFile`: where the server's standard error goes (discarded when nil).
  init(
    arguments: [String] = [], env: [String: String] = [:], directory: String = Harness.repoRoot,
    errorFile: String? = nil
  ) throws {
    process.executableURL = URL(fileURLWithPath: Harness.binary)
    process.arguments = ["mock", "serve", "--port", "0"] + arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    var environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
    environment.merge(env) { _, new in new }
    process.environment = environment
    process.standardOutput = output
    if let errorFile, FileManager.default.createFile(atPath: errorFile, contents: nil) {
      process.standardError = FileHandle(forWritingAtPath: errorFile)
    } else {
      process.standardError = FileHandle.nullDevice
    }
    try process.run()
    // The first line on stdout is the URL, printed once the server listens.
    var line = Data()
    let handle = output.fileHandleForReading
    while let byte = try handle.read(upToCount: 1), !byte.isEmpty, byte != Data([0x0A]) {
      line.append(byte)
    }
    url = String(decoding: line, as: UTF8.self)
    guard url.hasPrefix("http://127.0.0.1:") else { throw CocoaError(.fileReadCorruptFile) }
  }

  /// Stops the server the way a user would (SIGTERM) and returns its exit status.
  @discardableResult
  func stop() -> Int32 {
    if process.isRunning {
      kill(process.processIdentifier, SIGTERM)
      process.waitUntilExit()
    }
    return process.terminationStatus
  }

  deinit { stop() }
}
