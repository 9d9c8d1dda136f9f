import Foundation

/// A Python peer process for the tests: prints its URL (or port) on its first line, serves until its stdin
/// closes, and is stopped when released.
public final class PythonPeer: Sendable {
  /// `Tests/Support`, where the peers' scripts live.
  public static let supportDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Support")

  /// The interpreter: `ANYINT_TEST_PYTHON` (the venv with the PyPI peers) when set, else python3.
  public static var python: [String] {
    if let py = ProcessInfo.processInfo.environment["ANYINT_TEST_PYTHON"], !py.isEmpty {
      return [py]
    }
    return ["/usr/bin/env", "python3"]
  }

  let child: ChildProcess
  /// The first line the peer printed.
  public let firstLine: String

  /// Starts `script` (a file in Tests/Support) or, with `module`, `python -m module`, and waits for its first
  /// line, suspending the calling task (no thread of the cooperative pool is blocked while Python starts).
  public static func start(
    script: String? = nil, arguments: [String] = [], environment: [String: String]? = nil
  ) async throws -> PythonPeer {
    var argv = python
    if let script { argv.append(supportDirectory.appendingPathComponent(script).path) }
    argv += arguments
    let child = try ChildProcess(argv, environment: environment, input: .pipe, errors: .null)
    return try PythonPeer(child, firstLine: await child.readLine())
  }

  private init(_ child: ChildProcess, firstLine: String?) throws {
    self.child = child
    guard let firstLine, !firstLine.isEmpty else {
      child.send(SIGKILL)
      throw CocoaError(.fileReadCorruptFile)
    }
    self.firstLine = firstLine
  }

  deinit {
    // End of input asks the peer to exit; SIGTERM makes sure. The exit is reaped on ChildProcess's thread.
    child.closeInput()
    child.send(SIGTERM)
  }
}

/// Runs blocking work on a Dispatch thread and waits for it without blocking the cooperative pool.
public func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
  try await withCheckedThrowingContinuation { continuation in
    DispatchQueue.global().async {
      do { continuation.resume(returning: try work()) } catch {
        continuation.resume(throwing: error)
      }
    }
  }
}

/// Starts `Tests/Support/fault_server.py` (plain HTTP, or HTTPS with `tls`) and stops it when released.
public final class FaultServer: Sendable {
  let peer: PythonPeer
  public let baseURL: URL

  /// `tls`: the server's certificate and key (PEM), and the CA a client certificate must be signed by.
  public static func start(tls: (certificate: String, key: String, clientCA: String?)? = nil)
    async throws -> FaultServer
  {
    var arguments: [String] = []
    if let tls {
      arguments += ["--tls", tls.certificate, tls.key]
      if let ca = tls.clientCA { arguments += ["--client-ca", ca] }
    }
    return try FaultServer(
      try await PythonPeer.start(script: "fault_server.py", arguments: arguments))
  }

  private init(_ peer: PythonPeer) throws {
    guard let url = URL(string: peer.firstLine), url.host != nil else {
      throw CocoaError(.fileReadCorruptFile)
    }
    self.peer = peer
    baseURL = url
  }
}
