import Foundation

/// The tests' own check that a text holds no form of a secret. It decodes independently of the redactor
/// (Foundation's base64, its own percent, JSON and XML decoding), so a form the redactor misses shows up here.
public enum Leaks {
  /// The forms of `secret` found in `text`, named ("plain", "percent-decoded: prefix", "base64 offset 1", ...);
  /// empty when there are none.
  public static func find(_ secret: String, in text: String) -> [String] {
    let trimmed = secret.trimmingCharacters(in: .whitespacesAndNewlines)
    guard trimmed.count >= 4 else { return [] }
    var needles: [(String, String)] = [("whole", trimmed)]
    if trimmed.count >= 8 {
      needles += [("prefix", String(trimmed.prefix(8))), ("suffix", String(trimmed.suffix(8)))]
    }
    let views: [(String, String)] = [
      ("plain", text), ("percent-decoded", percentDecoded(text)),
      ("json-unescaped", jsonUnescaped(text)),
      ("json-unescaped, percent-decoded", percentDecoded(jsonUnescaped(text))),
      ("xml-unescaped", xmlUnescaped(text)),
      ("xml-unescaped, percent-decoded", percentDecoded(xmlUnescaped(text))),
      ("json-unescaped twice", jsonUnescaped(jsonUnescaped(text))),
      ("percent-decoded twice", percentDecoded(percentDecoded(text))),
    ]
    var found: [String] = []
    for (viewName, view) in views {
      for (needleName, needle) in needles where view.contains(needle) {
        found.append("\(viewName): \(needleName)")
      }
      guard trimmed.utf8.count >= 8 else { continue }
      for offset in 0..<3 {
        for url in [false, true] {
          let core = base64Core(trimmed, offset: offset, url: url)
          if core.count >= 8, view.contains(core) {
            found.append("\(viewName): base64\(url ? "url" : "") offset \(offset)")
          }
        }
      }
    }
    return found
  }

  /// Every form of every secret found in `text`, prefixed with `label` (a file name, "stdout").
  public static func find(_ secrets: [String], in text: String, label: String) -> [String] {
    secrets.flatMap { s in find(s, in: text).map { "\(label): \($0)" } }
  }

  /// The base64 characters of `secret` at `offset` that do not depend on the bytes around it.
  public static func base64Core(_ secret: String, offset: Int, url: Bool) -> String {
    let prefix = Data(repeating: 0, count: offset)
    var encoded = (prefix + Data(secret.utf8) + Data([0, 0, 0])).base64EncodedString()
    if url {
      encoded = encoded.replacingOccurrences(of: "+", with: "-").replacingOccurrences(
        of: "/", with: "_")
    }
    let chars = Array(encoded)
    let first = (8 * offset + 5) / 6
    let end = 8 * (offset + secret.utf8.count) / 6
    return end > first ? String(chars[first..<end]) : ""
  }

  public static func percentDecoded(_ s: String) -> String {
    var out: [UInt8] = []
    let b = Array(s.utf8)
    var i = 0
    while i < b.count {
      if b[i] == UInt8(ascii: "%"), i + 2 < b.count, let h = hex(b[i + 1]), let l = hex(b[i + 2]) {
        out.append(h << 4 | l)
        i += 3
      } else {
        out.append(b[i] == UInt8(ascii: "+") ? 0x20 : b[i])
        i += 1
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  public static func jsonUnescaped(_ s: String) -> String {
    var out = ""
    var units: [UInt16] = []
    let chars = Array(s.unicodeScalars)
    var i = 0
    func flush() {
      if !units.isEmpty {
        out += String(decoding: units, as: UTF16.self)
        units.removeAll()
      }
    }
    while i < chars.count {
      if chars[i] == "\\", i + 1 < chars.count {
        let c = chars[i + 1]
        if c == "u", i + 5 < chars.count,
          let v = UInt16(String(String.UnicodeScalarView(chars[(i + 2)..<(i + 6)])), radix: 16)
        {
          units.append(v)
          i += 6
          continue
        }
        flush()
        switch c {
        case "n": out += "\n"
        case "t": out += "\t"
        case "r": out += "\r"
        default: out.unicodeScalars.append(c)
        }
        i += 2
        continue
      }
      flush()
      out.unicodeScalars.append(chars[i])
      i += 1
    }
    flush()
    return out
  }

  public static func xmlUnescaped(_ s: String) -> String {
    var out = s
    guard let regex = try? NSRegularExpression(pattern: "&#(x?)([0-9a-fA-F]+);") else { return s }
    let ns = out as NSString
    var result = ""
    var at = 0
    for m in regex.matches(in: out, range: NSRange(location: 0, length: ns.length)) {
      result += ns.substring(with: NSRange(location: at, length: m.range.location - at))
      let isHex = ns.substring(with: m.range(at: 1)) == "x"
      let digits = ns.substring(with: m.range(at: 2))
      if let v = UInt32(digits, radix: isHex ? 16 : 10), let u = Unicode.Scalar(v) {
        result.unicodeScalars.append(u)
      }
      at = m.range.location + m.range.length
    }
    result += ns.substring(from: at)
    out = result
    for (name, value) in [
      ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&apos;", "'"), ("&amp;", "&"),
    ] {
      out = out.replacingOccurrences(of: name, with: value)
    }
    return out
  }

  static func hex(_ b: UInt8) -> UInt8? {
    switch b {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
    default: return nil
    }
  }
}
