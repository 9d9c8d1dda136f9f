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
