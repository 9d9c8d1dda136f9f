import ConformanceCore
import Foundation
import MockServer
import Synchronization

/// The `--log-requests` file: one JSON object per line, written as requests are answered (keys as kinds only).
final class RequestLogFile: Sendable {
  private let handle: Mutex<FileHandle>

  private init(_ handle: FileHandle) { self.handle = Mutex(handle) }

  static func open(_ path: String?) throws(UsageError) -> RequestLogFile? {
    guard let path else { return nil }
    if !FileManager.default.fileExists(atPath: path) {
      guard FileManager.default.createFile(atPath: path, contents: nil) else {
        throw UsageError(
          .unusableFile, option: "--log-requests", "--log-requests: cannot create \(path)")
      }
    }
    guard let h = FileHandle(forWritingAtPath: path) else {
      throw UsageError(
        .unusableFile, option: "--log-requests", "--log-requests: cannot write \(path)")
    }
    h.seekToEndOfFile()
    return RequestLogFile(h)
  }

  func append(_ e: LoggedRequest) {
    let line: JSONValue = [
      "method": .string(e.method), "target": .string(e.target), "auth": .string(e.auth.rawValue),
      "key": .string(e.key.rawValue),
      "status": .number(Double(e.status)), "fixture": .optionalString(e.fixture),
    ]
    let bytes = JSONWriter.bytes(line) + [0x0A]
    handle.withLock { $0.write(Data(bytes)) }
  }
}
