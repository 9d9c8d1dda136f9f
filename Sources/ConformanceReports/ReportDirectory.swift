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

  /// Renders and writes one format at a time, so a large run never holds every report in memory at once;
  /// returns the paths written. Each file goes through `redactor` on its way to disk.
  public static func write(
    _ run: RunResult, formats: [ReportFormat], to directory: String,
    options: RenderOptions = RenderOptions(), redactor: Redactor
  ) throws -> [String] {
    let files = formats.filter { $0.fileName != nil }
    guard !files.isEmpty else { return [] }
    try createDirectory(directory)
    var written: [String] = []
    for f in files {
      guard let name = f.fileName else { continue }
      let path = (directory as NSString).appendingPathComponent(name)
      var stream = redactor.stream(placeholder: f.placeholder)
      try OutputSink.writeFile(at: path) { write in
        write(stream.write(f.render(run, options: options)))
        write(stream.finish())
      }
      written.append(path)
    }
    return written
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
