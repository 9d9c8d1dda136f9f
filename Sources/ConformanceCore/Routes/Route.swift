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
  }

  /// Whether a concrete path (query ignored) fits the pattern.
  public func matches(path: String) -> Bool {
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
