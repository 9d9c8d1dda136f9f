/// Exit codes, as the contract fixes them.
public enum ExitCode: Int32, Sendable {
  /// Every selected scenario passed (or the command did what it was asked).
  case success = 0
  /// At least one scenario failed or errored.
  case failure = 1
  /// Invalid input or options; nothing was sent.
  case invalidInput = 2
  /// A run or record stopped by SIGINT (128 + 2); the reports hold what finished.
  case interrupted = 130
  /// A run or record stopped by SIGTERM (128 + 15); the reports hold what finished.
  case terminated = 143
}
