import ConformanceCore
import Synchronization

/// Delivers a fixture's recorded callbacks at their offsets after the answer, as a gateway's webhooks would
/// arrive; whatever is still pending when the server stops is dropped.
final class CallbackScheduler: Sendable {
  private let deliver: CallbackDelivery?
  private let honourDelays: Bool
  private let pending = Mutex<(next: Int, closed: Bool, tasks: [Int: Task<Void, Never>])>(
    (0, false, [:]))

  init(deliver: CallbackDelivery?, honourDelays: Bool) {
    self.deliver = deliver
    self.honourDelays = honourDelays
  }

  /// Starts the clock for each callback of an answer that has just been sent.
  func schedule(_ callbacks: [(url: String, callback: FixtureCallback)]) {
    guard let deliver else { return }
    for (url, callback) in callbacks {
      let delay = honourDelays ? max(0, callback.afterMs) : 0
      pending.withLock { state in
        guard !state.closed else { return }
        let id = state.next
        state.next += 1
        // Registered under the lock, so the task's own removal can never run before its insertion.
        state.tasks[id] = Task.detached { [self] in
          if delay > 0 { try? await Task.sleep(for: .milliseconds(delay)) }
          if !Task.isCancelled { await deliver(url, callback.body, callback.headers) }
          _ = pending.withLock { $0.tasks.removeValue(forKey: id) }
        }
      }
    }
  }

  /// Cancels every pending callback and refuses new ones.
  func cancelAll() {
    let tasks = pending.withLock { state in
      state.closed = true
      return Array(state.tasks.values)
    }
    for task in tasks { task.cancel() }
  }
}
