import Synchronization

/// Large values the executable leaves for the process exit to reclaim instead of freeing them one by one
/// (as compilers leave their syntax trees): a run of 100,000 scenarios spends a noticeable, serial part of its
/// time in the destructors of its results and scenarios after the reports are written. Off unless the
/// executable turns it on, so tests running commands in one process free what they use.
public enum LeftForExit {
  private static let enabled = Atomic<Bool>(false)
  private static let kept = Mutex<[any Sendable]>([])

  /// Called once by the executable before it runs a command.
  public static func enable() { enabled.store(true, ordering: .relaxed) }

  /// Keeps `value` alive until the process exits (when enabled); otherwise does nothing.
  static func keep(_ value: any Sendable) {
    guard enabled.load(ordering: .relaxed) else { return }
    kept.withLock { $0.append(value) }
  }
}
