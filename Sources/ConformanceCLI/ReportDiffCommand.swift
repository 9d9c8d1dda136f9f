import ConformanceCore
import ConformanceReports
import Foundation

/// `report diff BASE.json NEW.json`: what changed between two runs, scenario by scenario.
struct ReportDiffCommand: Command {
  let cli: CLI

  static let format: Option<ReportDiff.Format> = .choice(
    "--format", "console|markdown|json", default: .console, label: "--format for report diff",
    "how to print it (default console)")
  static let threshold: Option<Double> = .custom(
    "--latency-threshold", "PCT", "report a route's p50/p95 change beyond PCT percent (default 50)"
  ) { raw throws(UsageError) in
    try number(raw, "--latency-threshold", default: ReportDiff.defaultThresholdPct)
  }
  static let minimum: Option<Double> = .custom(
    "--latency-min-ms", "N",
    "and only when it moved at least N ms (default 20: smaller moves are noise)"
  ) { raw throws(UsageError) in
    try number(raw, "--latency-min-ms", default: ReportDiff.defaultMinimumMs)
  }

  static let spec = CommandSpec(
    name: "report diff", summary: "what changed between two runs' report.json files",
    abstract:
      "Compare two report.json files: regressions, newly passing, added and removed scenarios, changed answers, findings and latency.",
    positional: "BASE.json NEW.json",
    options: [format.spec, threshold.spec, minimum.spec] + SecretOptions.options,
    discussion: """
      A regression is a scenario in both runs that now fails or errors and did not, or a route whose p50 or p95 got slower beyond the threshold.
      Exit codes: 0 nothing regressed; 1 something did; 2 a report is unreadable, not JSON or not report v1 (the message says where).
      """)

  func execute(_ parsed: ParsedArguments) async throws(UsageError) -> ExitCode {
    guard parsed.positionals.count == 2 else {
      throw UsageError(
        .missingArgument,
        "report diff takes two report.json files, BASE.json NEW.json (the earlier run first); got \(parsed.positionals.count)"
      )
    }
    let format = try parsed.get(Self.format)
    let threshold = try parsed.get(Self.threshold)
    let minimum = try parsed.get(Self.minimum)
    var inputs: [ReportDiff.Input] = []
    for file in parsed.positionals {
      do {
        inputs.append(ReportDiff.Input(try ReportDocument.load(file)))
      } catch {
        throw UsageError(.unusableFile, option: file, error.description)
      }
    }
    let diff = ReportDiff.compare(
      inputs[0], inputs[1], thresholdPct: threshold, minimumMs: minimum)
    let color = format == .console && cli.console(verbose: false).style.color
    var text = diff.render(format, color: color)
    if !text.hasSuffix("\n") { text += "\n" }
    cli.out(text)
    return diff.regressed ? .failure : .success
  }

  static func number(_ raw: String?, _ name: String, default d: Double) throws(UsageError) -> Double
  {
    guard let raw else { return d }
    let text = raw.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "%", with: "")
    guard let v = Double(text), v.isFinite, v >= 0, v <= 1_000_000 else {
      throw UsageError(
        .invalidValue, option: name, "\(name) takes a number from 0 to 1000000, not '\(raw)'")
    }
    return v
  }
}
