/// A value that must never leave the process, and where it came from.
///
/// The origin ("the key in ANYINT_API_KEY", "--secret-env TOKEN") is what warnings and refusals name; the value
/// itself is never printed.
public struct Secret: Sendable, Hashable {
  public var value: String
  public var origin: String

  public init(_ value: String, origin: String) {
    self.value = value
    self.origin = origin
  }

  /// The fewest characters a secret needs for every form to be redacted (base64 cores, cut-off prefixes and
  /// suffixes). A shorter secret is redacted only where it stands alone, in its plain, percent-encoded and
  /// escaped forms: inside longer words it cannot be told from ordinary text.
  public static let minimumLength = 8

  /// The value without the whitespace and line breaks around it (a key read from a file keeps its newline).
  public var trimmed: String {
    let scalars = value.unicodeScalars
    guard let first = scalars.firstIndex(where: { !Secret.isSpace($0) }),
      let last = scalars.lastIndex(where: { !Secret.isSpace($0) })
    else { return "" }
    return String(scalars[first...last])
  }

  /// Whether the secret is shorter than `minimumLength` once trimmed (and so redacted only where it stands alone).
  public var isShort: Bool { trimmed.count < Secret.minimumLength }

  static func isSpace(_ u: Unicode.Scalar) -> Bool {
    switch u.value {
    case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F,
      0x3000,
      0xFEFF:
      return true
    default: return false
    }
  }
}
