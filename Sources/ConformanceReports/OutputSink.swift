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
    let temp = try stageFile(at: path, produce)
    if rename(temp, path) != 0 {
      let reason = String(cString: strerror(errno))
      unlink(temp)
      throw ReportDirectory.WriteError(path: path, reason: reason)
    }
  }

  /// Writes a file piece by piece to its temporary name beside `path` (`.<name>.<pid>.tmp`) and flushes it to
  /// disk; returns the temporary path, which the caller renames into place (a report set renames its files
  /// only once all are staged). Nothing is left behind when it throws.
  public static func stageFile(
    at path: String, _ produce: (_ write: (Redacted) -> Void) throws -> Void
  ) throws -> String {
    let (dir, name) = ReportDirectory.split(path)
    let temp = ReportDirectory.join(dir, "." + name + ".\(getpid()).tmp")
    guard let file = fopen(temp, "wb") else {
      throw ReportDirectory.WriteError(
        path: path, reason: "cannot create a file in \(dir) (\(String(cString: strerror(errno))))")
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
    return temp
  }

  /// Whether a file can really be created in `directory` (access(2) passes on /proc and read-only mounts for
  /// some users): creates an empty file under this process's probe name and removes it. Nil when it can,
  /// otherwise the errno. No bytes are written.
  public static func probeFileCreation(in directory: String) -> Int32? {
    let probe = ReportDirectory.join(directory, ".anyint-conformance.\(getpid()).tmp")
    let fd = open(probe, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    guard fd >= 0 else { return errno }
    close(fd)
    unlink(probe)
    return nil
  }

  /// A read-only descriptor (a directory to lock or whose entries to flush, a /proc file to read); -1 on
  /// failure with errno set. Nothing can be written through it.
  public static func openForReading(_ path: String, directory: Bool = false) -> Int32 {
    open(path, O_RDONLY | O_CLOEXEC | (directory ? O_DIRECTORY : 0))
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
