import Foundation

/// A Python peer process for the tests: prints its URL (or port) on its first line, serves until its stdin
/// closes, and is stopped when released.
public final class PythonPeer: @unchecked Sendable {
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

  let process = Process()
  let stdin = Pipe()
  let stdout = Pipe()
  /// The first line the peer printed.
  public let firstLine: String

  /// Starts `script` (a file in Tests/Support) or, with `module`, `python -m module`.
  public init(script: String? = nil, arguments: [String] = [], environment: [String: String]? = nil)
    throws
  {
    var argv = Self.python
    if let script { argv.append(Self.supportDirectory.appendingPathComponent(script).path) }
    argv += arguments
    process.executableURL = URL(fileURLWithPath: argv[0])
    process.arguments = Array(argv.dropFirst())
    if let environment { process.environment = environment }
    process.standardOutput = stdout
    process.standardInput = stdin
    process.standardError = FileHandle.nullDevice
    try process.run()
    var line = Data()
    let handle = stdout.fileHandleForReading
    while let byte = try handle.read(upToCount: 1), !byte.isEmpty, byte != Data([0x0A]) {
      line.append(byte)
    }
    firstLine = String(decoding: line, as: UTF8.self)
    guard !firstLine.isEmpty else { throw CocoaError(.fileReadCorruptFile) }
  }

  /// Starts a peer without holding a thread of Swift's cooperative pool while it starts (a test that blocks
  /// one for a Python start-up starves every other test running in parallel).
  public static func start(
    script: String? = nil, arguments: [String] = [], environment: [String: String]? = nil
  ) async throws -> PythonPeer {
    try await offPool {
      try PythonPeer(script: script, arguments: arguments, environment: environment)
    }
  }

  deinit {
    try? stdin.fileHandleForWriting.close()
    process.terminate()
    process.waitUntilExit()
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
public final class FaultServer: @unchecked Sendable {
  let peer: PythonPeer
  public let baseURL: URL

  /// `tls`: the server's certificate and key (PEM), and the CA a client certificate must be signed by.
  public init(tls: (certificate: String, key: String, clientCA: String?)? = nil) throws {
    var arguments: [String] = []
    if let tls {
      arguments += ["--tls", tls.certificate, tls.key]
      if let ca = tls.clientCA { arguments += ["--client-ca", ca] }
    }
    peer = try PythonPeer(script: "fault_server.py", arguments: arguments)
    guard let url = URL(string: peer.firstLine) else { throw CocoaError(.fileReadCorruptFile) }
    baseURL = url
  }

  /// Starts one without blocking the cooperative pool (see `PythonPeer.start`).
  public static func start(tls: (certificate: String, key: String, clientCA: String?)? = nil)
    async throws -> FaultServer
  {
    try await offPool { try FaultServer(tls: tls) }
  }
}
