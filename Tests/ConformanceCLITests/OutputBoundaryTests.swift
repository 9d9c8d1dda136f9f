import Foundation
import Testing

/// Everything that leaves the process goes through `OutputSink`, which takes only `Redacted` values: no source
/// file may write another way, and the output layers may not make redactors of their own.
@Suite struct OutputBoundaryTests {
  static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources").path

  /// Ways of writing bytes out of the process, other than the sink.
  static let writers = [
    "print(", "debugPrint(", "dump(", "FileHandle", "fputs(", "fwrite(", "fopen(", "puts(",
    "createFile(", ".write(to", "write(toFile", "Glibc.write(", "Darwin.write(", "dprintf(",
    "vfprintf(", "NSLog(", "open(", "creat(", "fdopen(", "ofstream",
  ]
  /// The sink itself, and the socket writes of the mock server (answers to its client, not output).
  static let allowed = ["ConformanceReports/OutputSink.swift", "MockServer/Platform.swift"]

  static func files() -> [(path: String, text: String)] {
    let e = FileManager.default.enumerator(atPath: sources)
    var out: [(String, String)] = []
    while let f = e?.nextObject() as? String {
      guard f.hasSuffix(".swift"),
        let text = try? String(contentsOfFile: sources + "/" + f, encoding: .utf8)
      else { continue }
      out.append((f, text))
    }
    return out
  }

  /// The code of a line without comments and string literals' contents.
  static func code(_ line: String) -> String {
    var out = ""
    var inString = false
    var previous: Character = " "
    for c in line {
      if !inString, c == "/", previous == "/" {
        out.removeLast()
        break
      }
      if c == "\"" && previous != "\\" { inString.toggle() }
      if !inString || c == "\"" { out.append(c) }
      previous = c
    }
    return out
  }

  @Test func nothingWritesOutsideTheSink() {
    var found: [String] = []
    for (path, text) in Self.files() where !Self.allowed.contains(path) {
      for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        let c = Self.code(String(line))
        for w in Self.writers where c.contains(w) {
          // `open(` as part of a longer name (RequestLogFile.open, .open(...)) is not the system call.
          if w == "open(", c.contains(".open(") || c.contains("func open(") || c.contains("Open(") {
            continue
          }
          // A file opened read-only (the suite loader reads files straight into byte arrays) writes nothing.
          if w == "open(", c.contains("O_RDONLY"),
            !["O_WRONLY", "O_RDWR", "O_CREAT", "O_APPEND", "O_TRUNC"].contains(where: c.contains)
          {
            continue
          }
          found.append("\(path):\(n + 1): \(w)")
        }
      }
    }
    #expect(found.isEmpty, "write through OutputSink (Redacted values only): \(found)")
  }

  @Test func outputLayersUseTheInvocationsSecrets() {
    var found: [String] = []
    for (path, text) in Self.files()
    where path.hasPrefix("ConformanceCLI/") || path.hasPrefix("ConformanceReports/")
      || path.hasPrefix("anyint-conformance/")
    {
      for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
      where Self.code(String(line)).contains("Redactor(") {
        found.append("\(path):\(n + 1)")
      }
    }
    #expect(
      found.isEmpty, "redact with cli.secrets or a redactor passed in, never a new one: \(found)")
  }
}
