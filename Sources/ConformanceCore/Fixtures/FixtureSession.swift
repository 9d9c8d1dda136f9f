import Synchronization

/// The state a fixture mock keeps while it serves: the tasks it created and when, so polled task routes answer
/// by the task's age and each create gets its own task id (many scenarios can share one fixture set at once).
public final class FixtureSession: Sendable {
  private let state = Mutex<State>(State())

  struct State {
    var counter = 0
    var perScope: [String: Int] = [:]
    var created: [String: Double] = [:]
    var creator: [String: String] = [:]
    var requests: [String: Int] = [:]
  }
  private let clock = Stopwatch()
  private let prefix: String

  public init() {
    prefix = String(UInt64.random(in: 0..<UInt64.max), radix: 36)
  }

  /// A fresh task id, born now, minted by a fixture.
  ///
  /// Within a scenario (`scope`, the scenario id during a run) ids are deterministic, so reports of the same
  /// suite are identical run to run and shard to shard; without a scope they are unique to this session.
  public func newTask(scope: String? = nil, fixture: String = "") -> String {
    let now = clock.elapsedMs
    return state.withLock { s in
      let id: String
      if let scope {
        s.perScope[scope, default: 0] += 1
        id = "task_\(FixtureSession.stableHash(scope))_\(s.perScope[scope] ?? 1)"
      } else {
        s.counter += 1
        id = "task_\(prefix)_\(s.counter)"
      }
      s.created[id] = now
      s.creator[id] = fixture
      return id
    }
  }

  /// The id of the fixture that minted a task, if this session minted it.
  public func creator(of task: String) -> String? {
    state.withLock { $0.creator[task] }
  }

  /// FNV-1a, base 36: the same on every machine and run (Swift's `hashValue` is seeded per process).
  static func stableHash(_ s: String) -> String {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in s.utf8 {
      h ^= UInt64(b)
      h = h &* 0x100_0000_01b3
    }
    return String(h, radix: 36)
  }

  /// Counts a request for a task on a fixture; returns how many came before it.
  public func countRequest(task: String, fixture: String) -> Int {
    state.withLock { s in
      let key = fixture + "\u{0}" + task
      let before = s.requests[key] ?? 0
      s.requests[key] = before + 1
      return before
    }
  }

  /// How old a task is; a task first seen now (an id this mock did not create) is born now.
  public func ageMs(of task: String) -> Double {
    let now = clock.elapsedMs
    return state.withLock { s in
      if let born = s.created[task] { return now - born }
      s.created[task] = now
      return 0
    }
  }
}

/// What a fixture mock answers: the response to send and the callbacks to deliver after it.
public struct FixtureAnswer: Sendable {
  public var fixture: Fixture
  public var response: FixtureResponse
  /// Callbacks with the URL they go to (from the request's `callBackUrl`) and their delay after the answer.
  public var callbacks: [(url: String, callback: FixtureCallback)]
  public var taskID: String?
}

extension FixtureStore {
  /// The answer to a request, with `{{task_id}}` filled in and a sequence entry picked by the task's age.
  public func respond(to request: HTTPRequest, keys: KeyClassifier, session: FixtureSession)
    -> Result<FixtureAnswer, Miss>
  {
    switch find(request, keys: keys, session: session) {
    case .failure(let miss):
      return .failure(miss)
    case .success(let hit):
      let fixture = fixtures[hit.index]
      let needsTask = hit.taskID != nil || mintsTasks[hit.index]
      let taskID =
        hit.taskID
        ?? (needsTask ? session.newTask(scope: RunContext.scenarioID, fixture: fixture.id) : nil)
      var response = fixture.response
      if !fixture.sequence.isEmpty {
        if fixture.sequence[0].afterRequests != nil {
          let before = session.countRequest(task: taskID ?? "", fixture: fixture.id)
          response =
            fixture.sequence.last { ($0.afterRequests ?? 0) <= before }?.response
            ?? fixture.response
        } else {
          let age = taskID.map(session.ageMs(of:)) ?? 0
          response =
            fixture.sequence.last { Double($0.afterMs) <= age }?.response ?? fixture.response
        }
      }
      var callbacks: [(url: String, callback: FixtureCallback)] = []
      if !fixture.callbacks.isEmpty, let url = Self.callbackURL(in: request.body) {
        callbacks = fixture.callbacks.map { (url, $0) }
      }
      if let taskID {
        response = response.filling(taskID)
        callbacks = callbacks.map { ($0.url, $0.callback.filling(taskID)) }
      }
      return .success(
        FixtureAnswer(fixture: fixture, response: response, callbacks: callbacks, taskID: taskID))
    }
  }

  /// The body fields that carry a callback URL: `callBackUrl` (AnyInt, Suno), `callbackUrl`, `callback_url`.
  static let callbackURLKeys = ["callBackUrl", "callbackUrl", "callback_url", "callBackURL"]

  /// The callback URL a create request names.
  public static func callbackURL(in body: [UInt8]) -> String? {
    guard !body.isEmpty, let json = try? JSONParser.parse(body) else { return nil }
    for key in callbackURLKeys {
      if let url = json[key]?.stringValue, !url.isEmpty { return url }
    }
    return nil
  }
}

extension Fixture {
  /// Whether an answer or callback of this fixture carries `{{task_id}}` (so a create mints a task).
  var mentionsTask: Bool {
    func has(_ bytes: [UInt8]) -> Bool {
      String(decoding: bytes, as: UTF8.self).containsBytes(Fixture.taskPlaceholder)
    }
    if has(response.fullBody) { return true }
    if sequence.contains(where: { has($0.response.fullBody) }) { return true }
    return callbacks.contains { JSONWriter.string($0.body).containsBytes(Fixture.taskPlaceholder) }
  }
}

extension FixtureResponse {
  /// The response with every `{{task_id}}` replaced.
  func filling(_ taskID: String) -> FixtureResponse {
    var r = self
    r.body = Self.fill(body, taskID)
    r.chunks = chunks?.map { FixtureChunk(delayMs: $0.delayMs, data: Self.fill($0.data, taskID)) }
    r.headers = HTTPHeaders(
      headers.fields.map {
        .init(name: $0.name, value: $0.value.replacingAll(Fixture.taskPlaceholder, with: taskID))
      })
    return r
  }

  static func fill(_ bytes: [UInt8], _ taskID: String) -> [UInt8] {
    let text = String(decoding: bytes, as: UTF8.self)
    guard text.containsBytes(Fixture.taskPlaceholder) else { return bytes }
    return Array(text.replacingAll(Fixture.taskPlaceholder, with: taskID).utf8)
  }
}

extension FixtureCallback {
  func filling(_ taskID: String) -> FixtureCallback {
    var c = self
    c.body =
      (try? JSONParser.parse(
        Array(JSONWriter.string(body).replacingAll(Fixture.taskPlaceholder, with: taskID).utf8)))
      ?? body
    return c
  }
}
