import ConformanceCore
import Synchronization

/// The tasks the contract twin created: each moves through its kind's documented states over `taskMs`
/// (evenly spaced, terminal at `taskMs`), or, when `--inject task-fail` picked it, ends in the documented
/// failure state at its first step. Shared by all connections; ages come from one clock.
public final class ContractTasks: Sendable {
  struct Record: Sendable {
    var kind: TaskKind
    var params: JSONValue
    var createdMs: Double
    var createdUnix: Int
    var failing = false
  }

  /// Tasks kept at most; the oldest are forgotten first (a long-running twin must not grow without bound).
  static let capacity = 100_000

  private let state = Mutex<(records: [String: Record], order: [String], next: Int)>(([:], [], 0))
  private let clock: Stopwatch
  private let prefix: String
  /// Milliseconds from creation to the terminal state.
  public let taskMs: Int

  public init(taskMs: Int, clock: Stopwatch = Stopwatch()) {
    self.taskMs = max(0, taskMs)
    self.clock = clock
    prefix = "twin" + String(UInt32.random(in: 0..<UInt32.max), radix: 36)
  }

  /// A new task of `kind`, born now.
  func create(_ kind: TaskKind, params: JSONValue, unix: Int) -> TaskShapes.Snapshot {
    let now = clock.elapsedMs
    let id: String = state.withLock { s in
      s.next += 1
      let id = (kind == .openaiVideo ? "video_" : "") + prefix + String(s.next)
      s.records[id] = Record(kind: kind, params: params, createdMs: now, createdUnix: unix)
      s.order.append(id)
      if s.order.count > Self.capacity {
        let dropped = s.order.removeFirst()
        s.records[dropped] = nil
      }
      return id
    }
    return TaskShapes.Snapshot(
      kind: kind, id: id, state: kind.states[0], params: params, created: unix)
  }

  /// The task as a poll sees it now; nil for an id this twin did not create (or one of another kind).
  func snapshot(_ id: String, kind: TaskKind) -> TaskShapes.Snapshot? {
    let now = clock.elapsedMs
    guard let r = state.withLock({ $0.records[id] }), r.kind == kind else { return nil }
    return TaskShapes.Snapshot(
      kind: r.kind, id: id, state: Self.state(r, ageMs: now - r.createdMs, taskMs: taskMs),
      params: r.params, created: r.createdUnix)
  }

  static func state(_ r: Record, ageMs: Double, taskMs: Int) -> String {
    let states = r.kind.states
    let step = stepMs(states.count, taskMs)
    let index = step <= 0 ? states.count - 1 : min(Int(ageMs / step), states.count - 1)
    if r.failing && index > 0 { return TaskStates.documentedFailure(r.kind.shape) }
    return states[index]
  }

  /// How long each state lasts: the task is terminal `taskMs` after creation.
  static func stepMs(_ count: Int, _ taskMs: Int) -> Double {
    count > 1 ? Double(taskMs) / Double(count - 1) : 0
  }

  /// Makes a task end in its documented failure state (at its first step); false for an unknown id.
  @discardableResult
  public func markFailing(_ id: String) -> Bool {
    state.withLock { s in
      guard s.records[id] != nil else { return false }
      s.records[id]?.failing = true
      return true
    }
  }

  /// When each task is (or will be) terminal, in milliseconds on this ledger's clock.
  public func terminalTimes() -> [String: Double] {
    let records = state.withLock { $0.records }
    var out: [String: Double] = [:]
    for (id, r) in records {
      let step = Self.stepMs(r.kind.states.count, taskMs)
      out[id] = r.createdMs + (r.failing ? step : Double(taskMs))
    }
    return out
  }

  /// The callbacks of a new task: each of its kind's callback types at its state's time, and the `complete`
  /// one a second time shortly after (webhooks are delivered at least once; a client must accept duplicates).
  func callbacks(for task: TaskShapes.Snapshot, url: String, duplicate: Bool) -> [(
    url: String, callback: FixtureCallback
  )] {
    let types = task.kind.callbackTypes
    guard !types.isEmpty else { return [] }
    let states = task.kind.states
    let step = Self.stepMs(states.count, taskMs)
    var out: [(url: String, callback: FixtureCallback)] = []
    for (i, type) in types.enumerated() {
      // text, first, complete line up with the last states; a lone complete with the terminal one.
      let stateIndex = states.count - types.count + i
      var done = task
      done.state = states[max(0, stateIndex)]
      let at = Int(Double(max(1, stateIndex)) * step)
      out.append((url, FixtureCallback(afterMs: at, body: TaskShapes.callback(done, type: type))))
    }
    if duplicate, let last = out.last {
      out.append(
        (
          url,
          FixtureCallback(
            afterMs: last.callback.afterMs + max(100, taskMs / 6), body: last.callback.body)
        ))
    }
    return out
  }
}
