import ConformanceCore
import Synchronization

/// Records what the twin served a client, for the client judgement: each exchange reduced at once to a
/// `ClientExchange` (no header values, the valid key redacted), and each callback delivery with the answer
/// the client gave. Times are milliseconds on one clock, started with the recorder.
public final class TrafficRecorder: ExchangeObserver {
  /// Exchanges and callbacks kept at most; beyond it the count of dropped ones is kept.
  public static let capacity = 200_000

  private let clock: Stopwatch
  private let keys: KeyClassifier
  private let redactor: Redactor
  private let state = Mutex<State>(State())

  struct State {
    var exchanges: [ClientExchange] = []
    var callbacks: [CallbackAttempt] = []
    var nextExchange = 0
    var nextCallback = 0
    var dropped = 0
  }

  public init(validKey: String, clock: Stopwatch = Stopwatch()) {
    self.clock = clock
    self.keys = KeyClassifier(validKey: validKey)
    self.redactor = Redactor(secrets: [validKey])
  }

  public func nowMs() -> Double { clock.elapsedMs }

  public func served(_ e: ServedExchange) {
    let response: HTTPResponse? =
      e.outcome == .reset
      ? nil
      : HTTPResponse(
        status: e.answer.response.status, headers: e.answer.response.headers,
        body: e.answer.response.fullBody)
    state.withLock { s in
      s.nextExchange += 1
      guard s.exchanges.count < Self.capacity else {
        s.dropped += 1
        return
      }
      s.exchanges.append(
        ClientExchange.observe(
          seq: s.nextExchange, request: e.request, response: response,
          complete: e.outcome == .complete, keys: keys, redactor: redactor,
          receivedMs: e.receivedMs, answeredMs: e.finishedMs, fault: e.answer.fault,
          taskID: e.answer.taskID))
    }
  }

  /// Records one callback delivery: the body it carried (for the task and callback type), when it was sent,
  /// and the client's answer (status, or why there was none).
  public func callback(
    url: String, body: JSONValue, sentMs: Double, answeredMs: Double, status: Int?, error: String?
  ) {
    let task = (body["task_id"] ?? body["data"]?["task_id"])?.stringValue ?? "?"
    let type = (body["callbackType"] ?? body["data"]?["callbackType"])?.stringValue ?? "?"
    state.withLock { s in
      s.nextCallback += 1
      guard s.callbacks.count < Self.capacity else {
        s.dropped += 1
        return
      }
      s.callbacks.append(
        CallbackAttempt(
          seq: s.nextCallback, taskID: redactor.string(task), callbackType: type,
          url: ClientExchange.redactSecrets(in: url, redactor), sentMs: sentMs,
          answeredMs: answeredMs, status: status,
          error: error.map(redactor.string)))
    }
  }

  /// Everything recorded so far, with the terminal times the twin's tasks reach.
  public func traffic(tasks: ContractTasks? = nil) -> ClientTraffic {
    let s = state.withLock { $0 }
    // Numbered in order of arrival (connection threads record them as they finish, in any order).
    let arrived = s.exchanges.sorted { ($0.receivedMs, $0.seq) < ($1.receivedMs, $1.seq) }
    let exchanges = arrived.enumerated().map { i, e in
      var e = e
      e.seq = i + 1
      return e
    }
    return ClientTraffic(
      exchanges: exchanges,
      callbacks: s.callbacks.sorted { $0.seq < $1.seq },
      taskTerminalMs: tasks?.terminalTimes() ?? [:], durationMs: clock.elapsedMs)
  }

  /// Exchanges and callbacks left out over the capacity.
  public var droppedCount: Int { state.withLock { $0.dropped } }
}
