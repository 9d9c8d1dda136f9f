import Synchronization

/// The one place a run is told to stop starting scenarios: `--fail-fast` after the first failure or error, or
/// an interruption. Scenarios already in flight finish; every scenario not started comes back `skipped` with the
/// stop's reason.
public final class RunStop: Sendable {
  /// Why the run stopped: an id for reports (`reason` in report.json) and a sentence for people.
  public struct Reason: Sendable, Equatable {
    public var id: String
    public var message: String

    public init(id: String, message: String) {
      self.id = id
      self.message = message
    }

    /// `--fail-fast` after a scenario failed or errored.
    public static func failFast(after id: String, outcome: Outcome) -> Reason {
      Reason(
        id: "fail-fast",
        message: "not run: --fail-fast stopped the run after '\(id)' \(outcome.rawValue)")
    }
  }

  private let state = Mutex<Reason?>(nil)

  public init() {}

  /// Stops the run; the first reason given is the one reported.
  public func stop(_ reason: Reason) {
    state.withLock { current in
      if current == nil { current = reason }
    }
  }

  /// Why the run stopped; nil while it has not.
  public var reason: Reason? { state.withLock { $0 } }
}

extension ScenarioResult {
  /// The result of a scenario a stopped run never started.
  public static func notStarted(_ scenario: Scenario, _ reason: RunStop.Reason) -> ScenarioResult {
    var r = ScenarioResult(scenario, outcome: .skipped)
    r.classificationReason = reason.id
    r.message = reason.message
    return r
  }
}
