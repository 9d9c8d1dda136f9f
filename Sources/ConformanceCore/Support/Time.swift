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

/// Runs an operation with a time limit; nil when the limit passed first (the operation is then cancelled).
public func withTimeLimit<T: Sendable>(
  milliseconds: Int, _ operation: @escaping @Sendable () async -> T
) async -> T? {
  await withTaskGroup(of: T?.self) { group in
    group.addTask { await operation() }
    group.addTask {
      try? await Task.sleep(for: .milliseconds(milliseconds))
      return nil
    }
    let first = await group.next() ?? nil
    group.cancelAll()
    return first
  }
}
