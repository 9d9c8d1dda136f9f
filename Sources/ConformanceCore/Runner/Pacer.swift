import Synchronization

/// Spaces requests evenly so a run sends at most N a second (`--rate N`), whatever its concurrency: every
/// request of the run (retries, polls and Models API look-ups included) takes the next free slot first.
public final class Pacer: Sendable {
  public let perSecond: Double
  private let interval: Duration
  private let next = Mutex<ContinuousClock.Instant?>(nil)

  public init(perSecond: Double) {
    self.perSecond = perSecond
    interval = .nanoseconds(Int64((1_000_000_000 / max(perSecond, 0.001)).rounded(.up)))
  }

  /// Waits for this request's slot (returns at once when cancelled).
  public func wait() async {
    let now = ContinuousClock.now
    let slot = next.withLock { next -> ContinuousClock.Instant in
      let slot = max(now, next ?? now)
      next = slot + interval
      return slot
    }
    if slot > now { try? await Task.sleep(until: slot, clock: .continuous) }
  }
}
