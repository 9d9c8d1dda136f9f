import Dispatch
import Foundation
import Synchronization

/// The first SIGINT or SIGTERM of a `run` or `record`: the run stops starting scenarios, cancels those in
/// flight and writes every report with what finished; a second signal exits at once.
///
/// The default handlers are switched off and Dispatch signal sources report the signals on a queue of their
/// own, so nothing async-signal-unsafe runs in a signal handler. Signals are process-wide, so there is one.
final class Interruption: @unchecked Sendable {
  static let shared = Interruption()

  private struct State {
    var installed = false
    var signal: Int32?
    var handlers: [@Sendable () -> Void] = []
  }

  private let state = Mutex(State())
  // Written once, under `state`'s lock, in `install`.
  private var sources: [any DispatchSourceSignal] = []

  /// Takes SIGINT and SIGTERM over (once per process); returns when the sources are armed.
  func install() {
    let first = state.withLock { s -> Bool in
      defer { s.installed = true }
      return !s.installed
    }
    guard first else { return }
    let queue = DispatchQueue(label: "anyint-conformance.interruption")
    let armed = DispatchGroup()
    for number in [SIGINT, SIGTERM] {
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
      // Signals that arrive together are coalesced: `data` says how many came.
      // (The sources live as long as the process, so capturing one in its own handler leaks nothing.)
      source.setEventHandler { [weak self] in
        self?.handle(number, count: Int(source.data))
      }
      armed.enter()
      source.setRegistrationHandler { armed.leave() }
      source.resume()
      sources.append(source)
    }
    armed.wait()
  }

  /// The signal that stopped the run, if one did.
  var caught: Int32? { state.withLock { $0.signal } }

  /// "SIGINT" or "SIGTERM" for the report, if a signal stopped the run.
  var signalName: String? { caught.map(Interruption.name) }

  /// The exit code of an interrupted run: 130 for SIGINT, 143 for SIGTERM.
  var exitCode: ExitCode? {
    caught.map { $0 == SIGTERM ? .terminated : .interrupted }
  }

  static func name(_ signal: Int32) -> String { signal == SIGTERM ? "SIGTERM" : "SIGINT" }

  /// Runs `operation` in a task of its own that is cancelled when a signal arrives (at once if one already
  /// has): the runner starts nothing more and the transports end what is in flight.
  func cancellable<T: Sendable>(_ operation: @escaping @Sendable () async -> T) async -> T {
    let task = Task { await operation() }
    let already = state.withLock { s -> Bool in
      if s.signal != nil { return true }
      s.handlers.append { task.cancel() }
      return false
    }
    if already { task.cancel() }
    return await task.value
  }

  private func handle(_ number: Int32, count: Int) {
    let handlers = state.withLock { s -> [@Sendable () -> Void]? in
      guard s.signal == nil, count < 2 else { return nil }
      s.signal = number
      defer { s.handlers = [] }
      return s.handlers
    }
    guard let handlers else {
      // The second signal: no more waiting for the reports.
      let note = Array("\n\(Interruption.name(number)) again: exiting now\n".utf8)
      _ = note.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
      _exit(128 + number)
    }
    let note = Array(
      "\n\(Interruption.name(number)) received: stopping; writing the reports of what finished (signal again to exit at once)\n"
        .utf8)
    _ = note.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    for h in handlers { h() }
  }
}
