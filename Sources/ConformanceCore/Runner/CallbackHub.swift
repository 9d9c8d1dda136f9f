import Synchronization

/// A callback as received: its body, parsed, and when it came.
public struct ReceivedCallback: Sendable {
  public var body: JSONValue
  public var atMs: Double

  public init(body: JSONValue, atMs: Double) {
    self.body = body
    self.atMs = atMs
  }

  /// `callbackType` of the flat AnyInt shape or of the wrapped `{code, msg, data}` shape.
  public var type: String? { Self.field("callbackType", in: body) }

  /// The task id, as `task_id` or `taskId`, in either shape.
  public var taskID: String? { Self.field("task_id", in: body) ?? Self.field("taskId", in: body) }

  /// `flat` (AnyInt's example), `wrapped` (Suno-style `{code, msg, data}`), or `unknown`.
  public var shape: String {
    if body["callbackType"] != nil { return "flat" }
    if body["data"]?["callbackType"] != nil, body["code"] != nil { return "wrapped" }
    return "unknown"
  }

  static func field(_ name: String, in body: JSONValue) -> String? {
    body[name]?.stringValue ?? body["data"]?[name]?.stringValue
  }
}

/// Routes callbacks that arrive at the run's listener to the scenario waiting for them.
///
/// Each scenario with a webhook step gets a token; its `${callback_url}` ends in `/callbacks/<token>`. Callbacks
/// that arrive before a step waits (a `text` callback during polling) are kept, so waiting never misses one.
public final class CallbackHub: Sendable {
  /// The URL prefix of callback URLs, before `/callbacks/<token>`: the listener's address in live runs.
  public let baseURL: String
  /// The base of callback URLs in offline runs, where replay hands callbacks to the hub directly. `.invalid`
  /// never resolves, so such a URL can never reach a real host by mistake.
  public static let offlineBaseURL = "http://callbacks.anyint-conformance.invalid"
  private let state = Mutex<[String: Inbox]>([:])
  private let clock = Stopwatch()
  /// Waiter ids, unique across every wait on every token.
  private let waiterIDs = Atomic<Int>(0)

  struct Inbox {
    var open = true
    var received: [ReceivedCallback] = []
    var waiters: [(id: Int, continuation: CheckedContinuation<Void, Never>)] = []
    /// Waits whose time ran out before their waiter registered: it must not register then, or nothing
    /// would ever wake it.
    var abandoned: Set<Int> = []
  }

  public init(baseURL: String) {
    var b = baseURL
    while b.hasSuffix("/") { b.removeLast() }
    self.baseURL = b
  }

  /// The callback URL for a token.
  public func url(for token: String) -> String { baseURL + "/callbacks/" + token }

  /// The token in a request path `/callbacks/<token>` (with any prefix before it), or nil.
  public static func token(inPath path: String) -> String? {
    let p = path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? path
    let parts = p.split(separator: "/")
    guard parts.count >= 2, parts[parts.count - 2] == "callbacks" else { return nil }
    return String(parts[parts.count - 1])
  }

  /// Starts collecting for a token (callbacks to unknown tokens are dropped and answered 404).
  public func open(_ token: String) {
    state.withLock { s in
      if s[token] == nil { s[token] = Inbox() } else { s[token]?.open = true }
    }
  }

  /// Stops collecting for a token; what arrived stays readable (record keeps it with the fixtures).
  public func close(_ token: String) {
    let waiters = state.withLock {
      s -> [(id: Int, continuation: CheckedContinuation<Void, Never>)] in
      s[token]?.open = false
      let w = s[token]?.waiters ?? []
      s[token]?.waiters = []
      return w
    }
    for w in waiters { w.continuation.resume() }
  }

  /// Delivers a callback; false when nobody opened the token.
  @discardableResult
  public func deliver(token: String, body: JSONValue) -> Bool {
    let now = clock.elapsedMs
    let waiters = state.withLock {
      s -> [(id: Int, continuation: CheckedContinuation<Void, Never>)]? in
      guard s[token]?.open == true else { return nil }
      s[token]?.received.append(ReceivedCallback(body: body, atMs: now))
      let w = s[token]?.waiters ?? []
      s[token]?.waiters = []
      return w
    }
    guard let waiters else { return false }
    for w in waiters { w.continuation.resume() }
    return true
  }

  /// Everything received for a token so far.
  public func received(_ token: String) -> [ReceivedCallback] {
    state.withLock { $0[token]?.received ?? [] }
  }

  /// Waits until `condition` holds over the received callbacks, or the time limit passes; returns them all.
  public func wait(
    _ token: String, timeoutMs: Int, until condition: @Sendable ([ReceivedCallback]) -> Bool
  ) async -> (
    callbacks: [ReceivedCallback], satisfied: Bool
  ) {
    let deadline = clock.elapsedMs + Double(timeoutMs)
    while true {
      let now = received(token)
      if condition(now) { return (now, true) }
      let remaining = deadline - clock.elapsedMs
      if remaining <= 0 || Task.isCancelled { return (now, false) }
      let id = waiterIDs.wrappingAdd(1, ordering: .relaxed).newValue
      let seen = now.count
      // Sleep until a delivery wakes us or the deadline passes, whichever is first.
      await withTaskGroup(of: Bool.self) { group in
        group.addTask {
          await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let registered = self.state.withLock { s -> Bool in
              // Not when the time already ran out (see below), nor when a callback came in since `now`
              // was read: its delivery found no waiter to wake, so this one would sleep past it.
              guard let inbox = s[token], inbox.received.count == seen,
                s[token]?.abandoned.remove(id) == nil
              else { return false }
              s[token]?.waiters.append((id, c))
              return true
            }
            if !registered { c.resume() }
          }
          return true
        }
        group.addTask {
          try? await Task.sleep(for: .milliseconds(Int(remaining.rounded(.up))))
          return false
        }
        let woken = await group.next() ?? false
        group.cancelAll()
        // A delivery (or close) woke the waiter: nothing of it is left to clear.
        if woken { return }
        // Wake our own waiter if the sleep won, so the group can finish; a waiter that has not registered yet
        // (its task may start after the sleep ended) is told not to.
        let mine = self.state.withLock { s -> CheckedContinuation<Void, Never>? in
          guard let i = s[token]?.waiters.firstIndex(where: { $0.id == id }) else {
            s[token]?.abandoned.insert(id)
            return nil
          }
          return s[token]?.waiters.remove(at: i).continuation
        }
        mine?.resume()
      }
    }
  }
}
