import ConformanceCore
import ConformanceReports
import Foundation

/// Everything a run needs, decided before anything is sent.
struct RunPlan {
  var scenarios: [Scenario]
  var options: RunOptions
  var target: TargetInfo
  var transport: any Transport
  var formats: [ReportFormat]
  var reportDir: String
  var quiet: Bool
  /// `--verbose`: each exchange under its scenario's line.
  var verbose: Bool
  var color: OutputOptions.ColorMode
  /// Each scenario's position in the whole selection, when this run is one shard; nil runs them all.
  var indices: [Int]? = nil
  /// The claim on the report directory, released once the reports are written.
  var lock: ReportLock? = nil
  /// Results already known (record --mode missing replayed them), by scenario id: not run again.
  var precomputed: [String: ScenarioResult] = [:]
  /// When the run began, if before `perform` (record's offline replay comes first).
  var began: (at: Date, watch: Stopwatch)? = nil
  /// How many times the selection is run (`--repeat`), for the opening line.
  var passes = 1
  /// The earlier run to compare with (`run --baseline`).
  var baseline: Baseline? = nil

  /// A plan for the selected scenarios with the command line's limits, controls and output, the variables files'
  /// values and a fresh `run_id`.
  init(
    scenarios: [Scenario], variables: VariableSources, concurrency: Int, limits: LimitOptions,
    control: RunControlOptions, output: OutputOptions, retries: Int, credentials: Credentials,
    transport: any Transport, target: TargetInfo, callbacks: CallbackHub?,
    catalog: RouteCatalog
  ) {
    var credentials = credentials
    credentials.headers = control.headers
    let pacer = control.rate.map(Pacer.init(perSecond:))
    var options = RunOptions(
      concurrency: concurrency, requestTimeoutMs: limits.requestTimeoutMs,
      scenarioTimeoutMs: limits.scenarioTimeoutMs, retries: retries, credentials: credentials,
      variables: variables)
    options.callbacks = callbacks
    options.models = ModelCatalog(
      transport: transport, credentials: credentials, catalog: catalog, pacer: pacer)
    options.catalog = catalog
    options.failFast = control.failFast
    options.pacer = pacer
    options.exchangeLog = output.verbose ? ExchangeLog() : nil
    options.variables.builtIns[VariableSources.runID] = UUID().uuidString.lowercased()
    self.scenarios = scenarios
    self.options = options
    self.target = target
    self.transport = transport
    formats = output.formats
    reportDir = output.reportDir
    quiet = output.quiet
    verbose = output.verbose
    color = output.color
  }

  /// Claims the report directory before anything is sent: creates what is missing, and fails when the files
  /// could not be written after the run (or another run is writing there). Nil when no format writes a file.
  func claimReportDirectory() throws(UsageError) -> ReportLock? {
    guard formats.contains(where: { $0.fileName != nil }) else { return nil }
    return try RunPlan.claim(reportDir, option: OutputOptions.reportDir.name)
  }

  static func checkWritable(_ directory: String, option: String) throws(UsageError) {
    do {
      try ReportDirectory.checkWritable(directory)
    } catch {
      throw UsageError(.unusableFile, option: option, "\(option): \(error); nothing was sent")
    }
  }

  static func claim(_ directory: String, option: String) throws(UsageError) -> ReportLock {
    do {
      return try ReportLock.claim(directory)
    } catch {
      throw UsageError(.unusableFile, option: option, "\(option): \(error); nothing was sent")
    }
  }
}
