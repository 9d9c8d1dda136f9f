import Testing

@testable import ConformanceCore

/// Positions (line:column, columns in Unicode scalars) stay exactly what a character-by-character count gives,
/// however long a line is. Speed is the benchmark's business (Benchmarks/suite-throughput.sh); these pin the
/// numbers, so a faster index that counts differently fails here.
@Suite struct SourceTextTests {
  /// The position of an offset counted from the start of the file, one byte at a time: what `SourceText`
  /// computed before it had an index, kept as the reference.
  static func reference(_ bytes: [UInt8], _ offset: Int) -> (line: Int, column: Int) {
    let clamped = max(0, min(offset, bytes.count))
    var line = 1
    var lineStart = 0
    for i in 0..<clamped where bytes[i] == UInt8(ascii: "\n") {
      line += 1
      lineStart = i + 1
    }
    var i = lineStart
    if line == 1 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) && clamped >= 3 { i = 3 }
    var column = 1
    while i < clamped {
      if bytes[i] & 0xC0 != 0x80 { column += 1 }
      i += 1
    }
    return (line, column)
  }

  static let texts: [String] = [
    "",
    "\n\n\n",
    "{\"a\": 1}",
    "{\n  \"é\": [\n    true ]\n}",
    "\u{FEFF}{\"bom\": \"日本語\"}\n[1, 2]",
    "a\r\nb\r\n\r\nc",
    // Long lines that cross many 64-byte checkpoints, with 2-, 3- and 4-byte characters on and around them.
    String(repeating: "abc é 日 🎉 ", count: 200),
    String(repeating: "x", count: 63) + "é" + String(repeating: "y", count: 62) + "🎉\n"
      + String(repeating: "z日", count: 100),
    (0..<50).map { "line \($0): " + String(repeating: "ü", count: $0 * 3) }.joined(separator: "\n"),
  ]

  @Test(arguments: texts)
  func everyOffsetMatchesACharacterCount(text: String) {
    let bytes = Array(text.utf8)
    let source = SourceText(path: "t.json", bytes: bytes)
    for offset in -2...(bytes.count + 2) {
      let got = source.position(of: offset)
      let want = Self.reference(bytes, offset)
      #expect(got == want, "offset \(offset) of \(bytes.count)")
      if got != want { return }
    }
  }

  /// One minified line holding thousands of scenarios with multi-byte text (a generated CI suite): every
  /// scenario's position, and a diagnostic on the last one, pinned.
  @Test func pinsPositionsOnALongMinifiedLine() throws {
    let count = 3_000
    var text = "\u{FEFF}"
    var columns: [Int] = []
    var column = 1  // the byte order mark takes no column
    func add(_ s: String) {
      text += s
      column += s.unicodeScalars.count
    }
    var typoColumn = 0
    add("[")
    for i in 0..<count {
      if i > 0 { add(",") }
      columns.append(column)
      add(
        #"{"id":"gen.\#(i)","summary":"généré n° \#(i) — 日本語 🎉","request":{"method":"GET","path":"/openai/v1/models"},"expect":{"status":200}"#
      )
      if i == count - 1 {
        typoColumn = column + 1
        add(#","sumary":"x""#)
      }
      add("}")
    }
    add("]")
    let decoded = ScenarioDecoder.decode(path: "big.json", bytes: Array(text.utf8))
    #expect(decoded.scenarios.count == count - 1)
    for (i, s) in decoded.scenarios.enumerated() {
      #expect(s.source == SourceRef(file: "big.json", line: 1, column: columns[i]), "scenario \(i)")
      if s.source.column != columns[i] { break }
    }
    // The typo on the last scenario, at its key: a fixed number, so any change in counting shows.
    let d = try #require(decoded.diagnostics.first)
    #expect(decoded.diagnostics.count == 1)
    #expect(d.location.description == "big.json:1:390781")
    #expect(d.location.column == typoColumn)
    #expect(d.path == "$[2999].sumary")
    #expect(d.message.contains("did you mean 'summary'?"))
  }
}
