/// The defaults the tool documents, named once: options, help texts and the core read them from here.
public enum Defaults {
  /// Per-request limit when a scenario sets none.
  public static let requestTimeoutMs = 30_000
  /// Whole-scenario limit when a scenario sets none.
  public static let scenarioTimeoutMs = 120_000
  /// Scenarios in flight against a live gateway when `--concurrency` is not given (fixture runs: the cores).
  public static let liveConcurrency = 8
  /// How often a poll step re-sends its GET, and for how long, when it sets neither.
  public static let pollIntervalMs = 5_000
  public static let pollTimeoutMs = 600_000
  /// How long a webhook step waits for its callback when it sets no `timeoutMs`.
  public static let webhookTimeoutMs = 600_000
  public static let scenariosDirectory = "scenarios"
  public static let fixturesDirectory = "Fixtures"
  /// Where `record` writes, a set of its own beside the shipped fixtures.
  public static let recordedFixturesDirectory = "Fixtures/recorded"
  public static let reportDirectory = "Reports"
  /// The environment variable holding the key of a live gateway.
  public static let keyVariable = "ANYINT_API_KEY"
  /// The environment variable holding a live gateway's URL.
  public static let baseURLVariable = "ANYINT_BASE_URL"
  /// Where listeners bind unless told otherwise: this machine only.
  public static let loopbackHost = "127.0.0.1"
}
