/// Which scenarios a run selects: `--tag` (any of them), `--skip-tag` (none of them) and `--id` globs (any).
public struct ScenarioFilter: Sendable {
  public var tags: [String]
  public var skipTags: [String]
  public var idGlobs: [String]

  public init(tags: [String] = [], skipTags: [String] = [], idGlobs: [String] = []) {
    self.tags = tags
    self.skipTags = skipTags
    self.idGlobs = idGlobs
  }

  public var isEmpty: Bool { tags.isEmpty && skipTags.isEmpty && idGlobs.isEmpty }

  public func selects(_ s: Scenario) -> Bool {
    if !tags.isEmpty && !s.tags.contains(where: tags.contains) { return false }
    if s.tags.contains(where: skipTags.contains) { return false }
    if !idGlobs.isEmpty && !idGlobs.contains(where: { Platform.globMatch($0, s.id) }) {
      return false
    }
    return true
  }

  public func apply(_ scenarios: [Scenario]) -> [Scenario] {
    isEmpty ? scenarios : scenarios.filter(selects)
  }
}

extension [Scenario] {
  /// The selection `times` times over (`--repeat N`): the first pass keeps its ids, the second's end in `#2`, the
  /// third's in `#3`, and so on.
  public func repeated(_ times: Int) -> [Scenario] {
    guard times > 1 else { return self }
    var out = self
    out.reserveCapacity(count * times)
    for pass in 2...times {
      for var s in self {
        s.id += "#\(pass)"
        out.append(s)
      }
    }
    return out
  }
}
