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

  deinit {
    try? stdin.fileHandleForWriting.close()
    process.terminate()
    process.waitUntilExit()
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
}
