import Synchronization

/// Wraps a transport and keeps every exchange that got an answer, with the scenario that sent it.
///
/// With `existing` and `replayed`, the scenarios in `replayed` (those an existing fixture set answers whole,
/// see `AnsweredScenarios`) are replayed from it in full, with its task sessions and sequences, and nothing
/// of theirs is sent or captured; every other scenario goes to the wire whole. A scenario is never half
/// replayed and half live (record mode `missing`).
public final class RecordingTransport: Transport {
  private let inner: any Transport
  private let existing: ReplayTransport?
  private let replayedScenarios: Set<String>
  private let captured = Mutex<[RecordedExchange]>([])
  private let faultedScenarios = Mutex<Set<String>>([])

  public init(
    _ inner: any Transport, existing: ReplayTransport? = nil, replayed: Set<String> = []
  ) {
    self.inner = inner
    self.existing = existing
    replayedScenarios = existing == nil ? [] : replayed
  }

  public func send(_ request: HTTPRequest, timeout: Duration) async -> TransportResult {
    let scenario = RunContext.scenarioID
    if let existing, let scenario, replayedScenarios.contains(scenario) {
      return await existing.send(request, timeout: timeout)
    }
    let result = await inner.send(request, timeout: timeout)
    switch result {
    case .success(let reply):
      let exchange = RecordedExchange(scenarioID: scenario, request: request, reply: reply)
      captured.withLock { $0.append(exchange) }
    case .failure:
      // A request without an answer leaves the scenario's recording incomplete: it is not written.
      if let scenario { _ = faultedScenarios.withLock { $0.insert(scenario) } }
    }
    return result
  }

  public var exchanges: [RecordedExchange] { captured.withLock { $0 } }

  /// The scenarios replayed from the existing set (nothing of theirs was sent).
  public var replayed: Set<String> { replayedScenarios }

  /// The live scenarios with a request that got no HTTP answer.
  public var faulted: Set<String> { faultedScenarios.withLock { $0 } }
}

/// Which scenarios a fixture set answers whole, found by replaying them offline: a scenario is answered when
/// none of its requests (steps, polls and Models API look-ups included) missed a fixture.
public enum AnsweredScenarios {
  /// The results of the scenarios the store answers whole, by id (replayed, nothing sent).
  public static func find(_ scenarios: [Scenario], store: FixtureStore, options: RunOptions) async
    -> [String: ScenarioResult]
  {
    let hub = CallbackHub(baseURL: CallbackHub.offlineBaseURL)
    let replay = ReplayTransport(
      store: store, keys: options.credentials.keyClassifier, honourDelays: false,
      deliver: { url, body, _ in
        if url.hasPrefix(hub.baseURL + "/"), let token = CallbackHub.token(inPath: url) {
          hub.deliver(token: token, body: body)
        }
      })
    let tracker = MissTracker(replay)
    var o = options
    o.retries = 0
    o.callbacks = hub
    o.models = ModelCatalog(transport: tracker, credentials: options.credentials)
    let results = await Runner(transport: tracker, options: o).run(scenarios)
    let missed = tracker.missed
    var out: [String: ScenarioResult] = [:]
    for r in results where !missed.contains(r.id) && !r.wasInterrupted { out[r.id] = r }
    return out
  }

  /// Notes the scenarios with a request no fixture answered.
  final class MissTracker: Transport {
    let inner: ReplayTransport
    private let missedScenarios = Mutex<Set<String>>([])

    init(_ inner: ReplayTransport) { self.inner = inner }

    func send(_ request: HTTPRequest, timeout: Duration) async -> TransportResult {
      let result = await inner.send(request, timeout: timeout)
      if case .failure(let fault) = result, fault.kind == .noFixture {
        let id = RunContext.scenarioID ?? ""
        _ = missedScenarios.withLock { $0.insert(id) }
      }
      return result
    }

    var missed: Set<String> { missedScenarios.withLock { $0 } }
  }
}
