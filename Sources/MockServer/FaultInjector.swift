import ConformanceCore
import Synchronization

/// Injects the planned faults into the answers of another responder (fixtures or the contract twin).
///
/// Only requests that would succeed are faulted: a client's own mistakes keep their documented answers, and a
/// fault stands for the gateway's or upstream's trouble. Copies of one request are counted by
/// `RequestIdentity`, so `--inject-first N` faults the first N copies and a correct retry then succeeds.
public final class FaultInjector: HTTPResponder {
  let inner: any HTTPResponder
  public let plan: FaultPlan
  let tasks: ContractTasks?
  let catalog: RouteCatalog
  private let copies = Mutex<[RequestIdentity: Int]>([:])
  /// Distinct requests counted at most.
  static let capacity = 200_000
  /// Tasks `task-fail` picked; their later answers show the documented failure state.
  private let failing = Mutex<Set<String>>([])

  public init(
    _ inner: any HTTPResponder, plan: FaultPlan, tasks: ContractTasks? = nil,
    catalog: RouteCatalog = .anyint
  ) {
    self.inner = inner
    self.catalog = catalog
    self.plan = plan
    self.tasks = tasks
  }

  public func answer(_ request: HTTPRequest) -> ResponderAnswer {
    let identity = RequestIdentity(request)
    let copy = copies.withLock { c in
      // A long-lived twin serving endless distinct requests starts counting afresh rather than grow.
      if c.count >= Self.capacity, c[identity] == nil { c.removeAll(keepingCapacity: true) }
      defer { c[identity, default: 0] += 1 }
      return c[identity, default: 0]
    }
    var answer = inner.answer(request)
    if let task = answer.taskID, failing.withLock({ $0.contains(task) }) {
      answer = Self.failed(answer)
    }
    if let first = plan.injectFirst, copy >= first { return answer }
    guard Self.succeeded(answer) else { return answer }
    let family = catalog.family(forPath: request.path)
    for injection in plan.injections where applies(injection.kind, request, answer, family) {
      guard plan.roll(identity.description, copy: copy, kind: injection.kind) < injection.rate
      else { continue }
      return apply(injection.kind, to: answer, family: family)
    }
    return answer
  }

  func applies(
    _ kind: FaultPlan.Kind, _ request: HTTPRequest, _ answer: ResponderAnswer, _ family: Family?
  ) -> Bool {
    switch kind {
    case .rateLimit, .quota, .upstream, .slow, .reset: true
    case .overloaded: family == .anthropic
    case .cutStream: (answer.response.chunks?.count ?? 0) > 1
    case .taskFail:
      answer.taskID != nil
        && catalog.isTaskCreate(method: request.method, path: request.path)
    }
  }

  func apply(_ kind: FaultPlan.Kind, to answer: ResponderAnswer, family: Family?)
    -> ResponderAnswer
  {
    var out = answer
    switch kind {
    case .rateLimit:
      out = error(.rateLimited(retryAfterSeconds: plan.retryAfterSeconds), family)
    case .quota: out = error(.quotaExhausted, family)
    case .upstream: out = error(.upstreamUnavailable, family)
    case .overloaded: out = error(.overloaded, family)
    case .slow: out.response.delayMs += max(0, plan.slowMs)
    case .reset:
      out.reset = true
      out.callbacks = []
    case .cutStream:
      out.response.chunks = Self.cut(answer.response.chunks ?? [])
      out.response.truncate = true
    case .taskFail:
      if let task = answer.taskID {
        failing.withLock { _ = $0.insert(task) }
        tasks?.markFailing(task)
      }
      out.callbacks = []
    }
    out.fault = kind.rawValue
    return out
  }

  func error(_ e: DocumentedError, _ family: Family?) -> ResponderAnswer {
    let r = e.answer(family: family, catalog: catalog)
    return ResponderAnswer(
      response: FixtureResponse(status: r.status, headers: r.headers, body: r.body))
  }

  /// Whether an answer is a success (a 2xx whose AI Music `code`, if any, is 200).
  static func succeeded(_ answer: ResponderAnswer) -> Bool {
    let r = answer.response
    guard (200..<300).contains(r.status), !answer.reset else { return false }
    guard r.chunks == nil, !r.body.isEmpty, r.body.first == UInt8(ascii: "{"),
      let code = (try? JSONParser.parse(r.body))?["code"]?.intValue
    else { return true }
    return code == 200 || code == 0
  }

  /// A task answer moved to its documented failure state, once the task has left its first state.
  static func failed(_ answer: ResponderAnswer) -> ResponderAnswer {
    var out = answer
    out.callbacks = []
    guard let body = try? JSONParser.parse(answer.response.body),
      let shape = TaskStates.shape(of: body), let state = TaskStates.state(of: body)
    else { return out }
    out.fault = FaultPlan.Kind.taskFail.rawValue
    guard !state.failed, state.value != TaskStates.progression(shape).first else { return out }
    let rewritten = TaskStates.replacingState(
      in: body, shape: shape, with: TaskStates.documentedFailure(shape))
    out.response.body = JSONWriter.bytes(rewritten)
    return out
  }

  /// The stream's first half, cut in the middle of the next event.
  static func cut(_ chunks: [FixtureChunk]) -> [FixtureChunk] {
    let full = chunks.flatMap(\.data)
    var ends: [Int] = []
    var i = 0
    while i + 1 < full.count {
      if full[i] == 0x0A && full[i + 1] == 0x0A {
        ends.append(i + 2)
        i += 2
      } else {
        i += 1
      }
    }
    var at = full.count / 2
    if ends.count >= 2 {
      let keep = ends.count / 2
      let start = ends[keep - 1]
      let next = keep < ends.count ? ends[keep] : full.count
      at = start + max(1, (next - start) / 2)
    }
    var out: [FixtureChunk] = []
    var taken = 0
    for c in chunks where taken < at {
      let n = min(c.data.count, at - taken)
      out.append(FixtureChunk(delayMs: c.delayMs, data: Array(c.data.prefix(n))))
      taken += n
    }
    return out
  }
}
