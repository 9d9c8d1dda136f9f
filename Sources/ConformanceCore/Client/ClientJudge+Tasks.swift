/// The async-task rules: poll instead of re-creating, poll no faster than allowed, acknowledge callbacks.
extension ClientJudge {
  static func pollNotRecreate(_ exchanges: [ClientExchange], _ traffic: ClientTraffic)
    -> ClientRuleResult
  {
    let creates = exchanges.filter { $0.taskCreated != nil }
    var violations: [ClientViolation] = []
    for create in creates {
      guard let task = create.taskCreated else { continue }
      let terminal = terminalMs(of: task, traffic: traffic, exchanges: exchanges)
      let again = exchanges.filter {
        $0.seq > create.seq && $0.isTaskCreate && $0.identity == create.identity
          && $0.receivedMs < (terminal ?? .infinity)
      }
      guard let first = again.first else { continue }
      let polls = exchanges.filter { $0.taskPolled == task && $0.receivedMs < first.receivedMs }
        .count
      violations.append(
        ClientViolation(
          message:
            "\(create.method) \(create.target) created task \(task) at \(ms(create.answeredMs)) and was sent again \(ms(first.receivedMs - create.answeredMs)) later while the task was still pending (\(again.count) duplicate create\(again.count == 1 ? "" : "s"), \(polls) poll\(polls == 1 ? "" : "s") before)",
          fix:
            "store the task id from the create answer and poll the task route (or wait for the callback) until it reaches a terminal state; do not create it again",
          requests: Array(([create.seq] + again.map(\.seq)).prefix(shownRequests))))
    }
    return ClientRuleResult(rule: .pollNotRecreate, checked: creates.count, violations: violations)
  }

  /// When a task became terminal: the twin's own record, or the first answer or callback that said so.
  static func terminalMs(of task: String, traffic: ClientTraffic, exchanges: [ClientExchange])
    -> Double?
  {
    let observed = exchanges.filter { $0.taskPolled == task && $0.taskTerminal }.map(\.answeredMs)
    let called = traffic.callbacks.filter { $0.taskID == task && $0.callbackType == "complete" }
      .map(\.sentMs)
    return ([traffic.taskTerminalMs[task]].compactMap { $0 } + observed + called).min()
  }

  static func pollInterval(_ exchanges: [ClientExchange], _ options: Options) -> ClientRuleResult {
    let polls = exchanges.filter { $0.taskPolled != nil }
    let byTask = Dictionary(grouping: polls) { $0.taskPolled ?? "" }
    var checked = 0
    var violations: [ClientViolation] = []
    for task in byTask.keys.sorted() {
      let list = (byTask[task] ?? []).sorted { $0.receivedMs < $1.receivedMs }
      var early: [(ClientExchange, ClientExchange, Double)] = []
      var fast: [(ClientExchange, ClientExchange, Double)] = []
      for (prev, next) in zip(list, list.dropFirst()) where prev.succeeded {
        checked += 1
        let interval = next.receivedMs - prev.receivedMs
        if let asked = prev.retryAfterMs, next.receivedMs - prev.answeredMs < asked - toleranceMs {
          early.append((prev, next, asked))
        } else if interval < Double(options.minPollMs) - toleranceMs * 2.5 {
          fast.append((prev, next, interval))
        }
      }
      if let first = early.first {
        violations.append(
          ClientViolation(
            message:
              "task \(task) was polled \(early.count) time\(early.count == 1 ? "" : "s") before the poll answer's Retry-After (\(ms(first.2))) had passed, first at \(ms(first.1.receivedMs))",
            fix: "wait the poll answer's Retry-After before polling again",
            requests: pairs(early)))
      }
      if let first = fast.first {
        let intervals = fast.map(\.2)
        violations.append(
          ClientViolation(
            message:
              "task \(task) was polled \(fast.count) time\(fast.count == 1 ? "" : "s") sooner than \(ms(Double(options.minPollMs))) after the poll before (intervals \(ms(intervals.min() ?? 0))-\(ms(intervals.max() ?? 0)), first at \(ms(first.1.receivedMs)))",
            fix:
              "poll at most once every \(ms(Double(options.minPollMs))) (longer as the task ages), or wait for the callback",
            requests: pairs(fast)))
      }
    }
    return ClientRuleResult(rule: .pollInterval, checked: checked, violations: violations)
  }

  /// The requests of a list of (earlier, later) pairs, each once, in order, at most `shownRequests`.
  static func pairs(_ list: [(ClientExchange, ClientExchange, Double)]) -> [Int] {
    var seen = Set<Int>()
    return list.flatMap { [$0.0.seq, $0.1.seq] }.filter { seen.insert($0).inserted }
      .prefix(shownRequests).map { $0 }
  }

  static func callbackAck(_ callbacks: [CallbackAttempt]) -> ClientRuleResult {
    let failed = callbacks.filter { !$0.acknowledged }
    let violations = failed.map { c in
      let answer =
        c.status.map { "was answered \($0)" } ?? "got no answer (\(c.error ?? "no response"))"
      return ClientViolation(
        message:
          "the \(c.callbackType) callback for task \(c.taskID) to \(c.url) at \(ms(c.sentMs)) \(answer)",
        fix:
          "serve callBackUrl and answer every callback POST with a 2xx at once, duplicates included (accept them idempotently by task_id and callbackType), then process it",
        callbacks: [c.seq])
    }
    return ClientRuleResult(rule: .callbackAck, checked: callbacks.count, violations: violations)
  }
}
