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
    let console = cli.console(verbose: !plan.quiet, wire: plan.verbose)
    let cli = self.cli
    let printer = OrderedPrinter(count: plan.scenarios.count) { r in
      if consoleOn { cli.out(console.line(for: r)) }
    }
    let startedAt = Date()
    let watch = Stopwatch()
    var results = await runner.run(plan.scenarios) { i, r in printer.deliver(i, r) }
    for i in results.indices { results[i].index = plan.indices.map { $0[i] } ?? i }
    let run = RunResult(
      target: plan.target, startedAt: startedAt, durationMs: watch.elapsedMs, scenarios: results)

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
      let written = try ReportDirectory.write(
        run, formats: plan.formats, to: plan.reportDir, options: render,
        redactor: cli.secrets.redactor)
      if !written.isEmpty { notes.append("reports: " + written.joined(separator: ", ")) }
    } catch {
      cli.err("error: \(error)\n")
      return (run, .invalidInput)
    }
    if plan.formats.contains(.github) { cli.out(GitHubReport.render(run)) }
    if consoleOn {
      cli.out(
        console.footer(run, reportNote: notes.isEmpty ? nil : notes.joined(separator: "\n")))
    }
    return (run, run.summary.allPassed ? .success : .failure)
  }
}
