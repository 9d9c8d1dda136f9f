import ConformanceCore

/// Serves one client connection on its own thread: reads requests, answers each from the fixtures (with the
/// recorded pacing), and closes the connection when the client, a limit or the server says so.
final class Connection {
  private let context: ServerContext
  private let stream: SocketStream
  private let reader: RequestReader
  /// Set when an answer asked for the connection to be reset rather than closed.
  private var resetting = false
  private var timeouts: MockServerConfiguration.Timeouts { context.configuration.timeouts }

  init(descriptor: Platform.Descriptor, context: ServerContext) {
    self.context = context
    self.stream = SocketStream(descriptor: descriptor, stopSignal: context.stopSignal)
    self.reader = RequestReader(
      stream: stream, limits: context.configuration.limits, timeouts: context.configuration.timeouts
    )
  }

  /// Serves requests until the connection ends, then closes the socket.
  func run() {
    defer { Platform.close(stream.descriptor) }
    while !context.isStopping {
      let request: (head: RequestHead, body: [UInt8])
      do {
        request = try reader.next()
      } catch {
        if case .refused(let refusal) = error { refuse(refusal) }
        return
      }
      guard answer(request.head, body: request.body) else {
        // A reset closes at once (the socket is set to send RST when closed).
        if !resetting { closeGracefully() }
        return
      }
    }
  }

  /// Answers a request that broke a rule, then closes so nothing after it is misread as a new request.
  private func refuse(_ refusal: RequestRefusal) {
    let response = refusal.response
    let bytes =
      ResponseWriter.head(
        status: response.status, headers: response.headers, framing: .length(response.body.count),
        connection: .close)
      + response.body
    do throws(SocketStream.Failure) {
      try stream.write(bytes, until: .after(timeouts.write))
    } catch {
      return
    }
    closeGracefully()
  }

  /// Writes the answer to one request; returns whether the connection stays open for another.
  private func answer(_ head: RequestHead, body: [UInt8]) -> Bool {
    let request = HTTPRequest(
      method: head.method, target: head.target, headers: head.headers, body: body)
    let observer = context.observer
    let receivedMs = observer?.nowMs() ?? 0
    let answer = context.responder.answer(request)
    let response = answer.response
    var outcome = ServedExchange.Outcome.clientGone
    // When the answer's last write began: the client cannot have read it earlier, however late this thread
    // runs afterwards, so waits measured from here are never shorter than the client's real ones.
    var sentMs = receivedMs
    func write(_ bytes: [UInt8]) throws(SocketStream.Failure) {
      sentMs = observer?.nowMs() ?? 0
      try stream.write(bytes, until: .after(timeouts.write))
    }
    defer {
      observer?.served(
        ServedExchange(
          request: request, answer: answer, receivedMs: receivedMs, finishedMs: sentMs,
          outcome: outcome))
    }
    // A task the request created calls back even if its client left before reading the whole answer.
    defer { context.callbacks.schedule(answer.callbacks) }
    if answer.reset {
      sentMs = observer?.nowMs() ?? 0
      Platform.resetOnClose(stream.descriptor)
      resetting = true
      outcome = .reset
      return false
    }
    do throws(SocketStream.Failure) {
      try stream.pause(milliseconds: response.delayMs)
      var keepAlive = head.keepAlive && !context.isStopping
      let sendsBody = head.method != "HEAD" && !ResponseWriter.isBodyless(response.status)
      guard let chunks = response.chunks, sendsBody else {
        let framing: ResponseWriter.Framing =
          ResponseWriter.isBodyless(response.status) ? .none : .length(response.fullBody.count)
        let payload = sendsBody ? response.body : []
        try write(
          ResponseWriter.head(
            status: response.status, headers: response.headers, framing: framing,
            connection: connectionHeader(head, keepAlive)) + payload)
        outcome = .complete
        return keepAlive
      }
      // HTTP/1.0 has no chunked coding: the stream is sent as is and ends when the connection closes.
      let chunked = head.minorVersion >= 1
      if !chunked { keepAlive = false }
      // An interrupted stream does not announce that it is about to end; everything else says so.
      let announced =
        response.truncate ? connectionHeader(head, true) : connectionHeader(head, keepAlive)
      try write(
        ResponseWriter.head(
          status: response.status, headers: response.headers,
          framing: chunked ? .chunked : .untilClose, connection: announced))
      for piece in chunks {
        try stream.pause(milliseconds: piece.delayMs)
        guard !piece.data.isEmpty else { continue }
        try write(chunked ? ResponseWriter.chunk(piece.data) : piece.data)
      }
      if response.truncate {
        outcome = .cut
        return false
      }
      if chunked { try write(ResponseWriter.lastChunk) }
      outcome = .complete
      return keepAlive
    } catch {
      return false
    }
  }

  private func connectionHeader(_ head: RequestHead, _ keepAlive: Bool)
    -> ResponseWriter.ConnectionHeader
  {
    if !keepAlive { return .close }
    return head.minorVersion >= 1 ? .omitted : .keepAlive
  }

  /// Ends our side first and reads what the client still sends until it closes (bounded by the linger time):
  /// closing with unread input would reset the connection and could destroy the answer before it is read.
  private func closeGracefully() {
    Platform.shutdownWrite(stream.descriptor)
    stream.drain(until: .after(timeouts.linger))
  }
}
