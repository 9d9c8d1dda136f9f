import Testing

@testable import ConformanceCore

@Suite struct EscapingTests {
  @Test(arguments: [
    ("plain", "plain"), ("a\nb", #"a\nb"#), ("a\r\nb", #"a\r\nb"#), ("tab\there", #"tab\there"#),
    ("\u{1B}[31m", #"\u001b[31m"#), ("nul\u{0}", #"nul\u0000"#), ("del\u{7F}", #"del\u007f"#),
    ("csi\u{9B}", #"csi\u009b"#), ("ls\u{2028}", #"ls\u2028"#), ("bidi\u{202E}", #"bidi\u202e"#),
    (#"back\slash"#, #"back\slash"#), ("ünïcödé ✓", "ünïcödé ✓"),
  ])
  func controlCharactersAreEscaped(_ input: String, _ expected: String) {
    #expect(input.escapingControlCharacters == expected)
  }

  @Test func diagnosticsStayOnOneLine() {
    let d = Diagnostic(
      at: SourceRef(file: "a\nb.json", line: 1, column: 2), path: "$.x\n", "bad 'v\n::error::x'")
    #expect(!d.description.contains("\n"))
    #expect(d.description == #"a\nb.json:1:2: error: $.x\n: bad 'v\n::error::x'"#)
  }
}
