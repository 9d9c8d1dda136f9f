import ConformanceCore

/// `report.md`: a summary fit for a CI job summary page (GitHub's `$GITHUB_STEP_SUMMARY`, GitLab's artifacts).
///
/// It stays under GitHub's 1 MiB job-summary limit whatever the run: the failures come first (the first 200, then
/// a count), the full results table is folded in a `<details>` block of at most 1,000 rows, long texts are cut,
/// and each section has a byte budget. report.json always has everything.
public enum MarkdownReport {
  static let failureLimit = 200
  static let resultRowLimit = 1_000
  static let findingRowLimit = 200
  /// Failed checks and diagnoses shown per scenario.
  static let checkLimit = 20
  /// Characters of a summary, message, expected or actual value, and of an id.
  static let textLimit = 300
  static let idLimit = 120
  /// Bytes the failures may take, and the results table.
  static let failuresBudget = 400_000
  static let resultsBudget = 330_000

  /// Bytes the comparison with a baseline may take.
  static let baselineBudget = 150_000
  /// Exchanges in the timings table of a live run, and the bytes it may take.
  static let timingRowLimit = 100
  static let timingsBudget = 30_000

  /// The report; `sinceBaseline` (the Markdown of a `ReportDiff`) goes right after the header.
  public static func render(_ run: RunResult, sinceBaseline: String? = nil) -> String {
    var bytes: [UInt8] = []
    render(run, sinceBaseline: sinceBaseline, into: &bytes, flush: { _ in })
    return String(decoding: bytes, as: UTF8.self)
  }

  /// The same text as `render(_:sinceBaseline:)` as UTF-8, appended to `bytes` (the streaming writers' form).
  public static func render(
    _ run: RunResult, sinceBaseline: String? = nil, into bytes: inout [UInt8],
    flush: (inout [UInt8]) -> Void
  ) {
    // report.md is held under 1 MiB by its budgets (which measure `out`), so it is built whole and handed over
    // at the end.
    var out = ""
    let s = run.summary
    let mark = s.allPassed ? "✅" : "❌"
    out = "# \(mark) AnyInt conformance: \(Wording.summaryLine(s))\n\n"
    var target = "Target: **\(run.target.kind)**"
    if let b = run.target.baseURL { target += " `\(cell(b))`" }
    if let f = run.target.fixtures { target += " (fixtures `\(cell(f))`)" }
    if let c = run.target.connection {
      if let p = c.proxy { target += " via proxy `\(cell(p))`" }
      if c.insecure { target += " · **certificates not verified (--insecure)**" }
      for r in c.rewrites {
        target +=
          " · path prefix `\(code(r.from))` "
          + (r.to.isEmpty ? "dropped" : "sent as `\(code(r.to))`")
      }
    }
    out +=
      "\(target) · started \(JSONReport.timestamp(run.startedAt)) · \(Wording.count(s.total, "scenario")) in \(Wording.duration(run.durationMs)) · \(ToolInfo.name) \(ToolInfo.version)\n\n"
    if let signal = run.interrupted {
      out +=
        "**Interrupted by \(cell(signal))**: scenarios that had not finished are skipped (reason `interrupted`; \(s.skipped) skipped in all).\n\n"
    }
    if let sinceBaseline {
      out += budgeted(sinceBaseline, baselineBudget)
      if !sinceBaseline.hasSuffix("\n\n") { out += "\n" }
    }

    let problems = run.scenarios.indices.filter {
      run.scenarios[$0].outcome == .failed || run.scenarios[$0].outcome == .errored
    }
    if !problems.isEmpty {
      out += "## Failures\n\n"
      let start = out.utf8.count
      var shown = 0
      for i in problems.prefix(failureLimit) {
        guard out.utf8.count - start < failuresBudget else { break }
        out += failure(run.scenarios[i])
        shown += 1
      }
      if shown < problems.count {
        out +=
          "_\(Wording.count(problems.count - shown, "more failed or errored scenario")) not shown here (report.md stays under 1 MiB for CI job summaries); report.json has every one._\n\n"
      }
    }

    out += "## Results\n\n"
    out +=
      "<details><summary>\(Wording.count(run.scenarios.count, "result")): \(Wording.summaryLine(s))</summary>\n\n"
    out +=
      "| | scenario | status | envelope | situation | retry | time |\n|---|---|---|---|---|---|---|\n"
    let tableStart = out.utf8.count
    var rows = 0
    for r in run.scenarios {
      guard rows < resultRowLimit, out.utf8.count - tableStart < resultsBudget else { break }
      rows += 1
      let icon: String
      switch r.outcome {
      case .passed: icon = "✅"
      case .failed: icon = "❌"
      case .errored: icon = "⚠️"
      case .skipped: icon = "⏭️"
      }
      let status = r.observed.map { "\($0.status)" } ?? "-"
      let envelope = r.observed.map { $0.envelope.rawValue } ?? "-"
      out +=
        "| \(icon) | `\(code(clip(r.id, idLimit)))` | \(status) | \(envelope) | \(r.situation?.rawValue ?? "-") | \(r.retry?.rawValue ?? "-") | \(Wording.duration(r.durationMs)) |\n"
    }

    if rows < run.scenarios.count {
      out +=
        "\n_The first \(rows) of \(Wording.count(run.scenarios.count, "result")) are shown; report.json has them all._\n"
    }
    out += "\n</details>\n"
    out += timings(run)

    var tally: [Situation: Int] = [:]
    for r in run.scenarios {
      if let s = r.situation { tally[s, default: 0] += 1 }
    }
    let counts = Situation.allCases.compactMap { s in tally[s].map { (s, $0) } }
    let withFindings = run.scenarios.filter { !$0.findings.isEmpty }
    if !withFindings.isEmpty {
      out +=
        "\n## Findings about the gateway\n\nUndocumented behaviour, and places where AnyInt's docs and the official SDKs disagree; `anyint-conformance explain ID` says what each id means and what to do.\n\n"
      out += "| scenario | finding | detail |\n|---|---|---|\n"
      let all = withFindings.flatMap { r in r.findings.map { (r.id, $0) } }
      for (id, f) in all.prefix(findingRowLimit) {
        out +=
          "| `\(code(clip(id, idLimit)))` | `\(f.id)` | \(cell(clip(f.message, textLimit))) |\n"
      }
      if all.count > findingRowLimit {
        out +=
          "\n_The first \(findingRowLimit) of \(Wording.count(all.count, "finding")) are shown; report.json has them all._\n"
      }
    }
    if !counts.isEmpty {
      out +=
        "\n## Answers by retry-table row\n\n| situation | retry | answers | guidance |\n|---|---|---|---|\n"
      for (situation, n) in counts {
        let row = RetryTable.row(for: situation)
        out +=
          "| \(situation.rawValue) | \(row.decision?.rawValue ?? "-") | \(n) | \(cell(row.guidance)) |\n"
      }
    }
    // The last line ties this file to the report.json and junit.xml of the same run.
    out += "\nrun id: \(cell(run.runId))\n"
    bytes.append(contentsOf: out.utf8)
  }

  /// Live runs: the HTTP version and where the time went, per exchange (each time from the request's start); the
  /// first `timingRowLimit` exchanges within `timingsBudget` bytes, folded like the results.
  static func timings(_ run: RunResult) -> String {
    var rows = ""
    var shown = 0
    var total = 0
    func row(_ id: String, _ o: Observed?) {
      guard let o, o.httpVersion != nil || o.timings != nil else { return }
      total += 1
      guard shown < timingRowLimit, rows.utf8.count < timingsBudget else { return }
      shown += 1
      let t = o.timings
      let cells = [t?.dnsMs, t?.connectMs, t?.tlsMs, t?.firstByteMs, t?.totalMs].map {
        $0.map(Wording.duration) ?? "-"
      }
      rows +=
        "| `\(code(clip(id, idLimit)))` | \(o.httpVersion ?? "-") | "
        + cells.joined(separator: " | ")
        + " |\n"
    }
    for r in run.scenarios {
      row(r.id, r.observed)
      for step in r.steps { row("\(r.id) / \(step.id)", step.record.observed) }
    }
    guard !rows.isEmpty else { return "" }
    var out =
      "\n## Timings\n\n<details><summary>\(Wording.count(total, "live exchange")): HTTP version and milliseconds from the start of each request to the end of each phase (a reused connection has no dns, connect or tls phase)</summary>\n\n| exchange | HTTP | dns | connect | tls | first byte | total |\n|---|---|---|---|---|---|---|\n"
      + rows
    if shown < total {
      out +=
        "\n_The first \(shown) of \(Wording.count(total, "exchange")) are shown; report.json has them all._\n"
    }
    return out + "\n</details>\n"
  }

  /// One failed or errored scenario's section, with its long texts cut and at most `checkLimit` checks.
  static func failure(_ r: ScenarioResult) -> String {
    var out = "### \(r.outcome == .failed ? "❌" : "⚠️") `\(code(clip(r.id, idLimit)))`\n\n"
    out += "\(cell(clip(r.summary, textLimit))) · `\(code(r.source.description))`\n\n"
    if let req = r.request {
      out +=
        "- request: `\(req.method) \(code(clip(req.target, textLimit)))` (auth `\(req.auth.rawValue)`, key `\(req.key.rawValue)`)\n"
    }
    if r.observed != nil || r.situation != nil {
      out += "- answer: \(cell(Wording.answerLine(r)))\n"
    }
    if let o = r.observed, let w = Wording.wireLine(o) { out += "- wire: \(cell(w))\n" }
    if let m = r.message { out += "- errored: \(cell(clip(m, textLimit)))\n" }
    for f in r.failures.prefix(checkLimit) {
      var line =
        "- **\(cell(clip(f.check, textLimit)))**: expected `\(code(clip(f.expected, textLimit)))`, actual `\(code(clip(f.actual, textLimit)))`"
      if let ref = f.ref { line += " (at `\(cell(ref.description))`)" }
      if let n = f.note { line += " · \(cell(clip(n, textLimit)))" }
      out += line + "\n"
    }
    if r.failures.count > checkLimit {
      out +=
        "- _\(Wording.count(r.failures.count - checkLimit, "more failed check")) in report.json_\n"
    }
    if let g = r.guidance, r.situation != .success { out += "- guidance: \(cell(g))\n" }
    for d in r.diagnoses.prefix(checkLimit) {
      out += "- diagnosis `\(d.id)`: \(cell(clip(d.message, textLimit)))\n"
    }
    return out + "\n"
  }

  /// Markdown cut at the last line break within `bytes`, with a note when cut.
  static func budgeted(_ text: String, _ bytes: Int) -> String {
    guard text.utf8.count > bytes else { return text }
    var cut = String(decoding: text.utf8.prefix(bytes), as: UTF8.self)
    if let end = cut.lastIndex(of: "\n") { cut = String(cut[...end]) }
    return cut + "\n_Cut here to keep report.md under 1 MiB; report.json has the rest._\n\n"
  }

  /// Text cut to `limit` characters, with an ellipsis when cut.
  static func clip(_ s: String, _ limit: Int) -> String {
    s.count <= limit ? s : String(s.prefix(limit - 1)) + "…"
  }

  /// Text safe inside a table cell: pipes escaped, line breaks folded.
  static func cell(_ s: String) -> String {
    // Most cells (ids, summaries) hold neither; a byte scan spares them Foundation's bridged search.
    guard s.utf8.contains(where: { $0 == UInt8(ascii: "|") || $0 == 0x0A }) else { return s }
    return s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
  }

  /// Text safe inside inline code in a table cell.
  static func code(_ s: String) -> String {
    let c = cell(s)
    guard c.utf8.contains(UInt8(ascii: "`")) else { return c }
    return c.replacingOccurrences(of: "`", with: "'")
  }
}
