// Every platform-specific call of the core lives here.
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

enum Platform {
  /// Shell-style glob match (`*`, `?`, `[...]`); `*` also matches `/`.
  static func globMatch(_ pattern: String, _ text: String) -> Bool {
    fnmatch(pattern, text, 0) == 0
  }
}

extension Platform {
  enum EntryKind {
    case file
    case directory
    /// A symbolic link, or an entry whose kind the directory listing did not say.
    case other
  }

  /// The entries of a directory (without `.` and `..`), in no particular order; empty when it cannot be read.
  static func listDirectory(_ path: String) -> [(name: String, kind: EntryKind)] {
    guard let dir = opendir(path) else { return [] }
    defer { closedir(dir) }
    var out: [(name: String, kind: EntryKind)] = []
    while let entry = readdir(dir) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      if name == "." || name == ".." { continue }
      let kind: EntryKind
      switch Int32(entry.pointee.d_type) {
      case Int32(DT_REG): kind = .file
      case Int32(DT_DIR): kind = .directory
      default: kind = .other
      }
      out.append((name, kind))
    }
    return out
  }

  /// Whether a path (following symbolic links) is a directory; nil when it does not exist.
  static func isDirectory(_ path: String) -> Bool? {
    var st = stat()
    guard stat(path, &st) == 0 else { return nil }
    return (st.st_mode & S_IFMT) == S_IFDIR
  }

  /// Whether a path is a symbolic link (not followed).
  static func isSymbolicLink(_ path: String) -> Bool {
    var st = stat()
    return lstat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFLNK
  }

  /// A whole file's bytes, read straight into an array (no `Data` in between); nil when it cannot be
  /// opened or read, or is a directory.
  static func readFile(_ path: String) -> [UInt8]? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) != S_IFDIR else { return nil }
    // One byte more than the size, so a single read both fills the file and sees its end.
    var out = [UInt8](repeating: 0, count: max(Int(st.st_size), 0) + 1)
    var used = 0
    while true {
      if used == out.count { out += [UInt8](repeating: 0, count: max(out.count, 4096)) }
      let n = out.withUnsafeMutableBytes { buf -> Int in
        guard let base = buf.baseAddress else { return -1 }
        return read(fd, base + used, buf.count - used)
      }
      if n < 0 && errno == EINTR { continue }
      if n < 0 { return nil }
      if n == 0 { break }
      used += n
    }
    out.removeLast(out.count - used)
    return out
  }
}

extension Platform {
  /// Hands memory freed so far back to the system. Decoding a large suite on every core leaves the parse trees'
  /// memory free inside each thread's allocator arena, where it still counts as the process's memory while the
  /// run and the reports allocate elsewhere; glibc returns it only when asked.
  static func releaseFreedMemory() {
    #if canImport(Glibc)
      // `malloc_trim` is glibc's (malloc.h is not in the Glibc module): looked up once among the loaded symbols.
      if let trim = mallocTrim { _ = trim(0) }
    #endif
  }

  #if canImport(Glibc)
    private typealias MallocTrim = @convention(c) (Int) -> Int32
    private static let mallocTrim: MallocTrim? = dlsym(nil, "malloc_trim").map {
      unsafeBitCast($0, to: MallocTrim.self)
    }
  #endif
}
