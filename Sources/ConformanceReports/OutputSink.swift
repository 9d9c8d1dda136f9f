import ConformanceCore
import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The one way bytes leave the process: standard output, standard error and files. It takes only `Redacted`
/// values, which only a `Redactor` makes, so no output path can skip redaction; a test keeps every other way of
/// writing (print, FileHandle, fwrite, Data.write ...) out of the sources.
public enum OutputSink {
  public static func standardOutput(_ text: Redacted) { writeAll(STDOUT_FILENO, text.bytes) }

  public static func standardError(_ text: Redacted) { writeAll(STDERR_FILENO, text.bytes) }

  /// Writes a file piece by piece to a temporary name beside it, flushes it to disk, then renames it into place
  /// (atomic on POSIX file systems), so a reader or a crash never sees half a file. `produce` is handed the
  /// function that writes one piece.
  public static func writeFile(
    at path: String, _ produce: (_ write: (Redacted) -> Void) throws -> Void
  ) throws {
    let dir = (path as NSString).deletingLastPathComponent
    let temp =
      (dir.isEmpty ? "." : dir) + "/." + (path as NSString).lastPathComponent
      + ".\(ProcessInfo.processInfo.processIdentifier).tmp"
    guard let file = fopen(temp, "wb") else {
      throw ReportDirectory.WriteError(
        path: path,
        reason:
          "cannot create a file in \(dir.isEmpty ? "." : dir) (\(String(cString: strerror(errno))))"
      )
    }
    var failure: Int32?
    do {
      try produce { piece in
        guard failure == nil, !piece.bytes.isEmpty else { return }
        let n = piece.bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        if n != piece.bytes.count { failure = errno }
      }
    } catch {
      fclose(file)
      unlink(temp)
      throw error
    }
    if failure == nil && (fflush(file) != 0 || fsync(fileno(file)) != 0) { failure = errno }
    fclose(file)
    if let failure {
      unlink(temp)
      throw ReportDirectory.WriteError(
        path: path, reason: "the disk refused the write (\(String(cString: strerror(failure))))")
    }
    if rename(temp, path) != 0 {
      let reason = String(cString: strerror(errno))
      unlink(temp)
      throw ReportDirectory.WriteError(path: path, reason: reason)
    }
  }

  /// A file written line by line as things happen (the `mock serve` request log), opened for appending.
  public final class Appender: Sendable {
    private let descriptor: Mutex<Int32>

    /// Opens (creating it when missing) `path` for appending; nil when that is not possible.
    public init?(path: String) {
      let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
      guard fd >= 0 else { return nil }
      descriptor = Mutex(fd)
    }

    public func append(_ text: Redacted) {
      descriptor.withLock { OutputSink.writeAll($0, text.bytes) }
    }

    deinit {
      descriptor.withLock { _ = close($0) }
    }
  }

  static func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
    bytes.withUnsafeBytes { raw in
      var offset = 0
      while offset < raw.count {
        let n = write(fd, raw.baseAddress?.advanced(by: offset), raw.count - offset)
        if n < 0 && errno == EINTR { continue }
        guard n > 0 else { return }
        offset += n
      }
    }
  }
}
