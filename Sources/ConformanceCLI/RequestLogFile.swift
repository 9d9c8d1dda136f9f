import ConformanceCore
import ConformanceReports
import Foundation
import MockServer

/// The `--log-requests` file: one JSON object per line, written as requests are answered (keys as kinds only),
/// with the time each arrived (`time`, ISO 8601 in UTC to the millisecond).
final class RequestLogFile: Sendable {
  private let file: OutputSink.Appender
  private let secrets: SecretRegistry

  private init(_ file: OutputSink.Appender, secrets: SecretRegistry) {
    self.file = file
    self.secrets = secrets
  }

  /// `2026-12-01T13:09:43.123Z`.
  static func timestamp(_ date: Date) -> String {
    let ms = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    var t = time_t(ms / 1000)
    var parts = tm()
    gmtime_r(&t, &parts)
    func pad(_ v: Int32, _ width: Int) -> String {
      let s = String(v)
      return String(repeating: "0", count: max(0, width - s.count)) + s
    }
    return
      "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(Int32(ms % 1000), 3))Z"
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
      "time": .string(Self.timestamp(Date())),
      "method": .string(e.method), "target": .string(e.target), "auth": .string(e.auth.rawValue),
      "key": .string(e.key.rawValue),
      "status": .number(Double(e.status)), "fixture": .optionalString(e.fixture),
    ]
    file.append(secrets.redactor.redact(JSONWriter.bytes(line) + [0x0A]))
  }
}
