import Foundation
import Glibc

/// Starts `Tests/Support/canary_server.py`, a gateway that echoes secrets back in every form, and stops it when
/// released. `secrets` are echoed besides the key each request carries.
public final class CanaryServer: Sendable {
  static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Support/canary_server.py").path

  let child: ChildProcess
  public let baseURL: String

  public init(secrets: [String] = []) async throws {
    var env = ProcessInfo.processInfo.environment
    let list = try JSONSerialization.data(withJSONObject: secrets)
    env["CANARY_SECRETS"] = String(decoding: list, as: UTF8.self)
    child = try ChildProcess(
      ["python3", Self.script], environment: env, input: .pipe, errors: .null)
    baseURL = await child.readLine() ?? ""
    guard baseURL.hasPrefix("http://127.0.0.1:") else {
      child.send(SIGKILL)
      throw CocoaError(.fileReadCorruptFile)
    }
  }

  deinit {
    child.closeInput()
    child.send(SIGTERM)
  }
}
