import ConformanceCore
import ConformanceReports
import Foundation

/// The front end `run` and `record` share (as swift-format's `Frontend`): runs a plan, prints a console line per
/// scenario in input order as results arrive, writes the report files, then prints the summary.
struct RunFrontend {
  let cli: CLI

  /// Runs a plan; `extraNote` adds a line to the summary once the run is done (record's fixture count).
  func perform(_ plan: RunPlan, extraNote: (@Sendable (RunResult) -> String?)? = nil) async -> (
    RunResult, ExitCode
  ) {
    let runner = Runner(transport: plan.transport, options: plan.options)
    let consoleOn = plan.formats.contains(.console)
    let console = cli.console(verbose: !plan.quiet)
    let terminal = cli.terminal
    let printer = OrderedPrinter(count: plan.scenarios.count) { r in
      if consoleOn { terminal.out(console.line(for: r)) }
    }
    let (startedAt, watch) = plan.began ?? (Date(), Stopwatch())
    let pending = plan.scenarios.indices.filter { plan.precomputed[plan.scenarios[$0].id] == nil }
    var known = plan.scenarios.map { plan.precomputed[$0.id] }
    for (i, r) in known.enumerated() { if let r { printer.deliver(i, r) } }
    let ran = await runner.run(pending.map { plan.scenarios[$0] }) { j, r in
      printer.deliver(pending[j], r)
    }
    for (j, r) in ran.enumerated() { known[pending[j]] = r }
    var results = known.compactMap { $0 }
    for i in results.indices { results[i].index = plan.indices.map { $0[i] } ?? i }
    var run = RunResult(
      target: plan.target, startedAt: startedAt, durationMs: watch.elapsedMs, scenarios: results)
    run.runId = plan.options.variables.builtIns[VariableSources.runID] ?? ""

    var notes: [String] = []
    if let extra = extraNote?(run) { notes.append(extra) }
    do {
      defer { plan.lock?.release() }
      let written = try ReportDirectory.write(run, formats: plan.formats, to: plan.reportDir)
      if !written.isEmpty { notes.append("reports: " + written.joined(separator: ", ")) }
    } catch {
      cli.terminal.err("error: \(String(describing: error).escapingControlCharacters)\n")
      return (run, .invalidInput)
    }
    if plan.formats.contains(.github) { cli.terminal.out(GitHubReport.render(run)) }
    if consoleOn {
      cli.terminal.out(
        console.footer(run, reportNote: notes.isEmpty ? nil : notes.joined(separator: "\n")))
    }
    return (run, run.summary.allPassed ? .success : .failure)
  }
}
