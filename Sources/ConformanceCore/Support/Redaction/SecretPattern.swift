/// One byte string the scanner looks for, made from a secret: the secret as given, trimmed, or the part of its
/// base64 or base64url encoding that does not depend on the bytes around it.
struct SecretPattern: Sendable, Hashable {
  var bytes: [UInt8]
  /// Index of the secret in the redactor's list.
  var secret: Int
  /// Prefixes and suffixes of at least `Secret.minimumLength` bytes match too: a secret cut off at either end.
  var partial = false
  /// A short secret: it matches only where it stands alone (not inside a longer word).
  var bounded = false
  /// For a base64 core: the alphabet (`url` uses `-` and `_`), and whether the encoded character just before or
  /// just after the core still carries bits of the secret (so it is redacted with it).
  var base64: Base64Alphabet?
  var carriesBefore = false
  var carriesAfter = false

  enum Base64Alphabet: Sendable, Hashable {
    case standard, url

    var table: [UInt8] {
      Array(
        (self == .standard
          ? "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
          : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_").utf8)
    }

    func contains(_ b: UInt8) -> Bool {
      switch b {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"):
        return true
      case UInt8(ascii: "+"), UInt8(ascii: "/"): return self == .standard
      case UInt8(ascii: "-"), UInt8(ascii: "_"): return self == .url
      default: return false
      }
    }
  }

  /// Every pattern of every secret, without duplicates.
  static func patterns(for secrets: [Secret], forms: RedactionForms = .all) -> [SecretPattern] {
    var out: [SecretPattern] = []
    var seen = Set<[UInt8]>()
    func add(_ p: SecretPattern) {
      guard !p.bytes.isEmpty, seen.insert(p.bytes).inserted else { return }
      out.append(p)
    }
    for (index, secret) in secrets.enumerated() {
      let trimmed = Array(secret.trimmed.utf8)
      let given = Array(secret.value.utf8)
      let short = secret.isShort
      let cutOff = !short && forms.contains(.cutOff)
      // The trimmed form first: it carries the prefix and suffix matching.
      if forms.contains(.trimmed) {
        add(SecretPattern(bytes: trimmed, secret: index, partial: cutOff, bounded: short))
      }
      add(
        SecretPattern(
          bytes: given, secret: index, partial: cutOff && !forms.contains(.trimmed), bounded: short)
      )
      guard !short else { continue }
      let alphabets =
        (forms.contains(.base64) ? [Base64Alphabet.standard] : [])
        + (forms.contains(.base64url) ? [.url] : [])
      for variant in forms.contains(.trimmed) ? [trimmed, given] : [given] where !variant.isEmpty {
        for alphabet in alphabets {
          for offset in 0..<3 {
            let core = base64Core(variant, offset: offset, alphabet: alphabet)
            guard core.bytes.count >= Secret.minimumLength else { continue }
            add(
              SecretPattern(
                bytes: core.bytes, secret: index, base64: alphabet, carriesBefore: core.before,
                carriesAfter: core.after))
          }
        }
      }
    }
    return out
  }

  /// The characters of the base64 encoding of `secret`, placed `offset` bytes into a 3-byte group, that depend on
  /// the secret's bits alone: the same wherever the secret sits in the encoded data (at that offset), with or
  /// without padding. `before`/`after`: the neighbouring character mixes secret bits with outside ones.
  static func base64Core(_ secret: [UInt8], offset: Int, alphabet: Base64Alphabet) -> (
    bytes: [UInt8], before: Bool, after: Bool
  ) {
    let table = alphabet.table
    let bytes = [UInt8](repeating: 0, count: offset) + secret
    var chars: [UInt8] = []
    chars.reserveCapacity((bytes.count + 2) / 3 * 4)
    var i = 0
    while i < bytes.count {
      let b0 = Int(bytes[i])
      let b1 = i + 1 < bytes.count ? Int(bytes[i + 1]) : 0
      let b2 = i + 2 < bytes.count ? Int(bytes[i + 2]) : 0
      let n = b0 << 16 | b1 << 8 | b2
      chars += [table[n >> 18 & 63], table[n >> 12 & 63], table[n >> 6 & 63], table[n & 63]]
      i += 3
    }
    let startBit = 8 * offset
    let endBit = 8 * bytes.count
    let first = (startBit + 5) / 6
    let end = endBit / 6
    guard end > first else { return ([], false, false) }
    return (Array(chars[first..<end]), startBit % 6 != 0, endBit % 6 != 0)
  }
}
