/// How a scenario ended.
public enum Outcome: String, Sendable, CaseIterable {
  /// Every expectation held.
  case passed
  /// An expectation did not hold.
  case failed
  /// The scenario could not be judged: no answer, no fixture, a timeout.
  case errored
  case skipped
}
