import Foundation
import Synchronization

/// A task executor whose threads are not Swift's cooperative pool: each job goes to an idle thread of its own
/// or, when none is idle, to a new one; a thread idle for a few seconds ends. Tests whose bodies block (poll(2)
/// on a socket, a sleeping thread) run on it (`.offCooperativePool`), so they never hold one of the pool's
/// threads, of which there are only as many as cores (2 here): a blocked pool thread stalls every async test
/// running beside it. No job ever waits behind a blocked one.
public final class ThreadPoolExecutor: TaskExecutor {
  public static let shared = ThreadPoolExecutor()
  static let marker = "anyint.ThreadPoolExecutor"

  /// Whether the calling thread is one of this executor's.
  public static var onItsThread: Bool { Thread.current.threadDictionary[marker] != nil }

  /// An idle thread waiting to be handed a job.
  private final class Waiter: @unchecked Sendable {
    let ready = DispatchSemaphore(value: 0)
    // Written before `ready` is signalled, read after.
    var job: UnownedJob?
  }
  private let waiting = Mutex<[ObjectIdentifier: Waiter]>([:])

  public func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    let waiter = waiting.withLock { w -> Waiter? in
      guard let key = w.keys.first else { return nil }
      return w.removeValue(forKey: key)
    }
    if let waiter {
      waiter.job = job
      waiter.ready.signal()
    } else {
      Thread { [self] in
        Thread.current.threadDictionary[Self.marker] = true
        work(first: job)
      }.start()
    }
  }

  private func work(first: UnownedJob) {
    var next: UnownedJob? = first
    while let job = next {
      job.runSynchronously(on: asUnownedTaskExecutor())
      let waiter = Waiter()
      let key = ObjectIdentifier(waiter)
      waiting.withLock { $0[key] = waiter }
      if waiter.ready.wait(timeout: .now() + 5) == .timedOut {
        // Unclaimed: leave. Claimed while timing out: the job is on its way.
        let unclaimed = waiting.withLock { $0.removeValue(forKey: key) } != nil
        if unclaimed { return }
        waiter.ready.wait()
      }
      next = waiter.job
    }
  }
}
