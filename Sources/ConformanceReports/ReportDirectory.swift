import ConformanceCore
import Foundation

/// Writes report files so that a reader (or a crash) never sees half a file.
///
/// Each file is written to a temporary name in the same directory, flushed, then renamed over the old one;
/// rename within a directory is atomic on POSIX file systems.
public enum ReportDirectory {
  public struct WriteError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "cannot write \(path): \(reason)" }
  }

  /// Renders and writes the formats, each on its own core when there are several; every file is streamed to
  /// disk a megabyte at a time, so a large run never holds a whole report in memory. Returns the paths written,
  /// in format order; on failure, the first format's error (in format order) is thrown.
  public static func write(
    _ run: RunResult, formats: [ReportFormat], to directory: String,
    options: RenderOptions = RenderOptions()
  ) throws -> [String] {
    let files = formats.compactMap { f in f.fileName.map { (f, $0) } }
    guard !files.isEmpty else { return [] }
    try createDirectory(directory)
    // The costliest formats start first, so the cores finish together (report.html, then report.json).
    let rank: [ReportFormat: Int] = [.html: 0, .json: 1, .junit: 2, .markdown: 3]
    let order = files.indices.sorted { (rank[files[$0].0] ?? 4, $0) < (rank[files[$1].0] ?? 4, $1) }
    let started = Parallel.map(order.count) { k -> WriteError? in
      let i = order[k]
      let path = (directory as NSString).appendingPathComponent(files[i].1)
      do {
        try writeAtomically(to: path) { out, flush in
          files[i].0.render(run, options: options, into: &out, flush: flush)
        }
        return nil
      } catch let error as WriteError {
        return error
      } catch {
        return WriteError(path: path, reason: "\(error)")
      }
    }
    var outcomes = [WriteError?](repeating: nil, count: files.count)
    for (k, i) in order.enumerated() { outcomes[i] = started[k] }
    if let failure = outcomes.compactMap({ $0 }).first { throw failure }
    return files.map { (directory as NSString).appendingPathComponent($0.1) }
  }

  /// Checks, before anything is sent, that files can later be written under `directory`: the path, or the
  /// nearest part of it that exists, must be a directory this process may write into. Creates nothing.
  public static func checkWritable(_ directory: String) throws {
    var path = directory.isEmpty ? "." : directory
    var isDirectory: ObjCBool = false
    while !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
      let parent = (path as NSString).deletingLastPathComponent
      let next = parent.isEmpty ? "." : parent
      if next == path { break }
      path = next
    }
    guard isDirectory.boolValue else {
      throw WriteError(
        path: directory,
        reason: path == directory
          ? "it is a file, not a directory" : "\(path) is a file, not a directory")
    }
    guard access(path, W_OK | X_OK) == 0 else {
      throw WriteError(
        path: directory,
        reason: "\(path) is not writable (\(String(cString: strerror(errno))))")
    }
  }

  /// Creates the directory and any missing parents, or throws saying why not.
  public static func createDirectory(_ directory: String) throws {
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw WriteError(
        path: directory, reason: "cannot create the directory (\(error.localizedDescription))")
    }
  }

  public static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
    try writeAtomically(to: path) { out, _ in out = bytes }
  }

  /// Bytes a report is produced into: `produce` appends to `out` and may call `flush` (which writes what
  /// `out` holds and empties it) as often as it likes; what is left in `out` at the end is written last.
  public typealias Producer = (_ out: inout [UInt8], _ flush: (inout [UInt8]) -> Void) -> Void

  /// Writes a file produced piece by piece to a temporary name beside it, then renames it into place.
  public static func writeAtomically(to path: String, _ produce: Producer) throws {
    let dir = (path as NSString).deletingLastPathComponent
    let temp =
      (dir.isEmpty ? "." : dir) + "/." + (path as NSString).lastPathComponent
      + ".\(ProcessInfo.processInfo.processIdentifier).tmp"
    // Written straight from the buffer (no `Data` copy: reports of large runs are tens of megabytes).
    guard let file = fopen(temp, "wb") else {
      throw WriteError(
        path: path,
        reason:
          "cannot create a file in \(dir.isEmpty ? "." : dir) (\(String(cString: strerror(errno))))"
      )
    }
    var failure: Int32?
    func drain(_ buffer: inout [UInt8]) {
      if failure == nil && !buffer.isEmpty {
        let n = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        if n != buffer.count { failure = errno }
      }
      buffer.removeAll(keepingCapacity: true)
    }
    var out: [UInt8] = []
    produce(&out) { drain(&$0) }
    drain(&out)
    if failure == nil && (fflush(file) != 0 || fsync(fileno(file)) != 0) { failure = errno }
    fclose(file)
    if let failure {
      unlink(temp)
      throw WriteError(
        path: path, reason: "the disk refused the write (\(String(cString: strerror(failure))))")
    }
    if rename(temp, path) != 0 {
      let reason = String(cString: strerror(errno))
      unlink(temp)
      throw WriteError(path: path, reason: reason)
    }
  }
}
