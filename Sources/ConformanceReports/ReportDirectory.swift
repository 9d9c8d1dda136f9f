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
  /// disk a megabyte at a time through its own `redactor` stream (with the format's placeholder), so a large run
  /// never holds a whole report in memory and a secret split between two pieces is still found. Returns the
  /// paths written, in format order; on failure, the first format's error (in format order) is thrown.
  public static func write(
    _ run: RunResult, formats: [ReportFormat], to directory: String,
    options: RenderOptions = RenderOptions(), redactor: Redactor
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
        let format = files[i].0
        var stream = redactor.stream(placeholder: format.placeholder)
        try OutputSink.writeFile(at: path) { write in
          var out: [UInt8] = []
          format.render(run, options: options, into: &out) { buffer in
            write(stream.write(buffer))
            buffer.removeAll(keepingCapacity: true)
          }
          write(stream.write(out))
          write(stream.finish())
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

  /// Writes one already redacted file atomically.
  public static func writeAtomically(_ content: Redacted, to path: String) throws {
    try OutputSink.writeFile(at: path) { write in write(content) }
  }
}
