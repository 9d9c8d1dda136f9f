import Foundation

/// How a run behaves.
public struct RunOptions: Sendable {
  public var concurrency: Int
  /// Per-request limit when a scenario sets none.
  public var requestTimeoutMs: Int
  /// Whole-scenario limit when a scenario sets none.
  public var scenarioTimeoutMs: Int
  /// Further attempts allowed on a retryable answer (0: conformance sees the first answer).
  public var retries: Int
  public var retryPolicy: RetryPolicy
  public var credentials: Credentials
  public var variables: VariableSources
  /// Where webhook steps wait for callbacks; nil when the run has no listener.
  public var callbacks: CallbackHub?
  /// The Models API, asked when an answer says a model is unavailable or blocked; nil skips it.
  public var models: ModelCatalog?
  /// What the route families document, and which routes exist.
  public var catalog = RouteCatalog.anyint
  /// The invocation's secrets (the key is added to them), for what the runner cuts: a body excerpt is redacted
  /// before it is cut. All output is redacted again where it leaves the process.
  public var redactor = Redactor(secrets: [Secret]())
  /// `--fail-fast`: stop starting scenarios after the first one that failed or errored.
  public var failFast = false
  /// Where the run is told to stop early (`--fail-fast`, an interruption).
  public var stop = RunStop()
  /// `--rate N`: every request waits for its slot; nil sends as fast as the concurrency allows.
  public var pacer: Pacer?
  /// `--verbose`: every exchange is kept here, redacted, for the console.
  public var exchangeLog: ExchangeLog?

  public init(
    concurrency: Int = ProcessInfo.processInfo.activeProcessorCount,
    requestTimeoutMs: Int = Defaults.requestTimeoutMs,
    scenarioTimeoutMs: Int = Defaults.scenarioTimeoutMs,
    retries: Int = 0, retryPolicy: RetryPolicy = RetryPolicy(),
    credentials: Credentials = Credentials(validKey: Credentials.fixtureKey),
    variables: VariableSources = VariableSources()
  ) {
    self.concurrency = max(1, concurrency)
    self.requestTimeoutMs = requestTimeoutMs
    self.scenarioTimeoutMs = scenarioTimeoutMs
    self.retries = retries
    self.retryPolicy = retryPolicy
    self.credentials = credentials
    self.variables = variables
  }
}
