import Foundation

/// Ways a gateway may write a secret back, made here independently of the redactor.
public enum Forms {
  public static let unreserved = Set(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~".utf8)

  /// Every byte as `%XX`.
  public static func percentAll(_ s: String, upper: Bool) -> String {
    s.utf8.map { String(format: upper ? "%%%02X" : "%%%02x", $0) }.joined()
  }

  /// Every other byte as `%XX`, alternating the hex case.
  public static func percentMixed(_ s: String) -> String {
    s.utf8.enumerated().map { i, b in
      i % 2 == 0 ? String(format: i % 4 == 0 ? "%%%02X" : "%%%02x", b) : String(UnicodeScalar(b))
    }.joined()
  }

  /// As an HTML form encodes it: `+` for a space, `%XX` for what is not unreserved.
  public static func formEncoded(_ s: String) -> String {
    s.utf8.map { b in
      b == 0x20
        ? "+" : unreserved.contains(b) ? String(UnicodeScalar(b)) : String(format: "%%%02X", b)
    }.joined()
  }

  /// Every character as `\uXXXX` (UTF-16, surrogate pairs beyond the BMP).
  public static func jsonAll(_ s: String, upper: Bool) -> String {
    s.utf16.map { String(format: upper ? "\\u%04X" : "\\u%04x", $0) }.joined()
  }

  /// Every other character `\u`-escaped, `/` as `\/`, `"` as `\"`.
  public static func jsonMixed(_ s: String) -> String {
    var out = ""
    for (i, c) in s.enumerated() {
      if c == "/" {
        out += "\\/"
      } else if c == "\"" {
        out += "\\\""
      } else if i % 2 == 0 {
        out += String(c).utf16.map { String(format: "\\u%04x", $0) }.joined()
      } else {
        out.append(c)
      }
    }
    return out
  }

  /// XML character references, decimal and hex in turn, `&amp;` for `&`.
  public static func xmlReferences(_ s: String) -> String {
    s.unicodeScalars.enumerated().map { i, u in
      u == "&" ? "&amp;" : i % 2 == 0 ? "&#\(u.value);" : "&#x\(String(u.value, radix: 16));"
    }.joined()
  }

  /// `%` itself written as `\u0025` inside a JSON string.
  public static func jsonEscapedPercent(_ s: String) -> String {
    percentAll(s, upper: true).replacingOccurrences(of: "%", with: "\\u0025")
  }

  public static func base64(_ bytes: [UInt8], url: Bool, padded: Bool) -> String {
    var s = Data(bytes).base64EncodedString()
    if url {
      s = s.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
    }
    if !padded { s = s.replacingOccurrences(of: "=", with: "") }
    return s
  }
}
