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

  /// Runs every scenario; `onResult` is called (from any task) as each finishes, with its input index.
  public func run(
    _ scenarios: [Scenario], onResult: (@Sendable (Int, ScenarioResult) -> Void)? = nil
  ) async -> [ScenarioResult] {
    var results = [ScenarioResult?](repeating: nil, count: scenarios.count)
    await withTaskGroup(of: (Int, ScenarioResult).self) { group in
      var next = 0
      func startNext() {
        guard next < scenarios.count else { return }
        let i = next
        let scenario = scenarios[i]
        next += 1
        group.addTask { (i, await self.runWithLimit(scenario)) }
      }
      for _ in 0..<min(options.concurrency, scenarios.count) { startNext() }
      while let (i, r) = await group.next() {
        results[i] = r
        onResult?(i, r)
        startNext()
      }
    }
    return results.enumerated().map { i, r in r ?? ScenarioResult(scenarios[i]) }
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
