import ConformanceCore
import Foundation
import Synchronization

/// A claim on a report directory for one run: the directory exists (missing parts created), is a directory
/// this process can create files in, and no other live run is writing into it.
///
/// The claim is an advisory `flock` on `.anyint-conformance.lock` holding the owner's PID; the kernel drops
/// it when the process dies, so a killed run never blocks the next one. Taking it also removes temporary
/// files dead processes left behind. `release()` deletes the lock file, so a finished run leaves only its
/// reports.
public final class ReportLock: Sendable {
  public static let fileName = ".anyint-conformance.lock"

  public let directory: String
  private let state: Mutex<Int32>

  private init(directory: String, fd: Int32) {
    self.directory = directory
    state = Mutex(fd)
  }

  deinit { release() }

  /// Claims `directory`, or throws saying why it cannot be written (or who is writing it).
  public static func claim(_ directory: String) throws(ReportDirectory.WriteError) -> ReportLock {
    try ReportDirectory.createDirectory(directory)
    let path = ReportDirectory.join(directory, fileName)
    // Another run may delete the lock file between our open and our flock: then we hold a lock on a file
    // nobody else can see. Re-check that the path still names the file we locked.
    for _ in 0..<20 {
      let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
      guard fd >= 0 else {
        throw ReportDirectory.WriteError(
          path: directory,
          reason: "cannot create files in it (\(String(cString: strerror(errno))))")
      }
      if flock(fd, LOCK_EX | LOCK_NB) != 0 {
        let owner = readOwner(fd)
        close(fd)
        throw ReportDirectory.WriteError(
          path: directory,
          reason:
            "another anyint-conformance run\(owner.map { " (PID \($0))" } ?? "") is writing reports into it; wait for it to finish or pass another --report-dir"
        )
      }
      var held = stat()
      var named = stat()
      guard fstat(fd, &held) == 0, stat(path, &named) == 0, held.st_ino == named.st_ino,
        held.st_dev == named.st_dev
      else {
        close(fd)
        continue
      }
      let pid = Array("\(getpid())\n".utf8)
      let wrote =
        ftruncate(fd, 0) == 0
        && pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) } == pid.count
      guard wrote else {
        let reason = String(cString: strerror(errno))
        close(fd)
        unlink(path)
        throw ReportDirectory.WriteError(path: directory, reason: "cannot write in it (\(reason))")
      }
      ReportDirectory.removeStaleTemporaryFiles(in: directory)
      return ReportLock(directory: directory, fd: fd)
    }
    throw ReportDirectory.WriteError(
      path: directory, reason: "its lock file keeps changing; another run is starting in it")
  }

  /// Deletes the lock file and drops the lock; safe to call more than once.
  public func release() {
    state.withLock { fd in
      guard fd >= 0 else { return }
      unlink(ReportDirectory.join(directory, ReportLock.fileName))
      close(fd)
      fd = -1
    }
  }

  static func readOwner(_ fd: Int32) -> Int32? {
    var buffer = [UInt8](repeating: 0, count: 16)
    let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 15, 0) }
    guard n > 0 else { return nil }
    let text = String(decoding: buffer[..<n], as: UTF8.self).trimmingCharacters(
      in: .whitespacesAndNewlines)
    return Int32(text).flatMap { $0 > 0 ? $0 : nil }
  }
}
