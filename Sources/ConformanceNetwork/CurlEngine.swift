import CCurlShim
import ConformanceCore
import Foundation
import Synchronization

/// Runs every live transfer of the process on one libcurl multi handle, driven by one event thread.
///
/// Chosen by measurement over a pool of easy handles each blocking a thread of its own (figures in
/// Benchmarks/README.md, "Live transport"): the multi interface keeps one connection cache for every
/// transfer, multiplexes HTTP/2, wakes at once for a new request or a cancellation (`curl_multi_wakeup`), and
/// enforces each transfer's millisecond time limit from one timer queue, with one thread whatever the
/// concurrency.
///
/// Other threads only append to the inbox and wake the loop; transfers, handles and the multi handle are
/// touched by the event thread alone.
final class CurlEngine: @unchecked Sendable {
  /// The process's engine, started on first use; nil with the reason when libcurl cannot be loaded.
  static let shared: Result<CurlEngine, LibcurlUnavailable> = {
    let path = ProcessInfo.processInfo.environment["ANYINT_LIBCURL"]
    switch Curl.load(path: path) {
    case .failure(let error): return .failure(error)
    case .success:
      guard let multi = acs_multi_init() else {
        return .failure(LibcurlUnavailable(message: "libcurl loaded, but curl_multi_init failed"))
      }
      return .success(CurlEngine(multi: multi))
    }
  }()

  private struct Inbox {
    var starting: [CurlTransfer] = []
    var cancelling: [CurlTransfer] = []
    /// The event thread is (about to be) waiting in `curl_multi_poll`: only then does a new request need a
    /// wakeup (a system call each); a busy loop finds it on its next pass.
    var polling = false

    var isEmpty: Bool { starting.isEmpty && cancelling.isEmpty }
  }

  private let multi: UnsafeMutableRawPointer
  private let inbox = Mutex(Inbox())
  // Event thread only.
  private var running: [UnsafeMutableRawPointer: CurlTransfer] = [:]

  private init(multi: UnsafeMutableRawPointer) {
    self.multi = multi
    // libcurl's connection cache grows with the handles added; keep enough for a wide run to reuse.
    acs_multi_setopt_long(multi, CurlMultiOption.maxConnects, 1024)
    let thread = Thread { [self] in
      acs_name_this_thread("anyint-curl")  // what top and perf show
      loop()
    }
    thread.start()
  }

  /// Hands a transfer to the event thread; its continuation is resumed there when it ends.
  func start(_ transfer: CurlTransfer) {
    let wake = inbox.withLock { box -> Bool in
      box.starting.append(transfer)
      return box.polling
    }
    if wake { acs_multi_wakeup(multi) }
  }

  /// Stops a transfer wherever it is; it ends with a `.cancelled` fault.
  func cancel(_ transfer: CurlTransfer) {
    transfer.cancelled.store(true, ordering: .relaxed)
    let wake = inbox.withLock { box -> Bool in
      box.cancelling.append(transfer)
      return box.polling
    }
    if wake { acs_multi_wakeup(multi) }
  }

  private func loop() {
    while true {
      let (starting, cancelling) = inbox.withLock { box in
        defer { (box.starting, box.cancelling) = ([], []) }
        return (box.starting, box.cancelling)
      }
      for t in starting { begin(t) }
      for t in cancelling {
        if let easy = t.easy, running[easy] === t { finish(easy, code: CurlCode.abortedByCallback) }
      }
      var active: Int32 = 0
      acs_multi_perform(multi, &active)
      var easy: UnsafeMutableRawPointer?
      var code: Int32 = 0
      while acs_multi_next_done(multi, &easy, &code) == 1, let done = easy {
        finish(done, code: code)
      }
      // Wait only when nothing arrived meanwhile; a request handed over after `polling` is set wakes the
      // poll (or makes it return at once), so none waits for the timeout.
      let idle = inbox.withLock { box -> Bool in
        box.polling = box.isEmpty
        return box.polling
      }
      guard idle else { continue }
      var ready: Int32 = 0
      if acs_multi_poll(multi, running.isEmpty ? 60_000 : 1_000, &ready) != 0 {
        usleep(10_000)  // a poll that cannot work must not become a busy loop
      }
      inbox.withLock { $0.polling = false }
    }
  }

  private func begin(_ t: CurlTransfer) {
    if t.cancelled.load(ordering: .relaxed) {
      t.continuation?.resume(returning: t.result(code: CurlCode.abortedByCallback))
      t.continuation = nil
      return
    }
    // A fresh easy handle per transfer: libcurl 7.88 reusing a handle after curl_easy_reset read freed memory
    // after some malformed answers (AnswerShapeTests.noByteSequenceCrashesOrHangs). Connections are kept by
    // the multi handle either way.
    guard let easy = acs_easy_init() else {
      t.continuation?.resume(
        returning: .failure(
          TransportFault(.other, "libcurl could not create a transfer (out of memory?)")))
      t.continuation = nil
      return
    }
    if let fault = t.configure(easy) {
      t.easy = nil
      acs_easy_cleanup(easy)
      t.continuation?.resume(returning: .failure(fault))
      t.continuation = nil
      return
    }
    running[easy] = t
    acs_multi_add(multi, easy)
  }

  private func finish(_ easy: UnsafeMutableRawPointer, code: Int32) {
    guard let t = running.removeValue(forKey: easy) else { return }
    acs_multi_remove(multi, easy)
    let result = t.result(code: code)
    t.easy = nil
    acs_easy_cleanup(easy)
    t.continuation?.resume(returning: result)
    t.continuation = nil
  }
}
