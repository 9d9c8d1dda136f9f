/// Delivers a callback body to a URL (the run's listener, or any HTTP endpoint).
public typealias CallbackDelivery =
  @Sendable (_ url: String, _ body: JSONValue, _ headers: HTTPHeaders) async -> Void

/// Answers requests from a fixture store in-process: the fixture mock of `run --target fixtures`.
public struct ReplayTransport: Transport {
  public let store: FixtureStore
  public let keys: KeyClassifier
  /// Whether recorded delays and chunk pacing are reproduced (off for fast CI runs).
  public let honourDelays: Bool
  /// Task ids and ages for `{{task_id}}` fixtures and sequences.
  public let session: FixtureSession
  /// Where recorded callbacks go; nil drops them.
  public let deliver: CallbackDelivery?

  public init(
    store: FixtureStore, keys: KeyClassifier, honourDelays: Bool = true,
    session: FixtureSession = FixtureSession(), deliver: CallbackDelivery? = nil
  ) {
    self.store = store
    self.keys = keys
    self.honourDelays = honourDelays
    self.session = session
    self.deliver = deliver
  }

  public func send(_ request: HTTPRequest, timeout: Duration) async -> TransportResult {
    switch store.respond(to: request, keys: keys, session: session) {
    case .failure(let miss):
      return .failure(TransportFault(.noFixture, miss.message))
    case .success(let answer):
      let result = await replay(answer.response, timeout: timeout)
      if let deliver, !answer.callbacks.isEmpty {
        await Self.deliver(answer.callbacks, honourDelays: honourDelays, with: deliver)
      }
      return result
    }
  }

  /// Callbacks follow the answer at their recorded offsets, as a gateway's would, and in their recorded order,
  /// so replayed reports are the same run to run. Those due at once (all of them without delays) are handed
  /// over before the answer returns; the rest go out in one task, each at its offset after the answer.
  static func deliver(
    _ callbacks: [(url: String, callback: FixtureCallback)], honourDelays: Bool,
    with deliver: @escaping CallbackDelivery
  ) async {
    func offset(_ i: Int) -> Int { honourDelays ? max(0, callbacks[i].callback.afterMs) : 0 }
    let due = callbacks.indices.sorted { (offset($0), $0) < (offset($1), $1) }
      .map { (offset: offset($0), callbacks[$0]) }
    let now = due.prefix { $0.offset == 0 }
    for (_, c) in now { await deliver(c.url, c.callback.body, c.callback.headers) }
    let later = Array(due.dropFirst(now.count))
    guard !later.isEmpty else { return }
    Task.detached {
      let clock = ContinuousClock()
      let start = clock.now
      for (offset, c) in later {
        try? await clock.sleep(until: start + .milliseconds(offset))
        await deliver(c.url, c.callback.body, c.callback.headers)
      }
    }
  }

  /// Plays a recorded response back, with its pacing when delays are on; a timeout cuts it where it is.
  func replay(_ r: FixtureResponse, timeout: Duration) async -> TransportResult {
    let clock = ContinuousClock()
    let start = clock.now
    let limitMs =
      Double(timeout.components.seconds) * 1000 + Double(timeout.components.attoseconds) / 1e15
    func elapsedMs() -> Double {
      let d = clock.now - start
      return Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
    }
    if honourDelays && r.delayMs > 0 {
      if Double(r.delayMs) >= limitMs {
        try? await Task.sleep(for: timeout)
        return .failure(
          TransportFault(
            .timeout, "no answer within \(Int(limitMs)) ms (the fixture waits \(r.delayMs) ms)"))
      }
      try? await Task.sleep(for: .milliseconds(r.delayMs))
    }
    guard let chunks = r.chunks else {
      let at = elapsedMs()
      let response = HTTPResponse(status: r.status, headers: r.headers, body: r.body)
      return .success(
        TransportReply(
          response: response, firstByteMs: at, totalMs: at,
          chunks: r.body.isEmpty ? [] : [.init(atMs: at, bytes: r.body)]))
    }
    var body: [UInt8] = []
    var arrived: [TransportReply.Chunk] = []
    var first: Double?
    for c in chunks {
      if honourDelays && c.delayMs > 0 {
        if elapsedMs() + Double(c.delayMs) >= limitMs {
          let remaining = max(0, limitMs - elapsedMs())
          try? await Task.sleep(for: .milliseconds(Int(remaining)))
          var reply = TransportReply(
            response: HTTPResponse(status: r.status, headers: r.headers, body: body),
            firstByteMs: first, totalMs: elapsedMs(), chunks: arrived)
          reply.bodyFault = TransportFault(
            .timeout, "the stream stalled: no data for the rest of the \(Int(limitMs)) ms limit")
          return .success(reply)
        }
        try? await Task.sleep(for: .milliseconds(c.delayMs))
      }
      let at = elapsedMs()
      if first == nil { first = at }
      body += c.data
      arrived.append(.init(atMs: at, bytes: c.data))
    }
    var reply = TransportReply(
      response: HTTPResponse(status: r.status, headers: r.headers, body: body),
      firstByteMs: first ?? elapsedMs(), totalMs: elapsedMs(), chunks: arrived)
    if r.truncate {
      reply.bodyFault = TransportFault(
        .truncated, "the connection closed before the response was complete")
    }
    return .success(reply)
  }
}
