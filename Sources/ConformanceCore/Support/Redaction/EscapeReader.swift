/// Reads the escapes a secret can be written with: JSON and other backslash escapes (`\uXXXX` in either case,
/// surrogate pairs, `\/`, `\"`, `\n`, a backslash before any ASCII punctuation as Markdown writes it, `\xHH`),
/// and XML/HTML character references (`&amp;`, `&#65;`, `&#x41;`). Percent-encoding is read on top of these by the
/// scanner, so a percent escape may itself be written with them.
enum EscapeReader {
  /// How many times over an escape is read as escaped again (`\\\\u0073`: twice) or percent-encoding as
  /// applied again (`%252573`).
  static let deepestNesting = 8

  /// Bytes that may begin an escape (a position holding one is never skipped by the scanner's fast path).
  static let starters: [Bool] = {
    var t = [Bool](repeating: false, count: 256)
    for c in "\\&%+".utf8 { t[Int(c)] = true }
    return t
  }()

  /// The scalar the escape at `i` stands for, and where the escape ends; nil when no escape starts at `i`.
  static func escape(_ t: UnsafeBufferPointer<UInt8>, _ i: Int, _ forms: RedactionForms = .all) -> (
    scalar: UInt32, next: Int
  )? {
    switch t[i] {
    case UInt8(ascii: "\\"): return forms.contains(.backslash) ? backslash(t, i) : nil
    case UInt8(ascii: "&"): return forms.contains(.references) ? reference(t, i) : nil
    default: return nil
    }
  }

  /// The hex digit at `i`, written plainly or escaped, and where it ends.
  static func hexDigit(_ t: UnsafeBufferPointer<UInt8>, _ i: Int, _ forms: RedactionForms = .all)
    -> (
      value: UInt8, next: Int
    )?
  {
    guard i < t.count else { return nil }
    if let v = hex(t[i]) { return (v, i + 1) }
    if let (s, next) = escape(t, i, forms), s < 0x80, let v = hex(UInt8(s)) { return (v, next) }
    return nil
  }

  static func hex(_ b: UInt8) -> UInt8? {
    switch b {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
    default: return nil
    }
  }

  /// `count` plain hex digits at `i` as a number.
  static func hexNumber(_ t: UnsafeBufferPointer<UInt8>, _ i: Int, count: Int) -> UInt32? {
    guard i + count <= t.count else { return nil }
    var v: UInt32 = 0
    for k in i..<(i + count) {
      guard let d = hex(t[k]) else { return nil }
      v = v << 4 | UInt32(d)
    }
    return v
  }

  private static func backslash(_ t: UnsafeBufferPointer<UInt8>, _ i: Int) -> (UInt32, Int)? {
    guard i + 1 < t.count else { return nil }
    let c = t[i + 1]
    switch c {
    case UInt8(ascii: "u"):
      guard let unit = hexNumber(t, i + 2, count: 4) else { return nil }
      if (0xD800...0xDBFF).contains(unit) {
        guard i + 11 < t.count, t[i + 6] == UInt8(ascii: "\\"), t[i + 7] == UInt8(ascii: "u"),
          let low = hexNumber(t, i + 8, count: 4), (0xDC00...0xDFFF).contains(low)
        else { return nil }
        return (0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00), i + 12)
      }
      if (0xDC00...0xDFFF).contains(unit) { return nil }
      return (unit, i + 6)
    case UInt8(ascii: "x"):
      guard let v = hexNumber(t, i + 2, count: 2) else { return nil }
      return (v, i + 4)
    case UInt8(ascii: "n"): return (0x0A, i + 2)
    case UInt8(ascii: "r"): return (0x0D, i + 2)
    case UInt8(ascii: "t"): return (0x09, i + 2)
    case UInt8(ascii: "b"): return (0x08, i + 2)
    case UInt8(ascii: "f"): return (0x0C, i + 2)
    case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E: return (UInt32(c), i + 2)
    default: return nil
    }
  }

  private static let named: [([UInt8], UInt32)] = [
    (Array("amp;".utf8), 0x26), (Array("lt;".utf8), 0x3C), (Array("gt;".utf8), 0x3E),
    (Array("quot;".utf8), 0x22), (Array("apos;".utf8), 0x27), (Array("sol;".utf8), 0x2F),
    (Array("plus;".utf8), 0x2B), (Array("percnt;".utf8), 0x25), (Array("equals;".utf8), 0x3D),
  ]

  private static func reference(_ t: UnsafeBufferPointer<UInt8>, _ i: Int) -> (UInt32, Int)? {
    var k = i + 1
    guard k < t.count else { return nil }
    if t[k] == UInt8(ascii: "#") {
      k += 1
      let isHex = k < t.count && (t[k] == UInt8(ascii: "x") || t[k] == UInt8(ascii: "X"))
      if isHex { k += 1 }
      var v: UInt32 = 0
      var digits = 0
      while k < t.count, digits < 8 {
        let d: UInt8?
        if isHex {
          d = hex(t[k])
        } else {
          d =
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(t[k]) ? t[k] - UInt8(ascii: "0") : nil
        }
        guard let d else { break }
        v = v * (isHex ? 16 : 10) + UInt32(d)
        digits += 1
        k += 1
      }
      guard digits > 0, k < t.count, t[k] == UInt8(ascii: ";"), v <= 0x10FFFF,
        !(0xD800...0xDFFF).contains(v)
      else { return nil }
      return (v, k + 1)
    }
    for (name, scalar) in named where i + 1 + name.count <= t.count {
      var same = true
      for (n, b) in name.enumerated() where t[i + 1 + n] != b {
        same = false
        break
      }
      if same { return (scalar, i + 1 + name.count) }
    }
    return nil
  }

  /// The UTF-8 bytes of a scalar, in `out` (up to 4), and how many.
  @inline(__always)
  static func utf8(_ s: UInt32, _ out: inout (UInt8, UInt8, UInt8, UInt8)) -> Int {
    switch s {
    case 0..<0x80:
      out.0 = UInt8(s)
      return 1
    case 0x80..<0x800:
      out.0 = UInt8(0xC0 | s >> 6)
      out.1 = UInt8(0x80 | s & 0x3F)
      return 2
    case 0x800..<0x10000:
      out.0 = UInt8(0xE0 | s >> 12)
      out.1 = UInt8(0x80 | s >> 6 & 0x3F)
      out.2 = UInt8(0x80 | s & 0x3F)
      return 3
    default:
      out.0 = UInt8(0xF0 | s >> 18)
      out.1 = UInt8(0x80 | s >> 12 & 0x3F)
      out.2 = UInt8(0x80 | s >> 6 & 0x3F)
      out.3 = UInt8(0x80 | s & 0x3F)
      return 4
    }
  }
}
