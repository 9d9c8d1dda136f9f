import Synchronization

/// Spaces requests so a run sends at most N a second (`--rate N`), whatever its concurrency: every request of the
/// run (retries, polls and Models API look-ups included) waits its turn, and each turn comes at least 1/N s after
/// the one before actually went (plus 1%, so jitter on the way cannot squeeze N + 1 into a second).
public final class Pacer: Sendable {
  public let perSecond: Double
  private let interval: Duration
  /// The turn of the latest waiter (each waits for the one before), and when the last turn went.
  private let state = Mutex<(tail: Task<Void, Never>?, last: ContinuousClock.Instant?)>((nil, nil))

  public init(perSecond: Double) {
    self.perSecond = perSecond
    interval = .nanoseconds(Int64((1_010_000_000 / max(perSecond, 0.001)).rounded(.up)))
  }

  /// Waits for this request's turn.
  public func wait() async {
    let turn = state.withLock { s -> Task<Void, Never> in
      let before = s.tail
      let t = Task { [self] in
        await before?.value
        if let last = state.withLock({ $0.last }) {
          try? await Task.sleep(until: last + interval, clock: .continuous)
        }
        let now = ContinuousClock.now
        state.withLock { $0.last = now }
      }
      s.tail = t
      return t
    }
    await turn.value
  }
}
