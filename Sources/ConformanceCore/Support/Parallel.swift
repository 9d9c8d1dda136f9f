import Dispatch
import Foundation
import Synchronization

/// Pure work spread over the machine's cores, with results in input order.
public enum Parallel {
  /// `transform(i)` for every `i` in `0..<count`, in order; runs on every core once there are at least
  /// `minimumPerWorker` items per core, otherwise on the calling thread. `transform` must be safe to call from
  /// several threads at once (decoding a file, rendering a value: no shared mutable state).
  public static func map<T: Sendable>(
    _ count: Int, minimumPerWorker: Int = 1, _ transform: @Sendable (Int) -> T
  ) -> [T] {
    let workers = min(
      ProcessInfo.processInfo.activeProcessorCount, count / max(1, minimumPerWorker))
    guard workers > 1 else { return (0..<count).map(transform) }
    // Small chunks taken in turn keep every core busy when items differ in cost (a large file among small).
    let chunk = max(1, count / (workers * 16))
    let next = Atomic<Int>(0)
    return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
      guard let base = buffer.baseAddress else { return }
      let slots = Slots(base: base)
      DispatchQueue.concurrentPerform(iterations: workers) { _ in
        while true {
          let start = next.add(chunk, ordering: .relaxed).oldValue
          if start >= count { return }
          for i in start..<min(start + chunk, count) {
            (slots.base + i).initialize(to: transform(i))
          }
        }
      }
      initialized = count
    }
  }
}

/// Result slots each written by exactly one worker (the chunks do not overlap), read after all have finished.
private struct Slots<T>: @unchecked Sendable {
  let base: UnsafeMutablePointer<T>
}
