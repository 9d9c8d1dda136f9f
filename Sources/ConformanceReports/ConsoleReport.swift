import ConformanceCore

/// How console output looks: colour (only on a terminal, never with `NO_COLOR`), and whether passed scenarios
/// get a line each.
public struct ConsoleStyle: Sendable {
  public var color: Bool
  public var verbose: Bool
  /// `run --verbose`: each exchange's HTTP version and timings under its scenario's line.
  public var wire: Bool

  public init(color: Bool = false, verbose: Bool = true, wire: Bool = false) {
    self.color = color
    self.verbose = verbose
    self.wire = wire
  }

  /// Colour when stdout is a terminal, `TERM` is not `dumb` and `NO_COLOR` is unset or empty.
  public static func detect(isTTY: Bool, environment: [String: String]) -> Bool {
    guard isTTY else { return false }
    if let nc = environment["NO_COLOR"], !nc.isEmpty { return false }
    if environment["TERM"] == "dumb" { return false }
    return true
  }
}

/// Console output: a line per scenario as it finishes, the failures with expected and actual, and a final
/// `N passed, N failed` line.
public struct ConsoleReport: Sendable {
  public let style: ConsoleStyle

  public init(style: ConsoleStyle) { self.style = style }

  /// The whole run at once (the CLI prints `line(for:)` live and `footer` at the end instead).
  public func render(_ run: RunResult) -> String {
    var out = ""
    for r in run.scenarios { out += line(for: r) }
    out += footer(run, reportNote: nil)
    return out
  }

  /// The lines for one scenario: nothing for a pass unless verbose; failures in full.
  public func line(for r: ScenarioResult) -> String {
    let label: String
    switch r.outcome {
    case .passed: label = paint("PASS ", 32)
    case .failed: label = paint("FAIL ", 31)
    case .errored: label = paint("ERROR", 33)
    case .skipped: label = paint("SKIP ", 90)
    }
    // Quiet shows failures only: a pass or a skip (a whole interrupted remainder) gets no line.
    if (r.outcome == .passed || r.outcome == .skipped) && !style.verbose { return "" }
    var out = "\(label) \(r.id.escapingControlCharacters)"
    let answer = Wording.answerLine(r).escapingControlCharacters
    if !answer.isEmpty { out += "  " + paint(answer, 90) }
    var time = "  " + Wording.duration(r.durationMs)
    if let retried = Self.retries(of: r) {
      time +=
        ", after \(Wording.count(retried.count, "retry", plural: "retries")) (waited \(Wording.format2(Double(retried.waitedMs) / 1000)) s)"
    }
    out += paint(time, 90) + "\n"
    if style.wire {
      if let o = r.observed, let w = Wording.wireLine(o) { out += "      " + paint(w, 90) + "\n" }
      for step in r.steps {
        if let o = step.record.observed, let w = Wording.wireLine(o) {
          out += "      " + paint("\(step.id): \(w)", 90) + "\n"
        }
      }
    }
    if r.outcome == .errored, let m = r.message {
      out +=
        "      \(m.escapingControlCharacters)\n      at \(r.source.description.escapingControlCharacters)\n"
    }
    for f in r.failures {
      out +=
        "      \(f.check.escapingControlCharacters): expected \(paint(f.expected.escapingControlCharacters, 32)), actual \(paint(f.actual.escapingControlCharacters, 31))\n"
      if let ref = f.ref { out += "        at \(ref.description.escapingControlCharacters)\n" }
      if let n = f.note { out += "        note: \(n.escapingControlCharacters)\n" }
    }
    if r.outcome == .failed, let excerpt = r.observed?.bodyExcerpt {
      let oneLine = excerpt.replacingOccurrences(of: "\n", with: " ").escapingControlCharacters
      out +=
        "      "
        + paint(
          "body: " + (oneLine.count > 160 ? String(oneLine.prefix(157)) + "..." : oneLine), 90)
        + "\n"
    }
    for d in r.diagnoses where r.outcome != .passed || style.verbose {
      out +=
        "      " + paint("diagnosis \(d.id): \(d.message)".escapingControlCharacters, 36) + "\n"
    }
    for f in r.findings where style.verbose {
      out += "      " + paint("finding \(f.id): \(f.message)".escapingControlCharacters, 35) + "\n"
    }
    if r.outcome == .failed || r.outcome == .errored, let s = r.situation, s != .success {
      out +=
        "      "
        + paint(
          "retry table: \(s.rawValue) -> \(r.retry?.rawValue ?? "no decision"): \(r.guidance ?? "")"
            .escapingControlCharacters,
          90) + "\n"
    }
    return out
  }

  /// How often a scenario's requests were retried (`--retries`) and how long it waited between tries; nil when
  /// nothing was retried. Polls are not retries.
  static func retries(of r: ScenarioResult) -> (count: Int, waitedMs: Int)? {
    let records = r.steps.isEmpty ? [r.record] : r.steps.filter { $0.kind != .poll }.map(\.record)
    var count = 0
    var waited = 0
    for record in records where record.attempts.count > 1 {
      count += record.attempts.count - 1
      waited += record.attempts.reduce(0) { $0 + $1.delayMs }
    }
    return count > 0 ? (count, waited) : nil
  }

  /// The closing lines; the last is always `N passed, N failed[, N errored][, N skipped] (N scenarios in T)`,
  /// followed by ` (interrupted by SIGINT)` when a signal stopped the run.
  public func footer(_ run: RunResult, reportNote: String?) -> String {
    var out = ""
    if let reportNote {
      // One line per note; a path or message in one can hold anything, so each line escapes.
      out +=
        reportNote.split(separator: "\n", omittingEmptySubsequences: false).map {
          String($0).escapingControlCharacters
        }.joined(separator: "\n") + "\n"
    }
    let s = run.summary
    let findings = run.scenarios.reduce(0) { $0 + $1.findings.count }
    if findings > 0 {
      let kinds = Set(run.scenarios.flatMap { $0.findings.map(\.id.rawValue) }).sorted()
      out +=
        "\(findings) finding\(findings == 1 ? "" : "s") about the gateway (\(kinds.joined(separator: ", ").escapingControlCharacters)); see the reports, and 'explain ID' for what one means\n"
    }
    let text =
      Wording.summaryLine(s)
      + " (\(Wording.count(s.total, "scenario")) in \(Wording.duration(run.durationMs)))"
      + (run.interrupted.map { " (interrupted by \($0.escapingControlCharacters))" } ?? "")
    out += paint(text, s.allPassed ? 32 : 31) + "\n"
    return out
  }

  func paint(_ s: String, _ code: Int) -> String {
    style.color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s
  }
}
