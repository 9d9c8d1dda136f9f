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
    var options = plan.options
    options.redactor = cli.secrets.redactor
    let runner = Runner(transport: plan.transport, options: options)
    let consoleOn = plan.formats.contains(.console)
    let console = cli.console(verbose: !plan.quiet)
    let cli = self.cli
    let printer = OrderedPrinter(count: plan.scenarios.count) { r in
      if consoleOn { cli.out(console.line(for: r)) }
    }
    let (startedAt, watch) = plan.began ?? (Date(), Stopwatch())
    let pending = plan.scenarios.indices.filter { plan.precomputed[plan.scenarios[$0].id] == nil }
    var known = plan.scenarios.map { plan.precomputed[$0.id] }
    for (i, r) in known.enumerated() { if let r { printer.deliver(i, r) } }
    let toRun = pending.map { plan.scenarios[$0] }
    // The first SIGINT or SIGTERM cancels this task: what finished is kept, the rest is skipped.
    let ran = await Interruption.shared.cancellable {
      await runner.run(toRun) { j, r in printer.deliver(pending[j], r) }
    }
    for (j, r) in ran.enumerated() { known[pending[j]] = r }
    var results = known.compactMap { $0 }
    for i in results.indices { results[i].index = plan.indices.map { $0[i] } ?? i }
    var run = RunResult(
      target: plan.target, startedAt: startedAt, durationMs: watch.elapsedMs, scenarios: results)
    run.runId = plan.options.variables.builtIns[VariableSources.runID] ?? ""
    run.interrupted = Interruption.shared.signalName

    var notes: [String] = []
    if let extra = extraNote?(run) { notes.append(extra) }
    var render = RenderOptions()
    if plan.formats.contains(.html) {
      for s in plan.scenarios where render.expectations[s.id] == nil {
        render.expectations[s.id] = ExpectationList.json(for: s)
      }
    }
    if let baseline = plan.baseline {
      let diff = baseline.compare(run)
      render.baseline = diff
      notes.append(Baseline.consoleNote(diff, color: console.style.color))
    }
    do {
      defer { plan.lock?.release() }
      let written = try ReportDirectory.write(
        run, formats: plan.formats, to: plan.reportDir, options: render,
        redactor: cli.secrets.redactor)
      if !written.isEmpty { notes.append("reports: " + written.joined(separator: ", ")) }
    } catch {
      cli.err("error: \(String(describing: error).escapingControlCharacters)\n")
      return (run, .invalidInput)
    }
    if plan.formats.contains(.github) { cli.out(GitHubReport.render(run)) }
    if consoleOn {
      // A signal during the write phase is shown too (the reports were already whole).
      var shown = run
      shown.interrupted = Interruption.shared.signalName
      cli.out(
        console.footer(shown, reportNote: notes.isEmpty ? nil : notes.joined(separator: "\n")))
    }
    // A signal at any point, the write phase included, ends the process with 130 (SIGINT) or 143 (SIGTERM).
    if let code = Interruption.shared.exitCode { return (run, code) }
    return (run, run.summary.allPassed ? .success : .failure)
  }
}
