extension String {
  /// The text with control characters written as escapes (`\n`, `\r`, `\t`, `\u001b`, ...), so a value
  /// from a scenario, fixture, option or answer can never start a line, a CI workflow command or a
  /// terminal sequence when it is printed in a message.
  ///
  /// Escaped: C0 controls, DEL, C1 controls (0x9B is a one-byte CSI), the Unicode line and paragraph
  /// separators, and the bidirectional overrides and isolates (which reorder what a reader sees).
  /// Everything else, backslashes included, is kept as it is.
  public var escapingControlCharacters: String {
    guard unicodeScalars.contains(where: String.needsEscape) else { return self }
    var out = ""
    out.reserveCapacity(utf8.count + 8)
    for u in unicodeScalars {
      guard String.needsEscape(u) else {
        out.unicodeScalars.append(u)
        continue
      }
      switch u {
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        let hex = String(u.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
      }
    }
    return out
  }

  static func needsEscape(_ u: Unicode.Scalar) -> Bool {
    switch u.value {
    case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: return true
    default: return false
    }
  }
}
