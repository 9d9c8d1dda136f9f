/// Values that follow a scenario's work through every task it starts.
public enum RunContext {
  /// The id of the scenario whose request is being sent (for transports that record exchanges).
  @TaskLocal public static var scenarioID: String?
}

/// Runs scenarios through a transport: schedules them with bounded concurrency under their time limits, and
/// composes each result from its exchange (`ExchangeRunner`) or its steps (`StepRunner`).
///
/// Results come back in input order whatever the concurrency. The runner produces plain values and knows
/// nothing about report formats.
public struct Runner: Sendable {
  public let transport: any Transport
  public let options: RunOptions
  let exchanges: ExchangeRunner

  public init(transport: any Transport, options: RunOptions) {
    self.transport = transport
    self.options = options
    exchanges = ExchangeRunner(transport: transport, options: options)
  }

  /// Runs every scenario; `onStart` is called as each starts and `onResult` (from any task) as each finishes,
  /// with its input index.
  ///
  /// Once `options.stop` has a reason (with `failFast`, the first failed or errored result gives it one), nothing
  /// more starts: scenarios in flight finish, and the rest come back `skipped` with the reason (without an
  /// `onResult` call). Cancelling the calling task interrupts the run: nothing more starts, scenarios in flight
  /// are cancelled (they come back through `onResult`), and every scenario that did not finish comes back
  /// `skipped` with the reason `interrupted`.
  public func run(
    _ scenarios: [Scenario], onStart: (@Sendable (Int, Scenario) -> Void)? = nil,
    onResult: (@Sendable (Int, ScenarioResult) -> Void)? = nil
  ) async -> [ScenarioResult] {
    var results = [ScenarioResult?](repeating: nil, count: scenarios.count)
    let stop = options.stop
    await withTaskGroup(of: (Int, ScenarioResult).self) { group in
      var next = 0
      func startNext() {
        guard next < scenarios.count, stop.reason == nil, !Task.isCancelled else { return }
        let i = next
        let scenario = scenarios[i]
        next += 1
        onStart?(i, scenario)
        group.addTask {
          let r = await self.runWithLimit(scenario)
          // Cancelled part-way: what it saw is not its verdict.
          return (i, Task.isCancelled ? .interrupted(scenario, durationMs: r.durationMs) : r)
        }
      }
      for _ in 0..<min(options.concurrency, scenarios.count) { startNext() }
      while let (i, r) = await group.next() {
        results[i] = r
        if options.failFast, r.outcome == .failed || r.outcome == .errored {
          stop.stop(.failFast(after: r.id, outcome: r.outcome))
        }
        onResult?(i, r)
        startNext()
      }
    }
    return results.enumerated().map { i, r in
      if let r { return r }
      if Task.isCancelled { return .interrupted(scenarios[i]) }
      if let reason = stop.reason { return .notStarted(scenarios[i], reason) }
      return ScenarioResult(scenarios[i])
    }
  }

  /// Runs one scenario under its time limit.
  public func runWithLimit(_ scenario: Scenario) async -> ScenarioResult {
    let limit = scenario.timeoutMs ?? options.scenarioTimeoutMs
    let watch = Stopwatch()
    let id = scenario.id
    if let r = await withTimeLimit(
      milliseconds: limit,
      { await RunContext.$scenarioID.withValue(id) { await self.runScenario(scenario) } })
    {
      return r
    }
    var r = ScenarioResult(scenario)
    r.durationMs = watch.elapsedMs
    r.message =
      "the scenario did not finish within its \(limit) ms limit (timeoutMs); raise it or check the target"
    r.faultKind = .timeout
    return r
  }

  func runScenario(_ scenario: Scenario) async -> ScenarioResult {
    let watch = Stopwatch()
    var result = ScenarioResult(scenario)
    switch scenario.body {
    case .exchange(let exchange):
      let resolver = VariableResolver(sources: options.variables)
      do {
        let spec = try resolver.request(exchange.request)
        let expect = try resolver.expectation(exchange.expect)
        result.record = await exchanges.perform(spec, expect: expect, allowRetries: true).record
      } catch {
        result.message = Runner.describe(variableError: error)
      }
    case .steps(let steps):
      await StepRunner(exchanges: exchanges).run(steps, of: scenario, into: &result)
    }
    result.durationMs = watch.elapsedMs
    return result
  }

  static func describe(variableError error: Error) -> String {
    if let e = error as? Template.Unresolved { return "unresolved variable ${\(e.name)}" }
    if let e = error as? HeaderValueError { return e.description }
    return "bad variable reference: \(error)"
  }

  /// A token for callback URLs: the run and scenario ids with anything but letters, digits, `-` and `.` as `_`.
  public static func callbackToken(runID: String, scenarioID: String) -> String {
    let safe = String(
      (runID + "." + scenarioID).unicodeScalars.map { s -> Character in
        ("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s) || s == "-"
          || s == "." ? Character(s) : "_"
      })
    return safe
  }
}
