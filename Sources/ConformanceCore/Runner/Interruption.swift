/// What a run stopped by a signal records for the scenarios it did not finish.
extension ScenarioResult {
  /// The reason (report.json `reason`, junit.xml `<skipped message>`) of a scenario a signal stopped.
  public static let interruptedReason = "interrupted"

  /// The result of a scenario that was not started, or was cancelled, because the run was interrupted.
  public static func interrupted(_ scenario: Scenario, durationMs: Double = 0) -> ScenarioResult {
    var r = ScenarioResult(scenario)
    r.outcome = .skipped
    r.durationMs = durationMs
    r.classificationReason = interruptedReason
    r.message = interruptedReason
    return r
  }

  /// Whether this scenario was left unfinished by an interruption.
  public var wasInterrupted: Bool {
    record.outcome == .skipped && record.classificationReason == Self.interruptedReason
  }
}
