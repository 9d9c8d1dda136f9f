import Foundation

/// A whole run: what every report format is written from.
public struct RunResult: Sendable {
  public var target: TargetInfo
  public var startedAt: Date
  public var durationMs: Double
  public var scenarios: [ScenarioResult]
  public var toolName = ToolInfo.name
  public var toolVersion = ToolInfo.version

  public init(target: TargetInfo, startedAt: Date, durationMs: Double, scenarios: [ScenarioResult])
  {
    self.target = target
    self.startedAt = startedAt
    self.durationMs = durationMs
    self.scenarios = scenarios
  }

  public var summary: RunSummary { RunSummary(scenarios) }
}
