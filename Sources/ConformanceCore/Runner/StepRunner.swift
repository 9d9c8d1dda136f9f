import Foundation

/// Runs the steps of a multi-step scenario: captures for later steps, polls that never re-create, webhook
/// waits, and the task checks (one create per task, states only move forward).
struct StepRunner: Sendable {
  let exchanges: ExchangeRunner
  var options: RunOptions { exchanges.options }

  /// What a step scenario keeps between steps.
  struct StepState {
    var captured: [String: String] = [:]
    /// Create requests sent, by their canonical form, and the task ids they returned.
    var createRequests: [String: Int] = [:]
    var createsByTask: [String: Int] = [:]
    var token: String?
  }

  func run(_ steps: [Step], of scenario: Scenario, into result: inout ScenarioResult) async {
    var state = StepState()
    var sources = options.variables
    if steps.contains(where: { if case .webhook = $0.kind { return true } else { return false } }) {
      guard let hub = options.callbacks else {
        result.message = "this scenario waits for a webhook, but the run has no callback listener"
        return
      }
      let token = Runner.callbackToken(
        runID: sources.builtIns[VariableSources.runID] ?? "run", scenarioID: scenario.id)
      hub.open(token)
      state.token = token
      sources.builtIns[VariableSources.callbackURL] = hub.url(for: token)
    }
    defer { if let token = state.token { options.callbacks?.close(token) } }

    var stopped = false
    for step in steps {
      if stopped {
        var skipped = StepResult(id: step.id, kind: Self.kind(of: step))
        skipped.record.outcome = .skipped
        skipped.record.message = "not run: an earlier step did not pass"
        result.steps.append(skipped)
        continue
      }
      let stepResult: StepResult
      switch step.kind {
      case .request(let r):
        stepResult = await runRequestStep(
          step, r, scenario: scenario, sources: sources, state: &state)
      case .webhook(let w):
        stepResult = await runWebhookStep(step, w, state: state)
      }
      result.steps.append(stepResult)
      if stepResult.record.outcome != .passed { stopped = true }
    }
    Self.summarize(&result)
  }

  static func kind(of step: Step) -> StepResult.Kind {
    switch step.kind {
    case .request(let r): return r.poll == nil ? .request : .poll
    case .webhook: return .webhook
    }
  }

  /// The scenario's own fields from its steps: the last request step's answer, every failure (named by step),
  /// and the worst outcome.
  static func summarize(_ result: inout ScenarioResult) {
    if let last = result.steps.last(where: { $0.kind != .webhook && $0.record.outcome != .skipped })
    {
      result.record = last.record
    }
    result.failures = result.steps.flatMap { step in
      step.record.failures.map { f in
        var f = f
        f.kind = .step(step.id, f.kind)
        return f
      }
    }
    let outcomes = result.steps.map(\.record.outcome)
    if outcomes.contains(.errored) {
      result.outcome = .errored
      result.message = result.steps.first { $0.record.outcome == .errored }.map {
        "step \($0.id): \($0.record.message ?? "errored")"
      }
    } else if outcomes.contains(.failed) {
      result.outcome = .failed
      result.message = nil
    } else {
      result.outcome = .passed
      result.message = nil
    }
  }

  func runRequestStep(
    _ step: Step, _ r: RequestStep, scenario: Scenario, sources: VariableSources,
    state: inout StepState
  ) async -> StepResult {
    var out = StepResult(id: step.id, kind: r.poll == nil ? .request : .poll)
    let resolver = VariableResolver(sources: sources, captured: state.captured)
    let spec: RequestSpec
    let expect: ScenarioExpectation?
    do {
      spec = try resolver.request(r.request)
      expect = try r.expect.map(resolver.expectation)
    } catch {
      out.record.message = Runner.describe(variableError: error)
      return out
    }
    let isCreate = options.catalog.isTaskCreate(method: spec.method, path: spec.path)
    var body: JSONValue?
    if let poll = r.poll {
      body = await runPoll(poll, spec: spec, expect: expect, into: &out)
    } else {
      // A create is never re-sent, whatever --retries says: a second create is a second task.
      let done = await exchanges.perform(spec, expect: expect, allowRetries: !isCreate)
      out.record = done.record
      body = done.analysis.body
    }
    guard out.record.outcome == .passed || out.record.outcome == .failed else { return out }
    for c in r.capture {
      if let value = body.flatMap({ c.path.evaluate(in: $0) }) {
        state.captured[c.name] = value.stringValue ?? JSONWriter.string(value)
        out.captured.append(c.name)
      } else {
        out.record.failures.append(
          CheckFailure(
            .capture(c.name), expected: "a value at \(c.path)", actual: "absent",
            ref: step.source, note: "later steps need ${\(c.name)}")
        )
        out.record.outcome = .failed
      }
    }
    if isCreate {
      checkDuplicateCreate(
        spec, captured: out.captured.compactMap { state.captured[$0] }, step: step, state: &state,
        into: &out)
    }
    return out
  }

  /// Counts creates per task: the same create sent twice, or two creates answered with one task id, fail.
  func checkDuplicateCreate(
    _ spec: RequestSpec, captured: [String], step: Step, state: inout StepState,
    into out: inout StepResult
  ) {
    var key = spec.method + " " + spec.path
    if case .json(let v) = spec.body { key += " " + JSONWriter.string(v, style: .canonical) }
    if case .raw(let s) = spec.body { key += " " + s }
    state.createRequests[key, default: 0] += 1
    let sent = state.createRequests[key] ?? 0
    if sent > 1 {
      out.record.failures.append(
        CheckFailure(
          .creates, expected: "1 create request per task",
          actual: "\(sent) identical create requests", ref: step.source,
          note: "poll the task route instead of creating the task again"))
      out.record.outcome = .failed
    }
    for taskID in captured where !taskID.isEmpty {
      state.createsByTask[taskID, default: 0] += 1
      if let n = state.createsByTask[taskID], n > 1 {
        out.record.failures.append(
          CheckFailure(
            .creates, expected: "1 create request per task",
            actual: "\(n) creates for task \(taskID)", ref: step.source))
        out.record.outcome = .failed
      }
    }
  }

  /// Re-sends a GET until `until` holds; `failWhen` or the time limit end it with a failure. Every pending answer
  /// is `task-pending` / `poll`, and the task state must never move backwards.
  func runPoll(
    _ poll: PollSpec, spec: RequestSpec, expect: ScenarioExpectation?,
    into out: inout StepResult
  ) async -> JSONValue? {
    let watch = Stopwatch()
    var lastRank: (value: String, rank: Int)?
    while true {
      var done = await exchanges.perform(spec, expect: nil, allowRetries: false)
      out.polls += 1
      let body = done.analysis.body
      if let s = TaskStates.state(of: body) {
        out.states.append(s.value)
        if let previous = lastRank, s.rank < previous.rank {
          done.record.failures.append(
            CheckFailure(
              .taskState, expected: "a state at or after \(previous.value)",
              actual: s.value, ref: poll.ref,
              note: "the task state moved backwards (\(previous.value) -> \(s.value))"))
        }
        lastRank = (s.value, s.rank)
      }
      let answered = done.record.observed != nil
      let failedWhen = answered ? firstHolding(poll.failWhen, body) : nil
      let finished =
        answered && poll.until.allSatisfy { $0.matcher.holds(body.flatMap($0.path.evaluate)) }
      if !done.record.failures.isEmpty || !answered || failedWhen != nil || finished {
        // The last answer is judged by the step's expectation.
        if finished || failedWhen != nil, let expect {
          done.record.failures +=
            exchanges.record(done.analysis, request: done.request, expect: expect).failures
        }
        if let c = failedWhen {
          done.record.failures.append(
            CheckFailure(
              .pollFailWhen, expected: "not \(c.path) \(c.matcher.expectedDescription)",
              actual: Matcher.describe(c.path.evaluate(in: body ?? .null)), ref: c.ref,
              note: "the task ended in a failure state"))
        }
        if !answered {
          done.record.outcome = .errored
        } else {
          done.record.outcome = done.record.failures.isEmpty ? .passed : .failed
        }
        done.record.attempts = out.record.attempts
        done.record.durationMs = watch.elapsedMs
        out.record = done.record
        return body
      }
      // Still pending: poll, do not recreate.
      let retryAfter =
        RetryPolicy.retryAfterMs(done.analysis.reply?.response.headers).map {
          Int(clamping: $0, to: 0...Saturating.maxSleepMs)
        } ?? 0
      let wait = max(poll.intervalMs, retryAfter)
      out.record.attempts.append(
        Attempt(status: done.record.observed?.status, situation: .taskPending, delayMs: wait))
      if watch.elapsedMs + Double(wait) > Double(poll.timeoutMs) {
        done.record.situation = .taskPending
        done.record.classificationReason =
          retryAfter > poll.intervalMs
          ? "the task was still pending and its answer asks to wait \(retryAfter) ms (Retry-After), past the poll's \(poll.timeoutMs) ms limit"
          : "the task was still pending when the poll's \(poll.timeoutMs) ms limit passed"
        done.record.failures.append(
          CheckFailure(
            .pollTimeout,
            expected: poll.until.map { "\($0.path) \($0.matcher.expectedDescription)" }.joined(
              separator: " and "),
            actual:
              "still \(out.states.last ?? "pending") after \(out.polls) poll\(out.polls == 1 ? "" : "s") in \(Saturating.whole(watch.elapsedMs)) ms",
            ref: poll.ref))
        done.record.outcome = .failed
        done.record.attempts = out.record.attempts
        done.record.durationMs = watch.elapsedMs
        out.record = done.record
        return body
      }
      try? await Task.sleep(for: .milliseconds(wait))
      if Task.isCancelled { return body }
    }
  }

  func firstHolding(
    _ conditions: [(path: JSONPath, matcher: Matcher, ref: SourceRef)], _ body: JSONValue?
  ) -> (
    path: JSONPath, matcher: Matcher, ref: SourceRef
  )? {
    conditions.first { $0.matcher.holds(body.flatMap($0.path.evaluate)) }
  }

  /// Waits for a callback of the step's type on the scenario's callback URL; duplicates are tolerated and listed.
  func runWebhookStep(_ step: Step, _ w: WebhookStep, state: StepState) async -> StepResult {
    var out = StepResult(id: step.id, kind: .webhook)
    guard let hub = options.callbacks, let token = state.token else {
      out.record.message = "no callback listener for this run"
      return out
    }
    let watch = Stopwatch()
    let type = w.callbackType?.rawValue
    let (callbacks, satisfied) = await hub.wait(token, timeoutMs: w.timeoutMs) { received in
      received.contains { type == nil || $0.type == type }
    }
    var seen = Set<String>()
    out.callbacks = callbacks.map { c in
      let key = JSONWriter.string(c.body, style: .canonical)
      let duplicate = !seen.insert(key).inserted
      return CallbackRecord(
        type: c.type, taskID: c.taskID, shape: c.shape, atMs: c.atMs, duplicate: duplicate)
    }
    out.record.durationMs = watch.elapsedMs
    if satisfied {
      out.record.outcome = .passed
      let dupes = out.callbacks.filter(\.duplicate).count
      if dupes > 0 {
        out.record.message =
          "\(dupes) duplicate callback\(dupes == 1 ? "" : "s") received and tolerated"
      }
    } else {
      let got = callbacks.compactMap(\.type)
      out.record.failures.append(
        CheckFailure(
          .webhook, expected: "a \(type ?? "any") callback within \(w.timeoutMs) ms",
          actual: got.isEmpty ? "no callback" : "only " + got.joined(separator: ", "), ref: w.ref,
          note: "keep polling as a fallback: callbacks can be late or lost"))
      out.record.outcome = .failed
    }
    return out
  }
}
