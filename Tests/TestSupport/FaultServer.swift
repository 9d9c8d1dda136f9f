import Foundation

/// Starts `Tests/Support/fault_server.py` and stops it when released.
public final class FaultServer: @unchecked Sendable {
  static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent(
      "Support/fault_server.py"
    ).path

  let process = Process()
  let stdin = Pipe()
  public let baseURL: URL

  public init() throws {
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", Self.script]
    let out = Pipe()
    process.standardOutput = out
    process.standardInput = stdin
    try process.run()
    var line = Data()
    let handle = out.fileHandleForReading
    while let byte = try handle.read(upToCount: 1), !byte.isEmpty, byte != Data([0x0A]) {
      line.append(byte)
    }
    guard let url = URL(string: String(decoding: line, as: UTF8.self)) else {
      throw CocoaError(.fileReadCorruptFile)
    }
    baseURL = url
  }

  deinit {
    try? stdin.fileHandleForWriting.close()
    process.terminate()
    process.waitUntilExit()
  }
}
