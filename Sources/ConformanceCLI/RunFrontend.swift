import ConformanceCore
import ConformanceReports
import Foundation

/// The front end `run` and `record` share (as swift-format's `Frontend`): says what it is about to run, runs a
/// plan with progress on standard error, prints a console line per scenario as each finishes (so a slow scenario
/// never holds back the others; every report file keeps input order), writes the report files, then prints the
/// summary.
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
    let console = cli.console(verbose: !plan.quiet, color: plan.color, wire: plan.verbose)
    let tracker = ProgressTracker(total: plan.scenarios.count)
    let writer = ConsoleWriter(
      cli: cli, tracker: tracker,
      mode: ConsoleWriter.mode(quiet: plan.quiet, terminal: cli.terminal))
    let log = plan.options.exchangeLog
    if !plan.quiet { cli.err(Self.opening(plan)) }
    writer.start()
    let (startedAt, watch) = plan.began ?? (Date(), Stopwatch())
    let show: @Sendable (Int, ScenarioResult) -> Void = { i, r in
      tracker.finished(i, r)
      let line = console.line(for: r)
      let exchanges = log.map { console.exchanges($0.take(r.id)) } ?? ""
      guard !line.isEmpty else { return }
      if consoleOn {
        writer.out(line + exchanges)
      } else if !exchanges.isEmpty {
        // --verbose without the console format: the exchanges still show, on standard error.
        writer.err(line + exchanges)
      }
    }
    // Results already known (record --mode missing replayed them) are shown first and not run again.
    let pending = plan.scenarios.indices.filter { plan.precomputed[plan.scenarios[$0].id] == nil }
    var known = plan.scenarios.map { plan.precomputed[$0.id] }
    for (i, r) in known.enumerated() { if let r { show(i, r) } }
    let toRun = pending.map { plan.scenarios[$0] }
    // The first SIGINT or SIGTERM cancels this task: what finished is kept, the rest is skipped.
    let ran = await Interruption.shared.cancellable {
      await runner.run(
        toRun, onStart: { j, s in tracker.started(pending[j], id: s.id) },
        onResult: { j, r in show(pending[j], r) })
    }
    writer.stop()
    for (j, r) in ran.enumerated() { known[pending[j]] = r }
    var results = known.compactMap { $0 }
    for i in results.indices { results[i].index = plan.indices.map { $0[i] } ?? i }
    var run = RunResult(
      target: plan.target, startedAt: startedAt, durationMs: watch.elapsedMs, scenarios: results)
    run.runId = plan.options.variables.builtIns[VariableSources.runID] ?? ""
    run.interrupted = Interruption.shared.signalName

    var notes: [String] = []
    if let reason = plan.options.stop.reason {
      let skipped = results.filter { $0.classificationReason == reason.id }.count
      notes.append(
        "stopped early (\(reason.message.replacingOccurrences(of: "not run: ", with: ""))): \(Wording.count(skipped, "scenario")) not run, reported as skipped"
      )
    }
    if let extra = extraNote?(run) { notes.append(extra) }
    var render = RenderOptions()
    if plan.formats.contains(.html) {
      // Built on every core (each scenario's list is its own), gathered in order: the first of an id wins.
      let scenarios = plan.scenarios
      let lists = Parallel.map(scenarios.count, minimumPerWorker: 256) {
        ExpectationList.json(for: scenarios[$0])
      }
      render.expectations.reserveCapacity(scenarios.count)
      for (s, list) in zip(scenarios, lists) where render.expectations[s.id] == nil {
        render.expectations[s.id] = list
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
    // A signal during the write phase is shown too (the reports were already whole).
    var shown = run
    shown.interrupted = Interruption.shared.signalName
    // The summary is always printed: with the console format on standard output, otherwise on standard error.
    let footer = console.footer(
      shown, reportNote: notes.isEmpty ? nil : notes.joined(separator: "\n"))
    if consoleOn { cli.out(footer) } else { cli.err(footer) }
    LeftForExit.keep(run)
    LeftForExit.keep(render)
    LeftForExit.keep(plan.scenarios)
    // A signal at any point, the write phase included, ends the process with 130 (SIGINT) or 143 (SIGTERM).
    if let code = Interruption.shared.exitCode { return (run, code) }
    return (run, run.summary.allPassed ? .success : .failure)
  }

  /// `running 300 scenarios against live https://api.anyint.ai (concurrency 8, retries 0)`.
  static func opening(_ plan: RunPlan) -> String {
    let target: String
    if let base = plan.target.baseURL {
      target = "\(plan.target.kind) \(base)"
    } else if let fixtures = plan.target.fixtures {
      target = "fixture set \(fixtures)"
    } else {
      target = plan.target.kind
    }
    var settings = [
      "concurrency \(plan.options.concurrency)",
      "retries \(plan.options.retries)",
    ]
    if plan.passes > 1 { settings.append("\(plan.passes) passes (--repeat)") }
    if let pacer = plan.options.pacer {
      settings.append("at most \(ProgressTracker.Snapshot.rate(pacer.perSecond)) requests/s")
    }
    if plan.options.failFast { settings.append("fail-fast") }
    return
      "running \(Wording.count(plan.scenarios.count, "scenario")) against \(target) (\(settings.joined(separator: ", ")))\n"
  }
}
