import Dispatch

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// SIGINT and SIGTERM delivered as values: the default handlers are switched off and Dispatch signal sources
/// report the signals on a queue of their own, so no global state or async-signal-unsafe code is involved.
final class TerminationSignals {
  private let sources: [any DispatchSourceSignal]
  private let stream: AsyncStream<Int32>
  private let registered = DispatchGroup()

  init() {
    let (stream, continuation) = AsyncStream<Int32>.makeStream()
    let queue = DispatchQueue(label: "anyint-conformance.signals")
    var sources: [any DispatchSourceSignal] = []
    for number in [SIGINT, SIGTERM] {
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
      source.setEventHandler { continuation.yield(number) }
      registered.enter()
      source.setRegistrationHandler { [registered] in registered.leave() }
      source.resume()
      sources.append(source)
    }
    self.sources = sources
    self.stream = stream
  }

  /// Returns once Dispatch watches both signals. It installs its handler lazily on its own thread; until then
  /// an ignored signal would be lost, so a launcher that signals right after reading the URL would hang.
  func armed() async {
    await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
      registered.notify(queue: .global()) { done.resume() }
    }
  }

  /// Waits for the next SIGINT or SIGTERM and returns its number.
  func next() async -> Int32 {
    for await number in stream { return number }
    return SIGTERM
  }

  /// Stops listening. The signals stay ignored, so a second Ctrl-C cannot kill the process half-way through
  /// its clean shutdown.
  func cancel() {
    for source in sources { source.cancel() }
  }
}
