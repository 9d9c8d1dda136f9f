import Foundation

/// A bounded walk of a directory tree: symlinked directories are followed, each directory is visited once
/// (so a link cycle ends), pseudo file systems such as `/proc` are not descended into, and the walk stops
/// after a fixed number of entries or levels, saying so, instead of hanging on `/proc/self/root`.
public struct DirectoryWalk: Sendable {
  /// Entries (files and directories) looked at before the walk gives up.
  public var maxEntries = 100_000
  /// Directory levels below the root.
  public var maxDepth = 32

  public init() {}

  public struct Result: Sendable {
    /// Paths (`root/relative`) of the files `include` accepted, depth first, names sorted in each directory.
    public var files: [String] = []
    /// Why the walk stopped early or left something out; empty when it saw everything.
    public var problems: [String] = []
  }

  /// Walks `root`; `include` decides on file names, `descend` on directories (given the path and its entry
  /// names) below the root. Hidden entries (a leading `.`) are skipped.
  public func files(
    under root: String, include: (String) -> Bool,
    descend: (_ path: String, _ names: [String]) -> Bool = { _, _ in true }
  ) -> Result {
    var result = Result()
    var visited = Set<FileID>()
    var seen = 0
    func walk(_ dir: String, depth: Int) {
      guard let id = FileID(path: dir), visited.insert(id).inserted else { return }
      guard let names = DirectoryWalk.entries(of: dir) else { return }
      if depth > 0 && !descend(dir, names) { return }
      let pseudo = DirectoryWalk.isPseudoFileSystem(dir)
      for name in names.sorted() where !name.hasPrefix(".") {
        seen += 1
        if seen > maxEntries {
          if result.problems.isEmpty {
            result.problems.append(
              "stopped after \(maxEntries) entries under \(root); point at the directory that holds the files"
            )
          }
          return
        }
        let full = dir.hasSuffix("/") ? dir + name : dir + "/" + name
        var st = stat()
        guard stat(full, &st) == 0 else { continue }
        if (st.st_mode & S_IFMT) == S_IFDIR {
          // Below a pseudo file system (/proc, /sys) links point anywhere, /proc/self/root at "/".
          guard !pseudo else { continue }
          guard depth < maxDepth else {
            if !result.problems.contains(where: { $0.hasPrefix("did not descend") }) {
              result.problems.append(
                "did not descend below \(full): more than \(maxDepth) directory levels under \(root)"
              )
            }
            continue
          }
          walk(full, depth: depth + 1)
        } else if (st.st_mode & S_IFMT) == S_IFREG, include(name) {
          result.files.append(full)
        }
      }
    }
    walk(root, depth: 0)
    return result
  }

  /// A directory's entry names (without `.` and `..`), or nil when it cannot be read.
  static func entries(of dir: String) -> [String]? {
    guard let d = opendir(dir) else { return nil }
    defer { closedir(d) }
    var out: [String] = []
    while let entry = readdir(d) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) {
        String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self)
      }
      if name != "." && name != ".." { out.append(name) }
    }
    return out
  }

  /// Whether `path` resolves into a kernel pseudo file system (/proc, /sys, /dev), where links lead
  /// anywhere and trees are unbounded.
  static func isPseudoFileSystem(_ path: String) -> Bool {
    guard let resolved = realpath(path, nil) else { return false }
    defer { free(resolved) }
    let real = String(cString: resolved)
    return ["/proc", "/sys", "/dev"].contains { real == $0 || real.hasPrefix($0 + "/") }
  }

  /// A directory's identity, to visit each once whatever links lead to it.
  struct FileID: Hashable {
    var device: UInt64
    var inode: UInt64

    init?(path: String) {
      var st = stat()
      guard stat(path, &st) == 0 else { return nil }
      device = UInt64(st.st_dev)
      inode = UInt64(st.st_ino)
    }
  }
}
