import ConformanceCore
import Foundation
import Testing

/// Issue 11, case 5: no value from input or an answer can start a line or a terminal sequence in a log.
@Suite struct EscapedOutputTests {
  /// A value that would be a GitHub Actions workflow command at the start of a line, plus a terminal sequence.
  static let hostile = #"x\n::error file=evil.json,line=1::pwned\r\u001b[31mred\u0007"#

  /// No line of output starts a workflow command, and no control character other than the line ends is left.
  static func expectClean(_ text: String, _ context: String) {
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      #expect(!line.hasPrefix("::"), "\(context): a line starts a workflow command: \(line)")
    }
    let bad = text.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n") || $0.value == 0x7F }
    #expect(bad.isEmpty, "\(context): raw control characters \(bad.map(\.value)) in: \(text)")
  }

  @Test func validateEscapesValuesInItsMessages() async throws {
    let dir = Harness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    Harness.write(
      """
      [{"id": "a", "summary": "s", "request": {"method": "\(Self.hostile)", "path": "/openai/v1/models"},
        "expect": {"status": 200, "situation": "\(Self.hostile)"}},
       {"id": "b", "summary": "s", "request": {"method": "GET", "path": "/openai/v1/models"},
        "expect": {"status": 200}, "\(Self.hostile)": 1}]
      """, to: dir + "/scenarios/evil.json")
    let r = try await Harness.run(["validate"], in: dir)
    #expect(r.status == 2, "\(r.stderr)")
    #expect(r.stderr.contains(#"\n::error file=evil.json"#), "\(r.stderr)")
    #expect(r.stderr.contains(#"\u001b[31m"#), "\(r.stderr)")
    Self.expectClean(r.stdout + r.stderr, "validate")
  }

  @Test(arguments: [#"a\r\nInjected: yes"#, #"a\nb"#, #"a\rb"#, #"a\u0000b"#])
  func aHeaderValueWithALineBreakIsAValidateError(_ value: String) async throws {
    let dir = Harness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    Harness.write(
      """
      [{"id": "a", "summary": "s",
        "request": {"method": "GET", "path": "/openai/v1/models", "headers": {"x-note": "\(value)"}},
        "expect": {"status": 200}}]
      """, to: dir + "/scenarios/h.json")
    let r = try await Harness.run(["validate"], in: dir)
    #expect(r.status == 2, "\(value): \(r.stdout)\(r.stderr)")
    #expect(
      r.stderr.contains("scenarios/h.json:2:83: error: $[0].request.headers.x-note: header value"),
      "\(r.stderr)")
    Self.expectClean(r.stderr, "validate")
  }

  /// The same for a fixture's request and response headers (a response header could forge fields).
  @Test func aFixtureHeaderValueWithALineBreakIsAValidateError() async throws {
    let dir = MiniSuite.make()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    Harness.write(
      #"""
      [{"id": "f", "request": {"method": "GET", "path": "/x", "headers": {"x-in": "a\nb"}},
        "response": {"status": 200, "headers": {"x-out": "b\r\nSet-Cookie: c"}}}]
      """#, to: dir + "/Fixtures/h.fixture.json")
    let r = try await Harness.run(["validate", "--fixtures", "Fixtures"], in: dir)
    #expect(r.status == 2, "\(r.stderr)")
    #expect(r.stderr.contains("$[0].request.headers.x-in: header value must not hold a line break"))
    #expect(
      r.stderr.contains("$[0].response.headers.x-out: header value must not hold a line break"))
  }

  @Test func runEscapesAnswerValuesOnTheConsole() async throws {
    let dir = MiniSuite.make()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    // The gateway's answer carries the hostile text in its error message; the scenario fails
    // on it, so the failure lines, the body excerpt and the reason are all printed.
    Harness.write(
      MiniSuite.fixtures.replacingOccurrences(
        of: "Invalid or missing API key", with: Self.hostile
      ),
      to: dir + "/Fixtures/models.fixture.json")
    // A plain-text answer whose raw bytes hold the line break and the escape sequence (the body excerpt).
    Harness.write(
      """
      [{"id": "text.evil", "request": {"method": "GET", "path": "/openai/v1/models?format=text"},
        "response": {"status": 500, "headers": {"content-type": "text/plain"}, "body": "\(Self.hostile)"}}]
      """, to: dir + "/Fixtures/text.fixture.json")
    Harness.write(
      """
      [{"id": "text.evil", "summary": "s", "request": {"method": "GET", "path": "/openai/v1/models?format=text"},
        "expect": {"status": 200}}]
      """, to: dir + "/scenarios/text.json")
    Harness.write(
      MiniSuite.scenarios.replacingOccurrences(
        of: #""code": "invalid_api_key"}"#,
        with: #""code": "invalid_api_key", "message": "nope"}"#),
      to: dir + "/scenarios/models.json")
    let r = try await Harness.run(["run", "--format", "console"], in: dir)
    #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
    #expect(
      r.stdout.contains(#"::error file=evil.json"#), "the value is shown, escaped: \(r.stdout)")
    Self.expectClean(r.stdout + r.stderr, "run")
    // --format github keeps its own escaping.
    let gh = try await Harness.run(["run", "--format", "github"], in: dir)
    let lines = gh.stdout.split(separator: "\n")
    #expect(lines.contains { $0.hasPrefix("::error file=scenarios/models.json") }, "\(gh.stdout)")
    #expect(!lines.contains { $0.hasPrefix("::error file=evil.json") }, "\(gh.stdout)")
    #expect(!gh.stdout.contains("\u{1B}"), "\(gh.stdout)")
  }

  /// A variable cannot smuggle a line break into the request line (and so never reaches a message raw).
  @Test func aVariableValueWithALineBreakInThePathIsRefused() async throws {
    let dir = MiniSuite.make()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    Harness.write(
      """
      [{"id": "evil.path", "summary": "s", "request": {"method": "GET", "path": "/openai/v1/models?q=${evil}"},
        "expect": {"status": 200}}]
      """, to: dir + "/scenarios/evil.json")
    let r = try await Harness.run(
      ["run", "--format", "console", "--id", "evil.*", "--var", "evil=a\n::error::x\u{1B}[2J"],
      in: dir)
    #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
    #expect(r.stdout.contains("the request path would hold a line break"), "\(r.stdout)")
    Self.expectClean(r.stdout + r.stderr, "run")
  }

  @Test func optionValuesInErrorsAreEscaped() async throws {
    for args in [
      ["run", "--target", Self.hostile], ["explain", Self.hostile], [Self.hostile],
      ["diagnose", "--fixtures", "Fixtures", "--route", "/openai/v1/models\n::error::x"],
      ["run", "--shard", "1/\n::error::x"],
    ] {
      let unescaped = args.map {
        $0.replacingOccurrences(of: #"\n"#, with: "\n").replacingOccurrences(of: #"\r"#, with: "\r")
          .replacingOccurrences(of: #"\u001b"#, with: "\u{1B}")
          .replacingOccurrences(of: #"\u0007"#, with: "\u{07}")
      }
      let r = try await Harness.run(unescaped)
      Self.expectClean(r.stdout + r.stderr, unescaped.joined(separator: " "))
    }
  }
}
