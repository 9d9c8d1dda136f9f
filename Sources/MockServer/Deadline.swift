/// A moment a wait must end by, on the continuous clock.
struct Deadline {
  let instant: ContinuousClock.Instant

  /// The moment `duration` from now.
  static func after(_ duration: Duration) -> Deadline {
    Deadline(instant: ContinuousClock.now.advanced(by: duration))
  }

  /// Milliseconds left, rounded up so a wait never ends early; 0 once passed.
  var remainingMs: Int {
    let left = instant - ContinuousClock.now
    guard left > .zero else { return 0 }
    let (seconds, attoseconds) = left.components
    return Int(seconds) * 1000 + Int((attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
  }

  /// The earlier of two deadlines.
  func earlier(_ other: Deadline) -> Deadline { instant <= other.instant ? self : other }
}
