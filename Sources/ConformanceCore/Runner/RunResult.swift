import Foundation

/// A whole run: what every report format is written from.
public struct RunResult: Sendable {
  public var target: TargetInfo
  public var startedAt: Date
  public var durationMs: Double
  public var scenarios: [ScenarioResult]
  public var toolName = ToolInfo.name
  public var toolVersion = ToolInfo.version
  /// The id every file of this run's report set carries (the `${run_id}` variable's value).
  public var runId = ""
  /// The signal that stopped the run early ("SIGINT", "SIGTERM"); nil when it ran to the end.
  public var interrupted: String? = nil

  public init(target: TargetInfo, startedAt: Date, durationMs: Double, scenarios: [ScenarioResult])
  {
    self.target = target
    self.startedAt = startedAt
    self.durationMs = durationMs
    self.scenarios = scenarios
  }

  public var summary: RunSummary { RunSummary(scenarios) }
}
