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
      let polls = exchanges.filter { $0.taskPolled == task && $0.receivedMs < first.receivedMs }.count
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
      for (prev, next) in zip(list, list.dropFirst()) where prev.succeeded {
        checked += 1
        let interval = next.receivedMs - prev.receivedMs
        let minimum = Double(options.minPollMs)
        if let asked = prev.retryAfterMs, next.receivedMs - prev.answeredMs < asked - toleranceMs {
          violations.append(
            ClientViolation(
              message:
                "task \(task) was polled again \(ms(next.receivedMs - prev.answeredMs)) after an answer whose Retry-After asked for \(ms(asked))",
              fix: "wait the poll answer's Retry-After before polling again",
              requests: [prev.seq, next.seq]))
        } else if interval < minimum - toleranceMs * 2.5 {
          violations.append(
            ClientViolation(
              message:
                "task \(task) was polled \(ms(interval)) after the poll before (at \(ms(prev.receivedMs)) and \(ms(next.receivedMs))), faster than \(ms(minimum))",
              fix:
                "poll at most once every \(ms(minimum)) (longer as the task ages), or wait for the callback",
              requests: [prev.seq, next.seq]))
        }
      }
    }
    return ClientRuleResult(rule: .pollInterval, checked: checked, violations: violations)
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
