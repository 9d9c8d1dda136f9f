import ConformanceCore
import MockServer

/// How `mock serve` serves a fixture set: where it listens, its pacing, its limits and its request log.
struct MockServeOptions {
  /// nil when not given: `mock serve` then serves `Defaults.fixturesDirectory`, and the contract twin
  /// (`--contract`, `check-client`) serves no fixtures.
  static let fixtures: Option<String?> = .value(
    "--fixtures", "DIR",
    "fixture set to serve (default \(Defaults.fixturesDirectory); with --contract only when given, and it answers first)"
  )
  static let port: Option<Int> = .integer(
    "--port", default: 0, range: 0...65_535, "port to listen on; 0 picks a free one (default 0)")
  static let host: Option<String> = .value(
    "--host", "H", default: Defaults.loopbackHost,
    "address to bind (default \(Defaults.loopbackHost))")
  static let delay: Option<Int> = .integer(
    "--delay-ms", default: 0, range: 0...3_600_000,
    "add N ms before every answer, to model a slower gateway (default 0)")
  static let noDelays: Option<Bool> = .flag(
    "--no-delays", "answer without the recorded delays and chunk pacing (callbacks come at once)")
  static let maxBodyBytes: Option<Int> = .integer(
    "--max-body-bytes", default: MockServerConfiguration.Limits().maxBodyBytes,
    range: 0...(1 << 40),
    "refuse larger request bodies with 413 (default \(MockServerConfiguration.Limits().maxBodyBytes))"
  )
  static let logRequests: Option<String?> = .value(
    "--log-requests", "FILE",
    "append a JSON line per answered request: time, method, target, auth, key kind, status, fixture"
  )

  static let options =
    [
      fixtures.spec, port.spec, host.spec, delay.spec, noDelays.spec, maxBodyBytes.spec,
      logRequests.spec,
    ] + SecretOptions.options

  var fixtures: String?
  var configuration: MockServerConfiguration
  var logFile: String?

  init(_ parsed: ParsedArguments, environment: [String: String]) throws(UsageError) {
    configuration = MockServerConfiguration(
      validKey: MockServerConfiguration.validKey(environment: environment))
    configuration.port = try parsed.get(Self.port)
    configuration.host = try parsed.get(Self.host)
    configuration.extraDelayMs = try parsed.get(Self.delay)
    configuration.honourDelays = !(try parsed.get(Self.noDelays))
    configuration.limits.maxBodyBytes = try parsed.get(Self.maxBodyBytes)
    if configuration.host.isEmpty {
      throw UsageError(
        .invalidValue, option: Self.host.name, "--host needs an address, such as 127.0.0.1")
    }
    fixtures = try parsed.get(Self.fixtures)
    logFile = try parsed.get(Self.logRequests)
  }
}
