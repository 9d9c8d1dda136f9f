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
  /// `run --verbose`: each exchange's HTTP version and timings on the console.
  var verbose = false
  /// Each scenario's position in the whole selection, when this run is one shard; nil runs them all.
  var indices: [Int]? = nil
  /// The earlier run to compare with (`run --baseline`).
  var baseline: Baseline? = nil

  /// A plan for the selected scenarios with the command line's limits and output, `variables.json` values and a
  /// fresh `run_id`.
  init(
    scenarios: [Scenario], fileVariables: [String: String], variables: VariableSources,
    limits: LimitOptions, output: OutputOptions, retries: Int, credentials: Credentials,
    transport: any Transport, target: TargetInfo, callbacks: CallbackHub?,
    catalog: RouteCatalog
  ) {
    var options = RunOptions(
      concurrency: limits.concurrency, requestTimeoutMs: limits.requestTimeoutMs,
      scenarioTimeoutMs: limits.scenarioTimeoutMs, retries: retries, credentials: credentials,
      variables: variables)
    options.callbacks = callbacks
    options.models = ModelCatalog(transport: transport, credentials: credentials, catalog: catalog)
    options.catalog = catalog
    options.variables.file = fileVariables
    options.variables.builtIns[VariableSources.runID] = UUID().uuidString.lowercased()
    self.scenarios = scenarios
    self.options = options
    self.target = target
    self.transport = transport
    formats = output.formats
    reportDir = output.reportDir
    quiet = output.quiet
  }

  /// Fails before anything is sent when the report files could not be written after the run.
  func checkReportDirectory() throws(UsageError) {
    guard formats.contains(where: { $0.fileName != nil }) else { return }
    try RunPlan.checkWritable(reportDir, option: OutputOptions.reportDir.name)
  }

  static func checkWritable(_ directory: String, option: String) throws(UsageError) {
    do {
      try ReportDirectory.checkWritable(directory)
    } catch {
      throw UsageError(.unusableFile, option: option, "\(option): \(error); nothing was sent")
    }
  }
}
