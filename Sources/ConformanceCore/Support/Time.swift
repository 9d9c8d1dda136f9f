import Synchronization

extension Duration {
  /// The duration in milliseconds, fractional.
  public var milliseconds: Double {
    Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15
  }
}

/// Measures elapsed time from a start point on the continuous clock.
public struct Stopwatch: Sendable {
  private let start: ContinuousClock.Instant

  public init() { start = ContinuousClock.now }

  public var elapsedMs: Double { (ContinuousClock.now - start).milliseconds }
}

/// Runs an operation with a time limit; nil when the limit passed first (the operation is then cancelled, and
/// awaited until it stops). Cancelling the caller counts as the limit passing.
///
/// The limit is a deadline on the shared timer thread, not a sleeping task per call: with thousands of fast
/// scenarios, the sleeping tasks and their Dispatch timers cost more than the scenarios themselves.
public func withTimeLimit<T: Sendable>(
  milliseconds: Int, _ operation: @escaping @Sendable () async -> T
) async -> T? {
  let race = LimitRace()
  let work = Task {
    let value = await operation()
    race.finish()
    return value
  }
  let token = DeadlineTimer.shared.schedule(afterMs: milliseconds) {
    if race.expire() { work.cancel() }
  }
  let value = await withTaskCancellationHandler {
    await work.value
  } onCancel: {
    if race.expire() { work.cancel() }
  }
  DeadlineTimer.shared.cancel(token)
  return race.finishedFirst ? value : nil
}

/// Which came first for one `withTimeLimit` call: the operation finishing, or the limit (or cancellation).
final class LimitRace: Sendable {
  private let state = Atomic<UInt8>(0)  // 0 running, 1 expired, 2 finished

  /// The operation finished; loses if the limit passed first.
  func finish() {
    _ = state.compareExchange(expected: 0, desired: 2, ordering: .acquiringAndReleasing)
  }

  /// The limit passed; true when this came first (so the operation must be cancelled).
  func expire() -> Bool {
    state.compareExchange(expected: 0, desired: 1, ordering: .acquiringAndReleasing).exchanged
  }

  var finishedFirst: Bool { state.load(ordering: .acquiring) == 2 }
}
