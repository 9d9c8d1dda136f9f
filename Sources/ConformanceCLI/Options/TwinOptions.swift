import ConformanceCore
import Foundation
import MockServer

/// How the contract twin answers and which faults it injects: options of `mock serve` and `check-client`.
struct TwinOptions {
  static let contract: Option<Bool> = .flag(
    "--contract",
    "answer every well-formed request no fixture answers by the documented contract (the twin)")
  static let models: Option<String?> = .value(
    "--models", "FILE",
    "the account's models: a JSON array of ids, a Models API answer, or {\"available\", \"disabled\", \"blocked\"} (default: scenarios/variables.json's *_model values and common upstream ids)"
  )
  static let taskMs: Option<Int> = .integer(
    "--task-ms", default: 3000, range: 0...86_400_000,
    "milliseconds a music or video task takes to reach its terminal state (default 3000)")
  static let inject: Option<[String]> = .repeated(
    "--inject", "KIND[:RATE]",
    "fault successful answers: \(FaultPlan.Kind.allCases.map(\.rawValue).joined(separator: ", ")); RATE a fraction (default 1)"
  )
  static let seed: Option<UInt64?> = .custom(
    "--seed", "N", "make the fault choices deterministic"
  ) { raw throws(UsageError) in
    guard let raw else { return nil }
    guard let seed = UInt64(raw) else {
      throw UsageError(
        .invalidValue, option: "--seed",
        "--seed takes a whole number from 0 to \(UInt64.max), not '\(raw)'")
    }
    return seed
  }
  static let injectFirst: Option<Int> = .integer(
    "--inject-first", default: 0, range: 1...1_000_000,
    "fault only the first N copies of each distinct request, so a correct retry then succeeds")
  static let retryAfter: Option<Int> = .integer(
    "--retry-after", "SECONDS", default: 1, range: 0...86_400,
    "the Retry-After of injected rate-limit answers (default 1)")
  static let slowMs: Option<Int> = .integer(
    "--slow-ms", default: 3000, range: 0...3_600_000, "the latency 'slow' adds (default 3000)")

  static let options = [
    contract.spec, models.spec, taskMs.spec, inject.spec, seed.spec, injectFirst.spec,
    retryAfter.spec, slowMs.spec,
  ]
  /// The options that only shape the contract twin, and the ones that only shape injected faults.
  static let twinOnly = [models.spec, taskMs.spec]
  static let faultOnly = [seed.spec, injectFirst.spec, retryAfter.spec, slowMs.spec]
}

/// How a client is judged: options of `mock serve --client-report` and `check-client`.
struct JudgeOptions {
  static let maxAttempts: Option<Int> = .integer(
    "--max-attempts", default: 5, range: 1...1_000_000,
    "bounded-retries: attempts allowed per request (default 5)")
  static let minPollMs: Option<Int> = .integer(
    "--min-poll-ms", default: 1000, range: 0...86_400_000,
    "poll-interval: shortest allowed interval between polls (default 1000)")
  static let noImmediateRetryMs: Option<Int> = .integer(
    "--no-immediate-retry-ms", default: 60_000, range: 0...86_400_000,
    "no-retry-client-error: how long a request refused for model access must not be re-sent (default 60000)"
  )

  static let options = [maxAttempts.spec, minPollMs.spec, noImmediateRetryMs.spec]

  static func read(_ parsed: ParsedArguments) throws(UsageError) -> ClientJudge.Options {
    ClientJudge.Options(
      maxAttempts: try parsed.get(maxAttempts), minPollMs: try parsed.get(minPollMs),
      noImmediateRetryMs: try parsed.get(noImmediateRetryMs))
  }
}

/// Everything the mock options decide: fixtures, the contract twin behind them, faults, judging.
struct TwinSetup: Sendable {
  var configuration: MockServerConfiguration
  var store: FixtureStore?
  var fixturesDirectory: String?
  var contract: ContractConfiguration?
  var plan: FaultPlan?
  var judge: ClientJudge.Options
  var logFile: String?

  var mode: String {
    switch (contract != nil, store != nil) {
    case (true, true): "contract+fixtures"
    case (true, false): "contract"
    default: "fixtures"
    }
  }

  /// Reads the mock, twin and judging options; nil when the fixture set cannot be used (its diagnostics are
  /// printed: exit 2). `contract` forces the twin on (`check-client`).
  static func read(_ parsed: ParsedArguments, cli: CLI, contract forced: Bool) throws(UsageError)
    -> TwinSetup?
  {
    let serving = try MockServeOptions(parsed, environment: cli.environment)
    // check-client does not declare --contract (it is always the twin), so it is only read when not forced.
    var contractMode = forced
    if !forced { contractMode = try parsed.get(TwinOptions.contract) }
    if !contractMode, let name = parsed.firstGiven(TwinOptions.twinOnly) {
      throw UsageError(
        .conflictingOptions, option: name, "\(name) shapes the contract twin; add --contract")
    }
    var setup = TwinSetup(
      configuration: serving.configuration, judge: try JudgeOptions.read(parsed),
      logFile: serving.logFile)
    // The valid key is a secret whatever its length once it is served; answers that echo a request keep it and
    // every other secret out.
    let keyVariable = MockServerConfiguration.keyEnvironmentVariable
    if let key = cli.environment[keyVariable], !key.isEmpty {
      let secret = Secret(key, origin: "the key in \(keyVariable)")
      cli.secrets.add([secret])
      if let warning = SecretOptions.shortWarning(secret) { cli.err(warning) }
    }
    setup.configuration.secrets = cli.secrets.redactor.secrets
    setup.plan = try faultPlan(parsed)
    let directory = serving.fixtures ?? (contractMode ? nil : Defaults.fixturesDirectory)
    if contractMode {
      var contract = ContractConfiguration(
        models: try models(parsed), taskMs: try parsed.get(TwinOptions.taskMs))
      if !serving.configuration.honourDelays { contract.eventDelayMs = 0 }
      setup.contract = contract
    }
    if let directory {
      guard let store = cli.loadFixtures(directory) else { return nil }
      setup.store = store
      setup.fixturesDirectory = directory
    }
    return setup
  }

  static func faultPlan(_ parsed: ParsedArguments) throws(UsageError) -> FaultPlan? {
    let specs = try parsed.get(TwinOptions.inject)
    guard !specs.isEmpty else {
      if let name = parsed.firstGiven(TwinOptions.faultOnly) {
        throw UsageError(
          .conflictingOptions, option: name,
          "\(name) shapes injected faults; add --inject KIND[:RATE]")
      }
      return nil
    }
    var plan = FaultPlan()
    for spec in specs {
      switch FaultPlan.injection(spec) {
      case .success(let injection): plan.injections.append(injection)
      case .failure(let error): throw UsageError(.invalidValue, option: "--inject", error.message)
      }
    }
    if let seed = try parsed.get(TwinOptions.seed) { plan.seed = seed }
    if parsed.given(TwinOptions.injectFirst.spec) {
      plan.injectFirst = try parsed.get(TwinOptions.injectFirst)
    }
    plan.retryAfterSeconds = try parsed.get(TwinOptions.retryAfter)
    plan.slowMs = try parsed.get(TwinOptions.slowMs)
    return plan
  }

  /// `--models FILE`, else the suite's model variables beside the common upstream ids.
  static func models(_ parsed: ParsedArguments) throws(UsageError) -> ModelAccess {
    if let file = try parsed.get(TwinOptions.models) {
      guard let data = FileManager.default.contents(atPath: file) else {
        throw UsageError(
          .unusableFile, option: "--models",
          "--models: cannot read \(file); give a JSON file of model ids")
      }
      do throws(ModelFileError) {
        return try ModelAccess.parse([UInt8](data), file: file)
      } catch {
        throw UsageError(.unusableFile, option: "--models", "--models " + error.message)
      }
    }
    var access = ModelAccess(available: ModelAccess.common)
    let variables = Defaults.scenariosDirectory + "/variables.json"
    if let data = FileManager.default.contents(atPath: variables),
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
