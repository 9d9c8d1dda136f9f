extension String {
  /// The string without leading and trailing whitespace (Unicode whitespace, by whole characters).
  func trimmingWhitespace() -> String {
    // Most strings (header values, tokens) start and end with a visible ASCII character: nothing to trim.
    // A character whose first scalar is such a byte is not whitespace, and a character ending in one
    // (a prepended mark before it) does not start with whitespace either, so both ends are settled.
    if let first = utf8.first, let last = utf8.last, Self.isVisibleASCII(first),
      Self.isVisibleASCII(last)
    {
      return self
    }
    var s = Substring(self)
    while let f = s.first, f.isWhitespace { s.removeFirst() }
    while let l = s.last, l.isWhitespace { s.removeLast() }
    return String(s)
  }

  private static func isVisibleASCII(_ b: UInt8) -> Bool { b > 0x20 && b < 0x7F }
}
