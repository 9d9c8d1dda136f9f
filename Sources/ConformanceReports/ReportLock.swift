import ConformanceCore
import Foundation
import Synchronization

/// A claim on a report directory for one run: the directory exists (missing parts created), this process
/// can create files in it, and no other live run is writing into it.
///
/// The claim is an advisory `flock` on the directory itself, so it leaves no file behind, and the kernel
/// drops it when the process dies (a killed run never blocks the next one). A refused claim names the
/// holder's PID from `/proc/locks`. Taking the claim also removes temporary files dead processes left.
public final class ReportLock: Sendable {
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
    let fd = OutputSink.openForReading(directory, directory: true)
    guard fd >= 0 else {
      throw ReportDirectory.WriteError(
        path: directory, reason: "cannot open it (\(String(cString: strerror(errno))))")
    }
    if flock(fd, LOCK_EX | LOCK_NB) != 0 {
      let owner = holder(of: fd)
      close(fd)
      throw ReportDirectory.WriteError(
        path: directory,
        reason:
          "another anyint-conformance run\(owner.map { " (PID \($0))" } ?? "") is writing reports into it; wait for it to finish or pass another --report-dir"
      )
    }
    // Writable is only known by creating a file: /proc and read-only mounts pass access(2) for some users.
    if let failure = OutputSink.probeFileCreation(in: directory) {
      close(fd)
      throw ReportDirectory.WriteError(
        path: directory, reason: "cannot create files in it (\(String(cString: strerror(failure))))"
      )
    }
    ReportDirectory.removeStaleTemporaryFiles(in: directory)
    return ReportLock(directory: directory, fd: fd)
  }

  /// Drops the claim; safe to call more than once.
  public func release() {
    state.withLock { fd in
      guard fd >= 0 else { return }
      close(fd)
      fd = -1
    }
  }

  /// The PID holding a flock on the file `fd` names, from `/proc/locks` (Linux); nil when unknown.
  static func holder(of fd: Int32) -> Int32? {
    var st = stat()
    guard fstat(fd, &st) == 0, let data = readToEnd("/proc/locks") else { return nil }
    let dev = UInt64(st.st_dev)
    let major = ((dev >> 8) & 0xfff) | ((dev >> 32) & ~UInt64(0xfff))
    let minor = (dev & 0xff) | ((dev >> 12) & ~UInt64(0xff))
    let id = String(format: "%02x:%02x:%llu", major, minor, UInt64(st.st_ino))
    for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
      let fields = line.split(separator: " ")
      // "1: FLOCK  ADVISORY  WRITE 12345 fe:00:16302350 0 EOF"; a "->" marks a waiter, not the holder.
      guard fields.count >= 6, fields[1] == "FLOCK", fields[5] == id, let pid = Int32(fields[4])
      else { continue }
      return pid
    }
    return nil
  }

  /// A file read to its end with read(2): /proc files report size 0 and come a page at a time, so a reader
  /// that trusts the size (or stops after one read) sees nothing or only the first locks.
  static func readToEnd(_ path: String) -> [UInt8]? {
    let fd = OutputSink.openForReading(path)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var out: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while out.count < 64 << 20 {
      let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else { break }
      out.append(contentsOf: buffer[..<n])
    }
    return out
  }
}
