import ConformanceCore
import Foundation

/// Writes report files so that a reader (or a crash) never sees half a file, and checks a directory before a
/// run sends anything.
///
/// Each file is written to a temporary name in the same directory and flushed; only when every file of the set
/// is staged are they renamed over the old ones (rename within a directory is atomic on POSIX file systems), so
/// an interruption mid-write leaves the previous set or the new one. Paths are handled with POSIX calls on
/// plain strings: Foundation's path helpers trap on some inputs.
public enum ReportDirectory {
  public struct WriteError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "cannot write \(path): \(reason)" }
  }

  /// The longest file name (one path component) and whole path Linux accepts, in bytes.
  static let nameMax = 255
  static let pathMax = 4095
  /// Room kept in a name for the temporary suffix (`.<name>.<pid>.tmp`).
  static let tempOverhead = 32

  /// Renders and stages the formats, each on its own core when there are several (the costliest first, so the
  /// cores finish together); every file is streamed to its temporary name a megabyte at a time through its own
  /// `redactor` stream (with the format's placeholder), so a large run never holds a whole report in memory
  /// and a secret split between two pieces is still found. Only once every file is staged are they renamed
  /// into place; returns the paths written, in format order. On a failure nothing is renamed, the staged files
  /// are removed, and the first format's error (in format order) is thrown.
  public static func write(
    _ run: RunResult, formats: [ReportFormat], to directory: String,
    options: RenderOptions = RenderOptions(), redactor: Redactor
  ) throws -> [String] {
    let files = formats.compactMap { f in
      f.fileName.map { (format: f, path: join(directory, $0)) }
    }
    guard !files.isEmpty else { return [] }
    try createDirectory(directory)
    // report.html, then report.json, are the costliest.
    let rank: [ReportFormat: Int] = [.html: 0, .json: 1, .junit: 2, .markdown: 3]
    let order = files.indices.sorted {
      (rank[files[$0].format] ?? 4, $0) < (rank[files[$1].format] ?? 4, $1)
    }
    let started = Parallel.map(order.count) { k -> Result<String, WriteError> in
      let (format, path) = files[order[k]]
      do {
        var stream = redactor.stream(placeholder: format.placeholder)
        let temp = try OutputSink.stageFile(at: path) { write in
          var out: [UInt8] = []
          format.render(run, options: options, into: &out) { buffer in
            write(stream.write(buffer))
            buffer.removeAll(keepingCapacity: true)
          }
          write(stream.write(out))
          write(stream.finish())
        }
        return .success(temp)
      } catch let error as WriteError {
        return .failure(error)
      } catch {
        return .failure(WriteError(path: path, reason: "\(error)"))
      }
    }
    var outcomes = [Result<String, WriteError>?](repeating: nil, count: files.count)
    for (k, i) in order.enumerated() { outcomes[i] = started[k] }
    var staged: [(temp: String, path: String)] = []
    var failure: WriteError?
    for (i, outcome) in outcomes.enumerated() {
      switch outcome {
      case .success(let temp)?: staged.append((temp, files[i].path))
      case .failure(let error)?: failure = failure ?? error
      case nil: break
      }
    }
    if let failure {
      for s in staged { unlink(s.temp) }
      throw failure
    }
    for (i, s) in staged.enumerated() where rename(s.temp, s.path) != 0 {
      let reason = String(cString: strerror(errno))
      for rest in staged[i...] { unlink(rest.temp) }
      throw WriteError(path: s.path, reason: reason)
    }
    syncDirectory(directory)
    return staged.map(\.path)
  }

  /// Checks a directory path before anything is sent, without touching the file system: not empty, no NUL,
  /// within Linux's name and path limits.
  public static func validate(_ directory: String) throws(WriteError) {
    guard !directory.isEmpty else {
      throw WriteError(path: "\"\"", reason: "the path is empty; give a directory such as Reports")
    }
    guard !directory.utf8.contains(0) else {
      throw WriteError(path: directory, reason: "the path holds a NUL byte")
    }
    if directory.utf8.count > pathMax - nameMax {
      throw WriteError(
        path: directory,
        reason:
          "the path is \(directory.utf8.count) bytes long; keep it under \(pathMax - nameMax) so the files in it fit the \(pathMax)-byte limit"
      )
    }
    for part in directory.split(separator: "/") where part.utf8.count > nameMax - tempOverhead {
      throw WriteError(
        path: directory,
        reason:
          "the name '\(part.prefix(40))...' is \(part.utf8.count) bytes long; a file name can be at most \(nameMax) bytes, and the report files need room for their temporary names (keep each name under \(nameMax - tempOverhead))"
      )
    }
  }

  /// Checks, before anything is sent, that files can later be written into `directory`, creating nothing:
  /// `validate`, then the directory (or the nearest part of it that exists, where the rest will be created)
  /// must be a directory in which a file can really be created (access(2) passes on /proc for some users).
  /// `ReportLock.claim` creates the missing parts and also takes the directory for one run.
  public static func checkWritable(_ directory: String) throws(WriteError) {
    try validate(directory)
    var existing = directory
    var st = stat()
    while stat(existing, &st) != 0 {
      let parent = split(existing).directory
      guard parent != existing else { break }
      existing = parent
    }
    guard (st.st_mode & S_IFMT) == S_IFDIR else {
      throw WriteError(
        path: directory,
        reason: existing == directory
          ? "it is a file, not a directory" : "\(existing) is a file, not a directory")
    }
    if let failure = OutputSink.probeFileCreation(in: existing) {
      throw WriteError(
        path: directory, reason: "cannot create files in it (\(String(cString: strerror(failure))))"
      )
    }
  }

  /// Creates the directory and any missing parents (after `validate`), or throws saying which part failed.
  public static func createDirectory(_ directory: String) throws(WriteError) {
    try validate(directory)
    var prefix = directory.hasPrefix("/") ? "/" : ""
    for part in directory.split(separator: "/", omittingEmptySubsequences: true) {
      prefix += (prefix.isEmpty || prefix.hasSuffix("/") ? "" : "/") + part
      var st = stat()
      if stat(prefix, &st) == 0 {
        guard (st.st_mode & S_IFMT) == S_IFDIR else {
          throw WriteError(
            path: directory,
            reason: prefix == directory
              ? "it is a file, not a directory" : "\(prefix) is a file, not a directory")
        }
        continue
      }
      if mkdir(prefix, 0o777) != 0 && errno != EEXIST {
        throw WriteError(
          path: directory,
          reason: "cannot create \(prefix) (\(String(cString: strerror(errno))))")
      }
    }
  }

  /// Writes one already redacted file atomically.
  public static func writeAtomically(_ content: Redacted, to path: String) throws {
    try OutputSink.writeFile(at: path) { write in write(content) }
  }

  /// Removes temporary files (`.<name>.<pid>.tmp`) that processes no longer running left in `directory`.
  public static func removeStaleTemporaryFiles(in directory: String) {
    guard let dir = opendir(directory) else { return }
    var stale: [String] = []
    while let entry = readdir(dir) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) {
        String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self)
      }
      guard let pid = temporaryOwner(name), pid != getpid(), !isRunning(pid) else { continue }
      stale.append(name)
    }
    closedir(dir)
    for name in stale { unlink(join(directory, name)) }
  }

  /// The PID in a temporary file name `.<name>.<pid>.tmp`, or nil for any other name.
  static func temporaryOwner(_ name: String) -> pid_t? {
    guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return nil }
    let parts = name.dropLast(4).split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count >= 3, let last = parts.last, !last.isEmpty, last.count <= 10,
      last.allSatisfy(\.isASCII), let pid = Int32(last), pid > 0
    else { return nil }
    return pid
  }

  /// Whether a process with this PID exists (EPERM: it exists, under another user).
  static func isRunning(_ pid: pid_t) -> Bool {
    kill(pid, 0) == 0 || errno == EPERM
  }

  /// Flushes the directory entry of renamed files, so a crash right after the run keeps the new set.
  static func syncDirectory(_ directory: String) {
    let fd = OutputSink.openForReading(directory, directory: true)
    guard fd >= 0 else { return }
    _ = fsync(fd)
    close(fd)
  }

  /// `directory/name`, without doubling a slash.
  static func join(_ directory: String, _ name: String) -> String {
    directory.hasSuffix("/") ? directory + name : directory + "/" + name
  }

  /// The directory and the last component of a path ("." when there is no directory part).
  static func split(_ path: String) -> (directory: String, name: String) {
    guard let slash = path.lastIndex(of: "/") else { return (".", path) }
    let dir = String(path[..<slash])
    return (dir.isEmpty ? "/" : dir, String(path[path.index(after: slash)...]))
  }
}
