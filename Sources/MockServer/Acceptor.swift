/// Accepts connections on the listening socket and gives each one its own thread, until the server stops.
///
/// Why a thread per connection rather than an epoll loop: the mock's work is dominated by waiting (recorded
/// delays, chunk pacing, slow clients), which a blocking thread expresses as a plain pause, while an event
/// loop needs timers and a resumable state for every partly written answer. Linux threads are cheap enough
/// for the load the harness puts on it: with 1 MiB stacks (mostly untouched) 500 or 2,000 connections cost
/// little memory, and on loopback the extra context switch per request is small next to the work done.
struct Acceptor: Sendable {
  let listener: Platform.Descriptor
  let context: ServerContext
  /// Stack size for connection threads: room for JSON matching at the parser's depth limit.
  static let threadStackSize = 1 << 20

  /// Runs until the stop signal fires, then closes the listening socket.
  func run() {
    defer { Platform.close(listener) }
    while !context.isStopping {
      switch Platform.wait(listener, stopSignal: context.stopSignal, timeoutMs: 1000) {
      case .stopped: return
      case .timedOut: continue
      case .ready: acceptPending()
      }
    }
  }

  private func acceptPending() {
    while !context.isStopping {
      switch Platform.accept(listener) {
      case .success(let descriptor):
        admit(descriptor)
      case .failure(.none):
        return
      case .failure(.transient):
        continue
      case .failure(.exhausted):
        // Out of descriptors: pending clients wait in the backlog until a connection closes.
        _ = Platform.pause(until: .after(.milliseconds(20)), stopSignal: context.stopSignal)
        return
      }
    }
  }

  private func admit(_ descriptor: Platform.Descriptor) {
    guard context.claimConnectionSlot() else {
      turnAway(descriptor)
      return
    }
    let context = self.context
    context.connections.enter()
    let started = Platform.spawnThread(stackSize: Self.threadStackSize) {
      Connection(descriptor: descriptor, context: context).run()
      context.releaseConnectionSlot()
      context.connections.leave()
    }
    if !started {
      context.releaseConnectionSlot()
      context.connections.leave()
      turnAway(descriptor)
    }
  }

  /// Answers `503` without reading the request and closes (over the connection limit, or no thread to serve
  /// it): the accept thread must never wait on a client.
  private func turnAway(_ descriptor: Platform.Descriptor) {
    let response = RequestRefusal.busy.response
    let bytes =
      ResponseWriter.head(
        status: response.status, headers: response.headers, framing: .length(response.body.count),
        connection: .close)
      + response.body
    _ = bytes.withUnsafeBytes { Platform.transmit(descriptor, $0) }
    Platform.shutdownWrite(descriptor)
    Platform.discardPendingInput(descriptor)
    Platform.close(descriptor)
  }
}
