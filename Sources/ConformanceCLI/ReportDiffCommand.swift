import ConformanceCore
import ConformanceReports
import Foundation

/// `report diff BASE.json NEW.json`: what changed between two runs, scenario by scenario.
struct ReportDiffCommand {
  let cli: CLI

  static let spec = CommandSpec(
    name: "report diff",
    abstract:
      "Compare two report.json files: regressions, newly passing, added and removed scenarios, changed answers, findings and latency.",
    positional: "BASE.json NEW.json",
    options: [
      OptionSpec("--format", value: "console|markdown|json", "how to print it (default console)"),
      OptionSpec(
        "--latency-threshold", value: "PCT",
        "report a route's p50/p95 change beyond PCT percent (default 50)"),
      OptionSpec(
        "--latency-min-ms", value: "N",
        "and only when it moved at least N ms (default 20: smaller moves are noise)"),
    ],
    discussion: """
      A regression is a scenario in both runs that now fails or errors and did not, or a route whose p50 or p95 got slower beyond the threshold.
      Exit codes: 0 nothing regressed; 1 something did; 2 a report is unreadable, not JSON or not report v1 (the message says where).
      """)

  func execute(_ args: [String]) throws(UsageError) -> ExitCode {
    guard let parsed = try cli.parse(args, Self.spec) else { return .success }
    guard parsed.positionals.count == 2 else {
      throw UsageError(
        "report diff takes two report.json files, BASE.json NEW.json (the earlier run first); got \(parsed.positionals.count)"
      )
    }
    let raw = parsed.value("--format") ?? "console"
    guard let format = ReportDiff.Format(rawValue: raw) else {
      throw UsageError("--format: report diff prints console, markdown or json, not '\(raw)'")
    }
    let threshold = try number(
      parsed, "--latency-threshold", default: ReportDiff.defaultThresholdPct)
    let minimum = try number(parsed, "--latency-min-ms", default: ReportDiff.defaultMinimumMs)
    var inputs: [ReportDiff.Input] = []
    for file in parsed.positionals {
      do {
        inputs.append(ReportDiff.Input(try ReportDocument.load(file)))
      } catch {
        throw UsageError(error.description)
      }
    }
    let diff = ReportDiff.compare(
      inputs[0], inputs[1], thresholdPct: threshold, minimumMs: minimum)
    let color =
      format == .console
      && ConsoleStyle.detect(isTTY: cli.terminal.isTTY, environment: cli.environment)
    var text = diff.render(format, color: color)
    if !text.hasSuffix("\n") { text += "\n" }
    cli.terminal.out(text)
    return diff.regressed ? .failure : .success
  }

  func number(_ parsed: ParsedArguments, _ name: String, default d: Double) throws(UsageError)
    -> Double
  {
    guard let raw = parsed.value(name) else { return d }
    guard
      let v = Double(
        raw.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "%", with: "")),
      v.isFinite, v >= 0, v <= 1_000_000
    else {
      throw UsageError("\(name) takes a number from 0 to 1000000, not '\(raw)'")
    }
    return v
  }
}
