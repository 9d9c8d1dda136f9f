import ConformanceCore
import ConformanceReports
import Foundation
import MockServer

/// The `--log-requests` file: one JSON object per line, written as requests are answered (keys as kinds only,
/// anything else that holds a secret redacted).
final class RequestLogFile: Sendable {
  private let file: OutputSink.Appender
  private let secrets: SecretRegistry

  private init(_ file: OutputSink.Appender, secrets: SecretRegistry) {
    self.file = file
    self.secrets = secrets
  }

  static func open(_ path: String?, secrets: SecretRegistry) throws(UsageError) -> RequestLogFile? {
    guard let path else { return nil }
    guard let file = OutputSink.Appender(path: path) else {
      throw UsageError(
        .unusableFile, option: "--log-requests",
        "--log-requests: cannot write \(path) (\(String(cString: strerror(errno))))")
    }
    return RequestLogFile(file, secrets: secrets)
  }

  func append(_ e: LoggedRequest) {
    let line: JSONValue = [
      "method": .string(e.method), "target": .string(e.target), "auth": .string(e.auth.rawValue),
      "key": .string(e.key.rawValue),
      "status": .number(Double(e.status)), "fixture": .optionalString(e.fixture),
    ]
    file.append(secrets.redactor.redact(JSONWriter.bytes(line) + [0x0A]))
  }
}
