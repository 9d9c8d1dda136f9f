/// Finds where secrets are written in a text: plainly, percent-encoded (either hex case, `+` for space),
/// escaped (`EscapeReader`), any mix of these within one occurrence, as a base64 or base64url core, and, for
/// secrets long enough, cut off: a prefix or suffix of at least `Secret.minimumLength` bytes.
///
/// A pass costs one table look-up per byte where nothing could start: a position is only examined when the eight
/// bytes from it could be the start of a pattern (a Bloom filter over the patterns' 8-byte windows) or hold an
/// escape.
struct SecretScanner: Sendable {
  struct Span: Sendable, Equatable {
    var range: Range<Int>
    var secret: Int
  }

  private struct Start: Sendable {
    var pattern: Int
    var offset: Int
  }

  let patterns: [SecretPattern]
  let forms: RedactionForms
  private let starts: [[Start]]
  private let bloom: [UInt64]
  /// First bytes of patterns shorter than eight bytes (these bypass the Bloom filter).
  private let shortFirst: [Bool]
  private let hasShort: Bool
  /// The most text bytes one match can cover (each secret byte percent-encoded with escaped escapes, plus a
  /// neighbour and padding).
  let longestMatch: Int

  init(patterns: [SecretPattern], forms: RedactionForms = .all) {
    self.patterns = patterns
    self.forms = forms
    var starts = [[Start]](repeating: [], count: 256)
    var bloom = [UInt64](repeating: 0, count: 1024)
    var shortFirst = [Bool](repeating: false, count: 256)
    var longest = 0
    let minimum = Secret.minimumLength
    for (index, p) in patterns.enumerated() {
      let m = p.bytes.count
      longest = max(longest, m)
      var offsets = [0]
      if p.partial, m > minimum { offsets += Array(1...(m - minimum)) }
      for j in offsets {
        starts[Int(p.bytes[j])].append(Start(pattern: index, offset: j))
        if m - j >= 8 {
          let h = Self.hash(Self.word(p.bytes, j))
          bloom[h >> 6] |= 1 << UInt64(h & 63)
        } else {
          shortFirst[Int(p.bytes[j])] = true
        }
      }
    }
    self.starts = starts
    self.bloom = bloom
    self.shortFirst = shortFirst
    self.hasShort = shortFirst.contains(true)
    self.longestMatch = longest * 48 + 16
  }

  static func word(_ b: [UInt8], _ j: Int) -> UInt64 {
    var w: UInt64 = 0
    for k in 0..<8 { w |= UInt64(b[j + k]) << UInt64(8 * k) }
    return w
  }

  @inline(__always)
  static func hash(_ w: UInt64) -> Int {
    Int(truncatingIfNeeded: (w &* 0x9E37_79B9_7F4A_7C15) >> 48)
  }

  /// The ranges of `t` that spell a secret, in order, merged where they touch. `before` is the byte just before
  /// `t` when `t` continues earlier text (for the stand-alone test of short secrets).
  func spans(in t: UnsafeBufferPointer<UInt8>, before: UInt8? = nil) -> [Span] {
    guard !patterns.isEmpty, let base = t.baseAddress else { return [] }
    return bloom.withUnsafeBufferPointer { bloom in
      shortFirst.withUnsafeBufferPointer { shortFirst in
        EscapeReader.starters.withUnsafeBufferPointer { starters in
          scan(t, base: UnsafeRawPointer(base), before: before, bloom, shortFirst, starters)
        }
      }
    }
  }

  private func scan(
    _ t: UnsafeBufferPointer<UInt8>, base: UnsafeRawPointer, before: UInt8?,
    _ bloom: UnsafeBufferPointer<UInt64>, _ shortFirst: UnsafeBufferPointer<Bool>,
    _ starters: UnsafeBufferPointer<Bool>
  ) -> [Span] {
    let n = t.count
    var spans: [Span] = []
    var nextEscape = -1
    var i = 0
    while i < n {
      var examine = hasShort && shortFirst[Int(t[i])]
      if !examine {
        if nextEscape < i {
          nextEscape = i
          while nextEscape < n, !starters[Int(t[nextEscape])] { nextEscape += 1 }
        }
        if nextEscape < i + 8 {
          examine = nextEscape < n
        } else if i + 8 <= n {
          let h = Self.hash(
            UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
          examine = bloom[h >> 6] & (1 << UInt64(h & 63)) != 0
        }
      }
      if examine, let found = match(t, at: i, before: before) {
        if let last = spans.last, found.range.lowerBound <= last.range.upperBound {
          spans[spans.count - 1].range =
            min(
              last.range.lowerBound, found.range.lowerBound)..<max(
              last.range.upperBound, found.range.upperBound)
        } else {
          spans.append(found)
        }
      }
      i += 1
    }
    return spans
  }

  /// The longest match starting at `i`, widened to what it must take with it, if any.
  private func match(_ t: UnsafeBufferPointer<UInt8>, at i: Int, before: UInt8?) -> Span? {
    let readings = Readings(t, i, forms)
    var firsts: [UInt8] = []
    for k in 0..<readings.count {
      let b = readings.firstByte(k)
      if !firsts.contains(b) { firsts.append(b) }
    }
    var best: Span?
    var bestEnd = -1
    var tried: [Int] = []
    for first in firsts {
      for start in starts[Int(first)] {
        let key = start.pattern &* 4096 &+ start.offset
        if tried.contains(key) { continue }
        tried.append(key)
        let p = patterns[start.pattern]
        guard let end = end(of: p, from: start.offset, in: t, at: i, before: before) else {
          continue
        }
        if end > bestEnd {
          bestEnd = end
          best = Span(range: widen(i..<end, for: p, in: t, before: before), secret: p.secret)
        }
      }
    }
    return best
  }

  /// Where a match of `p` (from its byte `offset`) starting at text position `i` ends, if it is one.
  private func end(
    of p: SecretPattern, from offset: Int, in t: UnsafeBufferPointer<UInt8>, at i: Int,
    before: UInt8?
  ) -> Int? {
    let found = p.bytes.withUnsafeBufferPointer { pb in
      var walk = PatternWalk(t: t, p: pb, forms: forms)
      return walk.longest(i, offset)
    }
    let m = p.bytes.count
    if found.j < m {
      guard offset == 0, p.partial, found.j >= Secret.minimumLength else { return nil }
    }
    if p.bounded {
      let previous = i > 0 ? t[i - 1] : before
      if let previous, Self.isWordByte(previous) { return nil }
      if found.end < t.count, Self.isWordByte(t[found.end]) { return nil }
    }
    return found.end
  }

  /// A match takes with it a backslash that would otherwise be left escaping the placeholder, and for a base64
  /// core the neighbouring characters that carry part of the secret and any padding.
  private func widen(
    _ r: Range<Int>, for p: SecretPattern, in t: UnsafeBufferPointer<UInt8>, before: UInt8?
  ) -> Range<Int> {
    var lower = r.lowerBound
    var upper = r.upperBound
    if let alphabet = p.base64 {
      if p.carriesBefore, lower > 0, alphabet.contains(t[lower - 1]) { lower -= 1 }
      if p.carriesAfter, upper < t.count, alphabet.contains(t[upper]) { upper += 1 }
      var pads = 0
      while pads < 2, upper < t.count {
        if t[upper] == UInt8(ascii: "=") {
          upper += 1
        } else if upper + 2 < t.count, t[upper] == UInt8(ascii: "%"),
          t[upper + 1] == UInt8(ascii: "3"),
          t[upper + 2] | 0x20 == UInt8(ascii: "d")
        {
          upper += 3
        } else {
          break
        }
        pads += 1
      }
    }
    var backslashes = 0
    while lower - backslashes > 0, backslashes < 64,
      t[lower - backslashes - 1] == UInt8(ascii: "\\")
    {
      backslashes += 1
    }
    if backslashes % 2 == 1 { lower -= 1 }
    return lower..<upper
  }

  @inline(__always)
  static func isWordByte(_ b: UInt8) -> Bool {
    switch b {
    case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"), 0x80...0xFF:
      return true
    default: return false
    }
  }
}
