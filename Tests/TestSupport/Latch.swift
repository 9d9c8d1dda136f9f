import Foundation
import Synchronization

/// A value set once by one thread and awaited by any number of tasks, optionally with a time limit; waiting
/// suspends (it never blocks a thread of the cooperative pool).
final class Latch<Value: Sendable>: Sendable {
  private struct State {
    var value: Value?
    var nextID = 0
    var waiters: [Int: CheckedContinuation<Value?, Never>] = [:]
  }
  private let state = Mutex(State())

  /// Sets the value (only the first call counts) and wakes every waiter.
  func set(_ value: Value) {
    let waiters = state.withLock { s -> [CheckedContinuation<Value?, Never>] in
      guard s.value == nil else { return [] }
      s.value = value
      defer { s.waiters = [:] }
      return Array(s.waiters.values)
    }
    for w in waiters { w.resume(returning: value) }
  }

  func peek() -> Value? { state.withLock { $0.value } }

  func value() async -> Value {
    while true {
      if let v = await value(timeout: nil) { return v }
    }
  }

  /// The value, or nil when `timeout` seconds pass first.
  func value(timeout: Double?) async -> Value? {
    await withCheckedContinuation { (c: CheckedContinuation<Value?, Never>) in
      let id = state.withLock { s -> Int? in
        if s.value != nil { return nil }
        s.nextID += 1
        s.waiters[s.nextID] = c
        return s.nextID
      }
      guard let id else {
        c.resume(returning: peek())
        return
      }
      if let timeout {
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout) {
          let waiter = self.state.withLock { $0.waiters.removeValue(forKey: id) }
          waiter?.resume(returning: nil)
        }
      }
    }
  }
}
