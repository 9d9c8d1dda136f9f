import Foundation

/// Starts `Tests/Support/canary_server.py`, a gateway that echoes secrets back in every form, and stops it when
/// released. `secrets` are echoed besides the key each request carries.
public final class CanaryServer: @unchecked Sendable {
  static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Support/canary_server.py").path

  let process = Process()
  let stdin = Pipe()
  public let baseURL: String

  public init(secrets: [String] = []) throws {
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", Self.script]
    var env = ProcessInfo.processInfo.environment
    let list = try JSONSerialization.data(withJSONObject: secrets)
    env["CANARY_SECRETS"] = String(decoding: list, as: UTF8.self)
    process.environment = env
    let out = Pipe()
    process.standardOutput = out
    process.standardInput = stdin
    try process.run()
    var line = Data()
    let handle = out.fileHandleForReading
    while let byte = try handle.read(upToCount: 1), !byte.isEmpty, byte != Data([0x0A]) {
      line.append(byte)
    }
    baseURL = String(decoding: line, as: UTF8.self)
    guard baseURL.hasPrefix("http://127.0.0.1:") else { throw CocoaError(.fileReadCorruptFile) }
  }

  deinit {
    try? stdin.fileHandleForWriting.close()
    process.terminate()
    process.waitUntilExit()
  }
}
