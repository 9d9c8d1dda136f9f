import ConformanceCore

/// `report.md`: a summary fit for a CI job summary page (GitHub's `$GITHUB_STEP_SUMMARY`, GitLab's artifacts).
public enum MarkdownReport {
  /// The report; `sinceBaseline` (the Markdown of a `ReportDiff`) goes right after the header.
  public static func render(_ run: RunResult, sinceBaseline: String? = nil) -> String {
    let s = run.summary
    let mark = s.allPassed ? "✅" : "❌"
    var out = "# \(mark) AnyInt conformance: \(Wording.summaryLine(s))\n\n"
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
      "\(target) · started \(JSONReport.timestamp(run.startedAt)) · \(s.total) scenarios in \(Wording.duration(run.durationMs)) · \(ToolInfo.name) \(ToolInfo.version)\n\n"
    if let sinceBaseline { out += sinceBaseline + (sinceBaseline.hasSuffix("\n\n") ? "" : "\n") }

    let problems = run.scenarios.indices.filter {
      run.scenarios[$0].outcome == .failed || run.scenarios[$0].outcome == .errored
    }
    if !problems.isEmpty {
      out += "## Failures\n\n"
      for i in problems {
        let r = run.scenarios[i]
        out += "### \(r.outcome == .failed ? "❌" : "⚠️") `\(r.id)`\n\n"
        out += "\(r.summary) · `\(cell(r.source.description))`\n\n"
        if let req = r.request {
          out +=
            "- request: `\(req.method) \(cell(req.target))` (auth `\(req.auth.rawValue)`, key `\(req.key.rawValue)`)\n"
        }
        if r.observed != nil || r.situation != nil {
          out += "- answer: \(cell(Wording.answerLine(r)))\n"
        }
        if let o = r.observed, let w = Wording.wireLine(o) { out += "- wire: \(cell(w))\n" }
        if let m = r.message { out += "- errored: \(cell(m))\n" }
        for f in r.failures {
          var line =
            "- **\(cell(f.check))**: expected `\(code(f.expected))`, actual `\(code(f.actual))`"
          if let ref = f.ref { line += " (at `\(cell(ref.description))`)" }
          if let n = f.note { line += " · \(cell(n))" }
          out += line + "\n"
        }
        if let g = r.guidance, r.situation != .success { out += "- guidance: \(cell(g))\n" }
        for d in r.diagnoses { out += "- diagnosis `\(d.id)`: \(cell(d.message))\n" }
        out += "\n"
      }
    }

    out += "## Results\n\n"
    out +=
      "| | scenario | status | envelope | situation | retry | time |\n|---|---|---|---|---|---|---|\n"
    for r in run.scenarios {
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
        "| \(icon) | `\(cell(r.id))` | \(status) | \(envelope) | \(r.situation?.rawValue ?? "-") | \(r.retry?.rawValue ?? "-") | \(Wording.duration(r.durationMs)) |\n"
    }

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
      for r in withFindings {
        for f in r.findings { out += "| `\(cell(r.id))` | `\(f.id)` | \(cell(f.message)) |\n" }
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
    return out
  }

  /// Live runs: the HTTP version and where the time went, per exchange (each time from the request's start).
  static func timings(_ run: RunResult) -> String {
    var rows = ""
    func row(_ id: String, _ o: Observed?) {
      guard let o, o.httpVersion != nil || o.timings != nil else { return }
      let t = o.timings
      let cells = [t?.dnsMs, t?.connectMs, t?.tlsMs, t?.firstByteMs, t?.totalMs].map {
        $0.map(Wording.duration) ?? "-"
      }
      rows +=
        "| `\(cell(id))` | \(o.httpVersion ?? "-") | " + cells.joined(separator: " | ") + " |\n"
    }
    for r in run.scenarios {
      row(r.id, r.observed)
      for step in r.steps { row("\(r.id) / \(step.id)", step.record.observed) }
    }
    guard !rows.isEmpty else { return "" }
    return
      "\n## Timings\n\nMilliseconds from the start of each request to the end of each phase (a reused connection has no dns, connect or tls phase).\n\n| exchange | HTTP | dns | connect | tls | first byte | total |\n|---|---|---|---|---|---|---|\n"
      + rows
  }

  /// Text safe inside a table cell: pipes escaped, line breaks folded.
  static func cell(_ s: String) -> String {
    s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
  }

  /// Text safe inside inline code in a table cell.
  static func code(_ s: String) -> String {
    cell(s).replacingOccurrences(of: "`", with: "'")
  }
}
