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
