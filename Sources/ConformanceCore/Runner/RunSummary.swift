/// Counts per outcome.
public struct RunSummary: Sendable, Equatable {
  public var total = 0
  public var passed = 0
  public var failed = 0
  public var errored = 0
  public var skipped = 0

  public init(_ results: [ScenarioResult]) {
    total = results.count
    for r in results {
      switch r.outcome {
      case .passed: passed += 1
      case .failed: failed += 1
      case .errored: errored += 1
      case .skipped: skipped += 1
      }
    }
  }

  public init(total: Int, passed: Int, failed: Int, errored: Int, skipped: Int) {
    self.total = total
    self.passed = passed
    self.failed = failed
    self.errored = errored
    self.skipped = skipped
  }

  /// Whether the run should exit 0.
  public var allPassed: Bool { failed == 0 && errored == 0 }
}
