import CCurlShim
import ConformanceCore
import Foundation
import Synchronization

/// The alternative measured against `CurlEngine`: a pool of threads, each blocking in `curl_easy_perform` on an
/// easy handle of its own (EXPERIMENT: selected with ANYINT_CURL_ENGINE=pool for the benchmark).
final class CurlPoolEngine: @unchecked Sendable {
  static let shared = CurlPoolEngine()

  private let condition = NSCondition()
  private var queue: [CurlTransfer] = []
  private var idleThreads = 0

  func start(_ transfer: CurlTransfer) {
    condition.lock()
    queue.append(transfer)
    if idleThreads == 0 {
      let thread = Thread { [self] in work() }
      thread.start()
    } else {
      condition.signal()
    }
    condition.unlock()
  }

  func cancel(_ transfer: CurlTransfer) {
    transfer.cancelled.store(true, ordering: .relaxed)
  }

  private func work() {
    while true {
      condition.lock()
      idleThreads += 1
      while queue.isEmpty { condition.wait() }
      idleThreads -= 1
      let t = queue.removeFirst()
      condition.unlock()
      // A fresh handle per transfer, as CurlEngine does (libcurl 7.88 misbehaves reusing one after a reset).
      guard let easy = acs_easy_init() else {
        t.continuation?.resume(returning: .failure(TransportFault(.other, "curl_easy_init failed")))
        continue
      }
      if let fault = t.configure(easy) {
        t.continuation?.resume(returning: .failure(fault))
      } else {
        let code = acs_easy_perform(easy)
        let result = t.result(code: code)
        t.continuation?.resume(returning: result)
      }
      t.continuation = nil
      t.easy = nil
      acs_easy_cleanup(easy)
    }
  }
}
