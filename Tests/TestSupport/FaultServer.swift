import Foundation

/// Starts `Tests/Support/fault_server.py` and stops it when released.
public final class FaultServer: Sendable {
  static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent(
      "Support/fault_server.py"
    ).path

  let child: ChildProcess
  public let baseURL: URL

  /// Starts the server and waits for the URL it prints, suspending the calling task.
  public static func start() async throws -> FaultServer {
    let child = try Self.spawn()
    return try FaultServer(child, firstLine: await child.readLine())
  }

  /// Starts the server, blocking the calling thread until it listens (prefer `start()` in async tests: a
  /// blocked thread of the cooperative pool stalls every test running beside this one).
  public convenience init() throws {
    let child = try Self.spawn()
    try self.init(child, firstLine: child.readLineBlocking())
  }

  static func spawn() throws -> ChildProcess {
    try ChildProcess(["/usr/bin/env", "python3", script], input: .pipe, errors: .inherit)
  }

  private init(_ child: ChildProcess, firstLine: String?) throws {
    self.child = child
    guard let line = firstLine, let url = URL(string: line), url.host != nil else {
      child.send(SIGKILL)
      throw CocoaError(.fileReadCorruptFile)
    }
    baseURL = url
  }

  deinit {
    // End of input asks the server to exit; SIGTERM makes sure. The exit is reaped on ChildProcess's thread.
    child.closeInput()
    child.send(SIGTERM)
  }
}
