import ConformanceCLI
import ConformanceCore
import Foundation
import Testing

/// The invalid-scenario corpus: every `Fixtures/invalid-scenarios/NAME.json` must make `validate` exit 2 and
/// print exactly the diagnostics its sibling `NAME.expected` lists, at the listed line, column and JSON path.
///
/// An `.expected` line reads `LINE:COL: error: $.path: message-substring`, or `LINE:COL: error: message-substring`
/// for a problem with the file as a whole (no JSON path). `{file}` in the substring stands for the scenario
/// file's path as it was given to `validate`.
@Suite struct InvalidScenarioTests {
  /// The package root: three levels up from this file (`Tests/ConformanceCLITests/InvalidScenarioTests.swift`).
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static let corpus = root.appendingPathComponent("Fixtures/invalid-scenarios")

  /// File names in the corpus folder, sorted.
  static func corpusFiles() -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []).sorted()
  }

  /// The scenario files of the corpus (`*.json`), by name without the extension.
  static let cases: [String] = corpusFiles().filter { $0.hasSuffix(".json") }.map {
    String($0.dropLast(".json".count))
  }

  @Test func corpusIsCompleteAndSelfContained() throws {
    let files = Self.corpusFiles()
    #expect(
      Self.cases.count >= 30,
      "the corpus should hold at least 30 broken scenario files, found \(Self.cases.count)")
    for name in Self.cases {
      guard files.contains(name + ".expected") else {
        Issue.record("\(name).json has no \(name).expected")
        continue
      }
      let expected = try Self.expectedDiagnostics(for: name)
      #expect(
        !expected.isEmpty,
        "\(name).expected lists no diagnostic; every file in the corpus must be invalid")
    }
    for file in files where file.hasSuffix(".expected") {
      let name = String(file.dropLast(".expected".count))
      #expect(Self.cases.contains(name), "\(file) has no \(name).json beside it")
    }
    for file in files {
      #expect(
        file.hasSuffix(".json") || file.hasSuffix(".expected"),
        "unexpected file \(file) in the corpus")
    }
    // With a variables.json beside them, the `${...}` cases would resolve and stop being invalid.
    #expect(!files.contains(ScenarioLoader.variablesFileName))
  }

  @Test(arguments: cases) func validatePrintsExactlyTheExpectedDiagnostics(_ name: String)
    async throws
  {
    let path = Self.corpus.appendingPathComponent(name + ".json").path
    let expected = try Self.expectedDiagnostics(for: name)

    let term = BufferTerminal()
    let code = await CLI(environment: [:], terminal: term).run(["validate", path])
    let stderr = term.stderr
    let context = Comment(
      rawValue: "validate \(name).json printed:\n\(stderr)\nexpected (\(name).expected):\n"
        + expected.map(\.text).joined(separator: "\n"))

    #expect(code == .invalidInput, context)
    #expect(term.stdout.isEmpty, "validate printed to stdout: \(term.stdout)")

    let errorLines = stderr.split(separator: "\n").map(String.init).filter {
      $0.contains(": error: ")
    }
    var unexpected = errorLines
    var missing: [String] = []
    for e in expected {
      if let i = unexpected.firstIndex(where: { e.matches($0, file: path) }) {
        unexpected.remove(at: i)
      } else {
        missing.append(e.text)
      }
    }
    #expect(
      missing.isEmpty && unexpected.isEmpty,
      Comment(
        rawValue: "\(name).json: missing \(missing.count), unexpected \(unexpected.count)\n"
          + missing.map { "  missing:    \($0)\n" }.joined()
          + unexpected.map { "  unexpected: \($0)\n" }.joined()
          + "validate printed:\n\(stderr)"))
    #expect(errorLines.count == expected.count, context)
  }

  /// Hundreds of deterministic mutations of a valid scenario: the decoder must never crash, must place every
  /// diagnostic on a real line and column, and must either decode a scenario or say why not.
  @Test func decoderSurvivesMutatedInput() throws {
    let base = Array(Self.validScenario.utf8)
    let clean = ScenarioDecoder.decode(path: "base.json", bytes: base)
    try #require(clean.diagnostics.isEmpty, "the fuzz seed must be valid: \(clean.diagnostics)")
    try #require(clean.scenarios.count == 2)

    var rng = SplitMix64(seed: 0x5EED_A11_1E7)
    var errored = 0
    var pastTheParser = 0
    for round in 0..<600 {
      var bytes = base
      let steps = 1 + Int(rng.next() % 3)
      var applied: [String] = []
      for _ in 0..<steps { applied.append(Self.mutate(&bytes, rng: &rng)) }

      let path = "fuzz-\(round).json"
      let (scenarios, diagnostics, _) = ScenarioDecoder.decode(path: path, bytes: bytes)
      let lineCount = bytes.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
      let label = "round \(round) (\(applied.joined(separator: ", ")))"
      for d in diagnostics {
        #expect(
          d.location.line >= 1 && d.location.line <= lineCount,
          "\(label): line out of range in \(d)")
        #expect(d.location.column >= 1, "\(label): column below 1 in \(d)")
        #expect(d.location.file == path, "\(label): wrong file in \(d)")
        #expect(!d.message.isEmpty, "\(label): empty message in \(d)")
      }
      let hasError = diagnostics.contains { $0.severity == .error }
      #expect(!scenarios.isEmpty || hasError, "\(label): no scenario and no error")
      if hasError { errored += 1 }
      if diagnostics.contains(where: { !$0.path.isEmpty }) { pastTheParser += 1 }
    }
    // The mutations must actually reach the error paths, or the test proves nothing.
    #expect(errored > 300, "only \(errored) of 600 mutations were reported as invalid")
    #expect(
      pastTheParser > 60, "only \(pastTheParser) of 600 mutations reached the scenario decoder")
  }

  // MARK: - Helpers

  /// One line of an `.expected` file.
  struct ExpectedDiagnostic {
    var text: String
    var line: Int
    var column: Int
    /// The JSON path, or nil for a problem with the file as a whole.
    var path: String?
    var message: String

    init(parsing text: String) throws {
      self.text = text
      guard let parsed = Self.split(text) else {
        throw ExpectedFileError(
          message:
            "cannot read expected diagnostic '\(text)'; write LINE:COL: error: $.path: message")
      }
      (line, column, path, message) = parsed
    }

    /// Splits `LINE:COL: error: [$.path: ]message` into its parts.
    static func split(_ text: String) -> (Int, Int, String?, String)? {
      let parts = text.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
      guard parts.count == 3, let line = Int(parts[0]), let column = Int(parts[1]),
        parts[2].hasPrefix(" error: ")
      else { return nil }
      let rest = parts[2].dropFirst(" error: ".count)
      if rest.hasPrefix("$"), let sep = rest.range(of: ": ") {
        return (line, column, String(rest[..<sep.lowerBound]), String(rest[sep.upperBound...]))
      }
      return (line, column, nil, String(rest))
    }

    /// Whether a printed stderr line is this diagnostic for `file`.
    func matches(_ printed: String, file: String) -> Bool {
      guard printed.hasPrefix(file + ":"),
        let (l, c, p, m) = Self.split(String(printed.dropFirst(file.count + 1)))
      else { return false }
      return l == line && c == column && p == path
        && m.contains(message.replacingOccurrences(of: "{file}", with: file))
    }
  }

  struct ExpectedFileError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
  }

  static func expectedDiagnostics(for name: String) throws -> [ExpectedDiagnostic] {
    let url = corpus.appendingPathComponent(name + ".expected")
    let text = try String(contentsOf: url, encoding: .utf8)
    return try text.split(separator: "\n").map(String.init).filter {
      !$0.trimmingCharacters(in: .whitespaces).isEmpty
    }
    .map(ExpectedDiagnostic.init(parsing:))
  }

  /// A scenario that touches most of the decoder: every request and expect field, matchers of each kind.
  static let validScenario = """
    [
      {
        "id": "auth.anthropic.messages.bearer-header",
        "summary": "Anthropic-compatible messages route rejects a Bearer header",
        "tags": ["auth", "header-mismatch", "smoke"],
        "family": "anthropic",
        "timeoutMs": 30000,
        "request": {
          "method": "POST",
          "path": "/anthropic/v1/messages?beta=true",
          "auth": "bearer",
          "key": "valid",
          "headers": { "anthropic-version": "2023-06-01", "x-trace": null },
          "json": { "model": "claude-3-5-haiku-latest", "max_tokens": 16, "temperature": 0.5,
                    "messages": [{ "role": "user", "content": "ping \\u00e9\\n" }] },
          "timeoutMs": 10000
        },
        "expect": {
          "status": [401, 403],
          "envelope": "openai",
          "error": { "type": "authentication_error", "code": { "in": ["invalid_api_key", null] },
                     "message": { "matches": "(?i)api[ _]key" }, "param": { "exists": false } },
          "situation": "invalid-api-key",
          "retry": "no",
          "headers": { "content-type": { "contains": "json" } },
          "json": { "$.error.type": { "type": "string" }, "$.data[*].id": { "equals": ["a"] }, "$[\\"x y\\"][0]": true },
          "latencyMs": { "max": 5000 },
          "diagnoses": ["header-mismatch"]
        }
      },
      {
        "id": "stream.openai.chat.complete",
        "summary": "OpenAI-compatible chat route streams a complete answer",
        "request": { "method": "POST", "path": "/openai/v1/chat/completions", "body": "{\\"stream\\": true}" },
        "expect": { "status": "2xx", "stream": { "format": "openai-sse", "complete": true, "minEvents": 2,
                                                 "events": ["chunk"], "error": { "exists": false } } }
      }
    ]
    """

  /// Applies one random mutation and says which, so a failure can be reproduced by reading the log.
  static func mutate(_ bytes: inout [UInt8], rng: inout SplitMix64) -> String {
    guard !bytes.isEmpty else {
      bytes = [UInt8(ascii: "{")]
      return "refill"
    }
    let at = Int(rng.next() % UInt64(bytes.count))
    switch rng.next() % 7 {
    case 0:
      bytes.removeSubrange(at...)
      return "truncate at \(at)"
    case 1:
      let interesting: [UInt8] =
        Array("{}[]\",:\\ 0-9eE.ntfu$x\n".utf8) + [0x00, 0x1F, 0x7F, 0x80, 0xC3, 0xEF, 0xFF]
      let b = interesting[Int(rng.next() % UInt64(interesting.count))]
      bytes[at] = b
      return "set byte \(at) to 0x\(String(b, radix: 16))"
    case 2:
      let length = min(bytes.count - at, 1 + Int(rng.next() % 12))
      bytes.removeSubrange(at..<(at + length))
      return "delete \(length) at \(at)"
    case 3:
      bytes[at] ^= UInt8(truncatingIfNeeded: 1 << (rng.next() % 8))
      return "flip a bit at \(at)"
    case 4, 5:
      // Keeps the JSON well-formed (letters stay letters, digits stay digits) so the mutation reaches the
      // scenario decoder: renamed fields, unknown enum values, other ids, statuses and numbers.
      guard
        let i = bytes[at...].firstIndex(where: { isLetterOrDigit($0) })
          ?? bytes[..<at].lastIndex(where: { isLetterOrDigit($0) })
      else { return "nothing to retype" }
      let isDigit = (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i])
      let pool = Array((isDigit ? "0123456789" : "abcdefghijklmnopqrstuvwxyzABCXYZ_-").utf8)
      bytes[i] = pool[Int(rng.next() % UInt64(pool.count))]
      return "retype byte \(i) as '\(String(UnicodeScalar(bytes[i])))'"
    default:
      let length = min(bytes.count - at, 1 + Int(rng.next() % 16))
      let copy = Array(bytes[at..<(at + length)])
      let to = Int(rng.next() % UInt64(bytes.count + 1))
      bytes.insert(contentsOf: copy, at: to)
      return "copy \(length) from \(at) to \(to)"
    }
  }
}

private func isLetterOrDigit(_ b: UInt8) -> Bool {
  (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(b)
    || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(b)
    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b)
}

extension InvalidScenarioTests {
  /// A small deterministic generator (SplitMix64), so every run mutates the same way.
  struct SplitMix64 {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }
}
