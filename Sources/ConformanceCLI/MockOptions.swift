import ConformanceCore
import ConformanceNetwork
import Foundation
import MockServer

/// The options `mock serve` and `check-client` share: how the twin serves (fixtures, the contract, faults)
/// and how its client is judged.
struct MockOptions {
  static let serving: [OptionSpec] = [
    OptionSpec(
      "--fixtures", value: "DIR",
      "fixture set to serve (default Fixtures; with --contract only when given, and it answers first)"),
    OptionSpec("--port", value: "N", "port to listen on; 0 picks a free one (default 0)"),
    OptionSpec("--host", value: "H", "address to bind (default 127.0.0.1)"),
    OptionSpec(
      "--delay-ms", value: "N",
      "add N ms before every answer, to model a slower gateway (default 0)"),
    OptionSpec(
      "--no-delays", "answer without the recorded delays and chunk pacing (callbacks come at once)"),
    OptionSpec(
      "--max-body-bytes", value: "N", "refuse larger request bodies with 413 (default 10485760)"),
    OptionSpec(
      "--log-requests", value: "FILE",
      "append a JSON line per answered request: method, target, auth, key kind, status, fixture"),
  ]

  static let twin: [OptionSpec] = [
    OptionSpec(
      "--contract",
      "answer every well-formed request no fixture answers by the documented contract (the twin)"),
    OptionSpec(
      "--models", value: "FILE",
      "the account's models: a JSON array of ids, a Models API answer, or {\"available\", \"disabled\", \"blocked\"} (default: scenarios/variables.json's *_model values and common upstream ids)"
    ),
    OptionSpec(
      "--task-ms", value: "N",
      "milliseconds a music or video task takes to reach its terminal state (default 3000)"),
    OptionSpec(
      "--inject", value: "KIND[:RATE]", repeatable: true,
      "fault successful answers: rate-limit, quota, upstream, overloaded, cut-stream, slow, reset, task-fail; RATE a fraction (default 1)"
    ),
    OptionSpec("--seed", value: "N", "make the fault choices deterministic"),
    OptionSpec(
      "--inject-first", value: "N",
      "fault only the first N copies of each distinct request, so a correct retry then succeeds"),
    OptionSpec(
      "--retry-after", value: "SECONDS", "the Retry-After of injected rate-limit answers (default 1)"
    ),
    OptionSpec("--slow-ms", value: "N", "the latency 'slow' adds (default 3000)"),
  ]

  static let judging: [OptionSpec] = [
    OptionSpec(
      "--max-attempts", value: "N", "bounded-retries: attempts allowed per request (default 5)"),
    OptionSpec(
      "--min-poll-ms", value: "N", "poll-interval: shortest allowed interval between polls (default 1000)"
    ),
    OptionSpec(
      "--no-immediate-retry-ms", value: "N",
      "no-retry-client-error: how long a request refused for model access must not be re-sent (default 60000)"
    ),
  ]

  /// Everything the options decide.
  struct Setup {
    var configuration: MockServerConfiguration
    var store: FixtureStore?
    var fixturesDirectory: String?
    var contract: ContractConfiguration?
    var plan: FaultPlan?
    var judge: ClientJudge.Options

    var mode: String {
      switch (contract != nil, store != nil) {
      case (true, true): "contract+fixtures"
      case (true, false): "contract"
      default: "fixtures"
      }
    }
  }

  /// Reads the options; nil when the fixture set cannot be used (its diagnostics are printed: exit 2).
  static func setup(_ parsed: ParsedArguments, cli: CLI, contract forced: Bool) throws(UsageError)
    -> Setup?
  {
    var configuration = MockServerConfiguration(
      validKey: MockServerConfiguration.validKey(environment: cli.environment))
    configuration.port = try parsed.integer("--port", default: 0, range: 0...65_535)
    configuration.host = parsed.value("--host") ?? configuration.host
    configuration.extraDelayMs = try parsed.integer("--delay-ms", default: 0, range: 0...3_600_000)
    configuration.honourDelays = !parsed.flag("--no-delays")
    configuration.limits.maxBodyBytes = try parsed.integer(
      "--max-body-bytes", default: configuration.limits.maxBodyBytes, range: 0...(1 << 40))
    if configuration.host.isEmpty { throw UsageError("--host needs an address, such as 127.0.0.1") }

    let contractMode = forced || parsed.flag("--contract")
    if !contractMode {
      for name in ["--models", "--task-ms"] where parsed.value(name) != nil {
        throw UsageError("\(name) shapes the contract twin; add --contract")
      }
    }
    var setup = Setup(
      configuration: configuration, judge: try judgeOptions(parsed))
    let directory = parsed.value("--fixtures") ?? (contractMode ? nil : "Fixtures")
    if let directory {
      guard let store = cli.loadFixtures(directory) else { return nil }
      setup.store = store
      setup.fixturesDirectory = directory
    }
    if contractMode {
      var contract = ContractConfiguration(
        models: try models(parsed, cli: cli),
        taskMs: try parsed.integer("--task-ms", default: 3000, range: 0...86_400_000))
      if !configuration.honourDelays { contract.eventDelayMs = 0 }
      setup.contract = contract
    }
    setup.plan = try faultPlan(parsed)
    return setup
  }

  static func judgeOptions(_ parsed: ParsedArguments) throws(UsageError) -> ClientJudge.Options {
    ClientJudge.Options(
      maxAttempts: try parsed.integer("--max-attempts", default: 5, range: 1...1_000_000),
      minPollMs: try parsed.integer("--min-poll-ms", default: 1000, range: 0...86_400_000),
      noImmediateRetryMs: try parsed.integer(
        "--no-immediate-retry-ms", default: 60_000, range: 0...86_400_000))
  }

  static func faultPlan(_ parsed: ParsedArguments) throws(UsageError) -> FaultPlan? {
    let specs = parsed.all("--inject")
    guard !specs.isEmpty else {
      for name in ["--seed", "--inject-first", "--retry-after", "--slow-ms"]
      where parsed.value(name) != nil {
        throw UsageError("\(name) shapes injected faults; add --inject KIND[:RATE]")
      }
      return nil
    }
    var plan = FaultPlan()
    for spec in specs {
      switch FaultPlan.injection(spec) {
      case .success(let injection): plan.injections.append(injection)
      case .failure(let error): throw UsageError(error.message)
      }
    }
    if let raw = parsed.value("--seed") {
      guard let seed = UInt64(raw) else {
        throw UsageError("--seed takes a whole number from 0 to \(UInt64.max), not '\(raw)'")
      }
      plan.seed = seed
    }
    if parsed.value("--inject-first") != nil {
      plan.injectFirst = try parsed.integer("--inject-first", default: 1, range: 0...1_000_000)
    }
    plan.retryAfterSeconds = try parsed.integer("--retry-after", default: 1, range: 0...86_400)
    plan.slowMs = try parsed.integer("--slow-ms", default: 3000, range: 0...3_600_000)
    return plan
  }

  /// `--models FILE`, else the suite's model variables beside the common upstream ids.
  static func models(_ parsed: ParsedArguments, cli: CLI) throws(UsageError) -> ModelAccess {
    if let file = parsed.value("--models") {
      guard let data = FileManager.default.contents(atPath: file) else {
        throw UsageError("--models: cannot read \(file); give a JSON file of model ids")
      }
      do throws(ModelFileError) {
        return try ModelAccess.parse([UInt8](data), file: file)
      } catch {
        throw UsageError("--models " + error.message)
      }
    }
    var access = ModelAccess(available: ModelAccess.common)
    if let data = FileManager.default.contents(atPath: "scenarios/variables.json"),
      let object = (try? JSONParser.parse([UInt8](data)))?.objectValue
    {
      var strings: [String: String] = [:]
      for m in object.members { if let s = m.value.stringValue { strings[m.key] = s } }
      let suite = ModelAccess.fromVariables(strings)
      access.available = suite.available + access.available.filter { !suite.listed.contains($0) }
      access.disabled = suite.disabled
      access.blocked = suite.blocked
    }
    return access
  }
}
