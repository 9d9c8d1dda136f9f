import Dispatch
import Foundation

/// One thread that runs actions at deadlines, shared by every time limit in the process.
///
/// A time limit used to be a sleeping task racing the work: a task, a Dispatch timer and a wake-up per
/// scenario, which on a fast target cost more than the scenario. Here arming a limit is a lock, a heap push
/// and (only when the new deadline is the earliest) a signal; disarming is a lock and a table removal.
final class DeadlineTimer: @unchecked Sendable {
  static let shared = DeadlineTimer()

  typealias Action = @Sendable () -> Void

  private struct Entry {
    var deadline: UInt64
    var id: UInt64
  }

  private let condition = NSCondition()
  /// A binary min-heap of deadlines; entries whose action is gone (disarmed) are dropped when they surface.
  private var heap: [Entry] = []
  private var actions: [UInt64: Action] = [:]
  private var nextID: UInt64 = 1
  private var started = false

  /// Arms an action to run (on a Dispatch queue) after `milliseconds`; the token disarms it.
  func schedule(afterMs milliseconds: Int, _ action: @escaping Action) -> UInt64 {
    let deadline = Self.now() &+ UInt64(max(0, milliseconds)) &* 1_000_000
    condition.lock()
    defer { condition.unlock() }
    if !started {
      started = true
      let thread = Thread { [self] in loop() }
      thread.name = "anyint-deadlines"
      thread.start()
    }
    let id = nextID
    nextID += 1
    actions[id] = action
    push(Entry(deadline: deadline, id: id))
    if heap[0].id == id { condition.signal() }
    // Disarmed entries wait in the heap until their deadline; rebuild when they dominate it.
    if heap.count > 64 && heap.count > 2 * actions.count { compact() }
    return id
  }

  /// Disarms an action; false when it already ran (or is running).
  @discardableResult
  func cancel(_ id: UInt64) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    return actions.removeValue(forKey: id) != nil
  }

  private func loop() {
    condition.lock()
    while true {
      guard let first = heap.first else {
        condition.wait()
        continue
      }
      let now = Self.now()
      if first.deadline > now {
        let wait = Double(first.deadline - now) / 1e9
        _ = condition.wait(until: Date(timeIntervalSinceNow: wait))
        continue
      }
      pop()
      guard let action = actions.removeValue(forKey: first.id) else { continue }
      // Off this thread: an action cancels a task, and cancellation handlers (a URLSession task's, say) may
      // block; every other deadline in the process must still fire on time. Deadlines that pass are rare
      // (they are time-outs), so the hop costs nothing on a healthy run.
      DispatchQueue.global().async(execute: action)
    }
  }

  private static func now() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
  }

  private func push(_ e: Entry) {
    heap.append(e)
    var i = heap.count - 1
    while i > 0 {
      let parent = (i - 1) / 2
      guard heap[i].deadline < heap[parent].deadline else { break }
      heap.swapAt(i, parent)
      i = parent
    }
  }

  private func pop() {
    let last = heap.removeLast()
    guard !heap.isEmpty else { return }
    heap[0] = last
    siftDown(0)
  }

  private func siftDown(_ start: Int) {
    var i = start
    while true {
      let l = 2 * i + 1
      let r = l + 1
      var smallest = i
      if l < heap.count && heap[l].deadline < heap[smallest].deadline { smallest = l }
      if r < heap.count && heap[r].deadline < heap[smallest].deadline { smallest = r }
      if smallest == i { return }
      heap.swapAt(i, smallest)
      i = smallest
    }
  }

  private func compact() {
    heap.removeAll { actions[$0.id] == nil }
    var i = heap.count / 2
    while i > 0 {
      i -= 1
      siftDown(i)
    }
    condition.signal()
  }
}
