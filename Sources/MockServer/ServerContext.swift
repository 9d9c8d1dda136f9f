import ConformanceCore
import Dispatch
import Synchronization

/// What the accept thread and every connection thread of one running server share.
final class ServerContext: Sendable {
  let configuration: MockServerConfiguration
  let responder: any HTTPResponder
  let callbacks: CallbackScheduler
  /// Told about every exchange, with its times (the client judgement); nil when nobody is judging.
  let observer: (any ExchangeObserver)?
  /// Read end of the stop signal: readable once the server stops, which ends every wait at once.
  let stopSignal: Platform.Descriptor
  /// Every connection thread is in this group while it runs, so `stop()` can wait for them.
  let connections = DispatchGroup()
  private let openConnections = Atomic<Int>(0)
  private let stopping = Atomic<Bool>(false)

  init(
    configuration: MockServerConfiguration, responder: any HTTPResponder,
    deliver: CallbackDelivery?, observer: (any ExchangeObserver)? = nil,
    stopSignal: Platform.Descriptor
  ) {
    self.configuration = configuration
    self.responder = responder
    self.observer = observer
    self.callbacks = CallbackScheduler(deliver: deliver, honourDelays: configuration.honourDelays)
    self.stopSignal = stopSignal
  }

  var isStopping: Bool { stopping.load(ordering: .acquiring) }

  func markStopping() { stopping.store(true, ordering: .releasing) }

  /// Claims a connection slot; false when the server already serves its maximum.
  func claimConnectionSlot() -> Bool {
    let now = openConnections.wrappingAdd(1, ordering: .acquiringAndReleasing).newValue
    if now > configuration.limits.maxConnections {
      openConnections.wrappingSubtract(1, ordering: .acquiringAndReleasing)
      return false
    }
    return true
  }

  func releaseConnectionSlot() {
    openConnections.wrappingSubtract(1, ordering: .acquiringAndReleasing)
  }

  /// Connections being served right now.
  var openConnectionCount: Int { openConnections.load(ordering: .acquiring) }
}
