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
