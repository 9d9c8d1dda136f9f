import Testing

@testable import ConformanceCore

/// `trimmingWhitespace` returns strings that start and end with visible ASCII untouched; every string trims
/// as the walk over whole characters does (kept here as the reference).
@Suite struct WhitespaceTrimTests {
  static func reference(_ text: String) -> String {
    var s = Substring(text)
    while let f = s.first, f.isWhitespace { s.removeFirst() }
    while let l = s.last, l.isWhitespace { s.removeLast() }
    return String(s)
  }

  @Test(arguments: [
    "", " ", "\t\n\r\u{0B}\u{0C}", "Bearer sk-abc", " padded ", "\tleft", "right\r\n", "a",
    "\u{00A0}nbsp\u{00A0}", "\u{2003}em space", "ideographic\u{3000}", "\u{0085}next line",
    "x\u{0301}", "\u{0600}1", " \u{0301}", "é", "日本語", "a\u{200B}", "\u{FEFF}bom", "~!",
  ])
  func trimsAsTheCharacterWalk(text: String) {
    #expect(text.trimmingWhitespace() == Self.reference(text))
    #expect(Array(text.trimmingWhitespace().utf8) == Array(Self.reference(text).utf8))
  }
}
