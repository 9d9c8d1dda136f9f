/// A documented route: method, path pattern (`{name}` is one path segment) and family.
public struct Route: Sendable, Hashable {
  public let method: String
  public let pattern: String
  public let family: Family
  public let summary: String
  /// Whether a request creates an async task (music, video, Kling, DashScope video): one that must never be sent
  /// twice for one task.
  public let createsTask: Bool

  public init(
    _ method: String, _ pattern: String, _ family: Family, _ summary: String,
    createsTask: Bool = false
  ) {
    self.method = method
    self.pattern = pattern
    self.family = family
    self.summary = summary
    self.createsTask = createsTask
    segments = Self.segments(of: pattern)
  }

  /// The pattern split at `/` once, as bytes, for `matches(path:)`; nil when it is not ASCII.
  private let segments: [Segment]?

  /// One segment of a pattern: a literal, or a `{name}` placeholder between a literal prefix and suffix.
  private struct Segment: Sendable, Hashable {
    var literal: [UInt8]
    var placeholder: (prefix: [UInt8], suffix: [UInt8])?

    static func == (a: Segment, b: Segment) -> Bool { a.literal == b.literal }
    func hash(into hasher: inout Hasher) { hasher.combine(literal) }
  }

  private static func segments(of pattern: String) -> [Segment]? {
    guard pattern.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
    return pattern.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).map {
      let w = Array($0)
      var segment = Segment(literal: w)
      if let open = w.firstIndex(of: UInt8(ascii: "{")),
        let close = w.firstIndex(of: UInt8(ascii: "}"))
      {
        segment.placeholder = (Array(w[..<open]), Array(w[(close + 1)...]))
      }
      return segment
    }
  }

  /// Whether a concrete path (query ignored) fits the pattern.
  ///
  /// Every answer asks this of every documented route (is a 404 for a published path?), so an ASCII path is
  /// compared byte by byte against the pattern's segments, split once; anything else takes the character
  /// comparison below, which gives the same answer for ASCII.
  public func matches(path: String) -> Bool {
    if let segments,
      let fits = path.utf8.withContiguousStorageIfAvailable({ Self.fits(segments, $0) }) ?? nil
    {
      return fits
    }
    return matchesByCharacters(path: path)
  }

  /// The byte comparison: nil when the path is not ASCII.
  private static func fits(_ segments: [Segment], _ path: UnsafeBufferPointer<UInt8>) -> Bool? {
    var end = path.count
    for (i, b) in path.enumerated() {
      if b >= 0x80 { return nil }
      if b == UInt8(ascii: "?") {
        // A `?` followed by a combining mark is not a character of its own; leave that to the slow path.
        if i + 1 < path.count && path[i + 1] >= 0x80 { return nil }
        end = i
        break
      }
    }
    var k = 0
    var start = 0
    while true {
      var stop = start
      while stop < end && path[stop] != UInt8(ascii: "/") { stop += 1 }
      guard k < segments.count else { return false }
      let h = path[start..<stop]
      let w = segments[k]
      if !h.elementsEqual(w.literal) {
        guard let (prefix, suffix) = w.placeholder, h.starts(with: prefix),
          h.reversed().starts(with: suffix.reversed()), h.count > prefix.count + suffix.count
        else { return false }
      }
      k += 1
      if stop == end { break }
      start = stop + 1
    }
    return k == segments.count
  }

  func matchesByCharacters(path: String) -> Bool {
    let p =
      path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(
        String.init) ?? path
    let want = pattern.split(separator: "/", omittingEmptySubsequences: false)
    let have = p.split(separator: "/", omittingEmptySubsequences: false)
    guard want.count == have.count else { return false }
    for (w, h) in zip(want, have) {
      if w == h { continue }
      // `{model}:generateContent` style segments: a placeholder followed by a literal suffix.
      if let open = w.firstIndex(of: "{"), let close = w.firstIndex(of: "}") {
        let prefix = w[w.startIndex..<open]
        let suffix = w[w.index(after: close)...]
        if h.hasPrefix(prefix), h.hasSuffix(suffix), h.count > prefix.count + suffix.count {
          continue
        }
      }
      return false
    }
    return true
  }
}
