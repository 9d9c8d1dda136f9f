import ConformanceCore

/// The report formats `run --format` accepts.
public enum ReportFormat: String, CaseIterable, Sendable {
  case console
  case json
  case junit
  case markdown
  /// `report.html`: one self-contained page with charts, filters and a detail view per scenario.
  case html
  /// GitHub Actions annotations on stdout; only when asked for.
  case github

  /// What `--format` means when it is not given.
  public static let defaults: [ReportFormat] = [.console, .json, .junit, .markdown, .html]

  /// The file each file format is written to in the report directory (console and github go to stdout).
  public var fileName: String? {
    switch self {
    case .console: return nil
    case .json: return "report.json"
    case .junit: return "junit.xml"
    case .markdown: return "report.md"
    case .html: return "report.html"
    case .github: return nil
    }
  }

  /// Renders a run in this format into a buffer, calling `flush` (which takes and empties the buffer) as it
  /// goes, so the file formats stream a large run instead of building it whole.
  public func render(
    _ run: RunResult, options: RenderOptions = RenderOptions(), into out: inout [UInt8],
    flush: (inout [UInt8]) -> Void
  ) {
    switch self {
    case .json: JSONReport.render(run, into: &out, flush: flush)
    case .junit: JUnitReport.render(run, into: &out, flush: flush)
    case .markdown:
      MarkdownReport.render(
        run, sinceBaseline: options.baseline?.markdown(title: "Since baseline"), into: &out,
        flush: flush)
    case .console, .html, .github:
      // Rendered whole, handed on a chunk at a time (the redacting stream behind `flush` then holds one chunk,
      // not a second copy of the page).
      let whole = render(run, options: options)
      var start = 0
      while start < whole.count {
        let end = min(start + Self.chunkBytes, whole.count)
        out.append(contentsOf: whole[start..<end])
        if end < whole.count { flush(&out) }
        start = end
      }
    }
  }

  /// Bytes a streaming renderer gathers before it flushes them.
  static let chunkBytes = 1 << 20

  /// What replaces a secret in this format's output (XML cannot hold a bare `<`).
  public var placeholder: String {
    switch self {
    case .junit: return Redactor.markupPlaceholder
    case .html: return Redactor.scriptPlaceholder
    default: return Redactor.placeholder
    }
  }

  /// Renders a run in this format.
  public func render(_ run: RunResult, options: RenderOptions = RenderOptions()) -> [UInt8] {
    switch self {
    case .console: return Array(ConsoleReport(style: options.console).render(run).utf8)
    case .json: return JSONReport.render(run)
    case .junit: return JUnitReport.render(run)
    case .markdown:
      return Array(
        MarkdownReport.render(
          run, sinceBaseline: options.baseline?.markdown(title: "Since baseline")
        ).utf8)
    case .html:
      return HTMLReport.render(
        run, options: HTMLOptions(expectations: options.expectations, baseline: options.baseline))
    case .github: return Array(GitHubReport.render(run).utf8)
    }
  }
}

/// Options that only some formats use.
public struct RenderOptions: Sendable {
  public var console: ConsoleStyle
  /// Every check of each scenario, by id (`ExpectationList.json`), for the HTML page.
  public var expectations: [String: JSONValue]
  /// The comparison with a baseline run, for report.md and report.html (`run --baseline`).
  public var baseline: ReportDiff?

  public init(
    console: ConsoleStyle = ConsoleStyle(), expectations: [String: JSONValue] = [:],
    baseline: ReportDiff? = nil
  ) {
    self.console = console
    self.expectations = expectations
    self.baseline = baseline
  }
}

/// Shared wording and number formats, so every format says the same thing the same way.
public enum Wording {
  /// "1 scenario", "2 scenarios": a count with its noun in the right number.
  public static func count(_ n: Int, _ noun: String, plural: String? = nil) -> String {
    "\(n) \(n == 1 ? noun : plural ?? noun + "s")"
  }

  /// The wire facts of an answer: "HTTP/2 · dns 0.4 ms · connect 1.1 ms · tls 9.8 ms · first byte 31 ms · total
  /// 32 ms" (each time from the start of the request); nil for replayed answers.
  static func wireLine(_ o: Observed) -> String? {
    guard o.httpVersion != nil || o.timings != nil else { return nil }
    var parts: [String] = []
    if let v = o.httpVersion { parts.append("HTTP/\(v)") }
    if let t = o.timings {
      parts += [
        "dns \(duration(t.dnsMs))", "connect \(duration(t.connectMs))", "tls \(duration(t.tlsMs))",
        "first byte \(duration(t.firstByteMs))", "total \(duration(t.totalMs))",
      ]
    }
    return parts.joined(separator: " · ")
  }

  /// Milliseconds rounded for display: "3 ms", "0.4 ms", "1.25 s". Values read back from a report can be
  /// anything, so beyond any real run (or not a number) they print as they are instead of trapping.
  static func duration(_ ms: Double) -> String {
    guard ms.isFinite, abs(ms) < 1e15 else { return "\(ms) ms" }
    if ms >= 1000 { return String(format2(ms / 1000)) + " s" }
    if ms >= 10 { return "\(Int(ms.rounded())) ms" }
    return format1(ms) + " ms"
  }

  static func format1(_ v: Double) -> String {
    guard v.isFinite, abs(v) < 1e14 else { return "\(v)" }
    let r = (v * 10).rounded() / 10
    return r == r.rounded() ? "\(Int(r))" : "\(r)"
  }

  static func format2(_ v: Double) -> String {
    guard v.isFinite, abs(v) < 1e13 else { return "\(v)" }
    let hundredths = Int((v * 100).rounded())
    let frac = abs(hundredths % 100)
    return (hundredths < 0 ? "-" : "") + "\(abs(hundredths) / 100)." + (frac < 10 ? "0" : "")
      + "\(frac)"
  }

  /// Seconds with three decimals, the plain decimal form JUnit's `time` attribute requires (clamped to
  /// what a run can take, so the attribute stays a plain decimal whatever a report held).
  static func seconds(_ ms: Double) -> String {
    let thousandths = Int(clamping: ms.rounded(), to: 0...1_000_000_000_000_000)
    let frac = thousandths % 1000
    let pad = frac < 10 ? "00" : frac < 100 ? "0" : ""
    return "\(thousandths / 1000).\(pad)\(frac)"
  }

  /// "status: expected 401, actual 200".
  static func failureLine(_ f: CheckFailure) -> String {
    "\(f.check): expected \(f.expected), actual \(f.actual)"
  }

  /// "401 openai invalid-api-key -> no", the one-line view of an answer.
  static func answerLine(_ r: ScenarioResult) -> String {
    var parts: [String] = []
    if let o = r.observed {
      parts.append("\(o.status)")
      if o.envelope != .none { parts.append(o.envelope.rawValue) }
      if let s = o.stream {
        parts.append(
          "stream \(s.complete ? "complete" : "incomplete"), \(Wording.count(s.events.count, "event"))"
            + (s.error != nil ? ", error event" : ""))
      }
    }
    if let s = r.situation {
      parts.append(s.rawValue + (r.retry.map { " -> retry \($0.rawValue)" } ?? ""))
    }
    return parts.joined(separator: " ")
  }

  static func summaryLine(_ s: RunSummary) -> String {
    var line = "\(s.passed) passed, \(s.failed) failed"
    if s.errored > 0 { line += ", \(s.errored) errored" }
    if s.skipped > 0 { line += ", \(s.skipped) skipped" }
    return line
  }
}
