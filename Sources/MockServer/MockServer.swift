import ConformanceCore
import Dispatch
import Synchronization

/// A loopback HTTP/1.1 server that answers from a fixture store: the same recorded exchanges replay uses,
/// served over real sockets so any HTTP client (curl, URLSession, an SDK, a live-mode run) can talk to them.
///
/// A server runs once: `start()` binds and begins serving on background threads, `stop()` stops accepting,
/// closes every connection and waits for the threads to finish. Both are safe to call from any thread, and
/// `stop()` may be called any number of times (also from a signal handler's queue).
public final class MockServer: Sendable {
  public let configuration: MockServerConfiguration
  private let responder: any HTTPResponder
  private let deliver: CallbackDelivery?
  private let state = Mutex<State>(.idle)

  /// How long `stop()` waits for the accept thread and for connection threads to finish.
  static let stopGrace: DispatchTimeInterval = .seconds(5)
  /// Pending connections the kernel queues while the accept thread catches up.
  static let backlog: Int32 = 4096

  private enum State {
    case idle
    case running(Running)
    case stopped
  }

  private struct Running: Sendable {
    let context: ServerContext
    let port: Int
    let stopSignal: (read: Platform.Descriptor, write: Platform.Descriptor)
    let acceptorFinished: DispatchSemaphore
  }

  private let observer: (any ExchangeObserver)?

  /// A server for `store`; `deliverCallback` receives the recorded callbacks of answered requests (sent to
  /// the URL the request body names, at their recorded offsets), and nil drops them. `fallback` answers what
  /// no fixture answers (the contract twin), `wrap` puts a layer around the whole answer (fault injection),
  /// and `observer` is told about every exchange with its times (the client judgement).
  public init(
    configuration: MockServerConfiguration = MockServerConfiguration(), store: FixtureStore,
    deliverCallback: CallbackDelivery? = nil,
    log: (@Sendable (LoggedRequest) -> Void)? = nil,
    fallback: (any HTTPResponder)? = nil,
    wrap: (@Sendable (any HTTPResponder) -> any HTTPResponder)? = nil,
    observer: (any ExchangeObserver)? = nil
  ) {
    self.configuration = configuration
    let fixtures = FixtureResponder(
      store: store, keys: KeyClassifier(validKey: configuration.validKey),
      configuration: configuration, fallback: fallback, log: log)
    self.responder = wrap.map { $0(fixtures) } ?? fixtures
    self.deliver = deliverCallback
    self.observer = observer
  }

  /// A server that answers with any responder (the webhook listener of a run is one).
  public init(
    configuration: MockServerConfiguration = MockServerConfiguration(),
    responder: any HTTPResponder,
    deliverCallback: CallbackDelivery? = nil, observer: (any ExchangeObserver)? = nil
  ) {
    self.configuration = configuration
    self.responder = responder
    self.deliver = deliverCallback
    self.observer = observer
  }

  deinit { stop() }

  /// Binds the configured host and port and starts serving; returns the bound port (the chosen one for port 0).
  @discardableResult
  public func start() throws(MockServerError) -> Int {
    try state.withLock { (state: inout State) throws(MockServerError) -> Int in
      guard case .idle = state else {
        throw MockServerError(
          .alreadyStarted, "the mock server was already started; create a new one")
      }
      let stopSignal = try Platform.makeStopSignal()
      let listener: (descriptor: Platform.Descriptor, port: Int)
      do throws(MockServerError) {
        listener = try Platform.listen(
          host: configuration.host, port: configuration.port, backlog: Self.backlog)
      } catch {
        Platform.close(stopSignal.read)
        Platform.close(stopSignal.write)
        throw error
      }
      let context = ServerContext(
        configuration: configuration, responder: responder, deliver: deliver,
        observer: observer, stopSignal: stopSignal.read)
      let finished = DispatchSemaphore(value: 0)
      let acceptor = Acceptor(listener: listener.descriptor, context: context)
      let started = Platform.spawnThread(stackSize: Acceptor.threadStackSize) {
        acceptor.run()
        finished.signal()
      }
      guard started else {
        for descriptor in [listener.descriptor, stopSignal.read, stopSignal.write] {
          Platform.close(descriptor)
        }
        throw MockServerError(
          .cannotStart, "cannot start the accept thread: the system refused a new thread")
      }
      state = .running(
        Running(
          context: context, port: listener.port, stopSignal: stopSignal, acceptorFinished: finished)
      )
      return listener.port
    }
  }

  /// The bound port while the server runs; nil before `start()` and after `stop()`.
  public var port: Int? {
    state.withLock { state in
      if case .running(let running) = state { return running.port }
      return nil
    }
  }

  /// Connections being served right now (for tests and diagnostics).
  public var openConnectionCount: Int {
    state.withLock { state in
      if case .running(let running) = state { return running.context.openConnectionCount }
      return 0
    }
  }

  /// Stops accepting, ends every connection (mid-request, mid-delay or mid-stream), drops pending callbacks and
  /// waits for the server's threads to finish, so the port is free when it returns. Returns at once when not running.
  public func stop() {
    let running: Running? = state.withLock { state in
      defer { state = .stopped }
      if case .running(let running) = state { return running }
      return nil
    }
    guard let running else { return }
    running.context.markStopping()
    running.context.callbacks.cancelAll()
    Platform.fire(running.stopSignal.write)
    let acceptorDone = running.acceptorFinished.wait(timeout: .now() + Self.stopGrace) == .success
    let connectionsDone =
      running.context.connections.wait(timeout: .now() + Self.stopGrace) == .success
    // A thread still running might yet wait on the stop signal; its descriptors then stay open rather than
    // risk a reused number being watched.
    if acceptorDone && connectionsDone {
      Platform.close(running.stopSignal.read)
      Platform.close(running.stopSignal.write)
    }
  }
}
