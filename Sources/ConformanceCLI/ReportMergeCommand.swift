import ConformanceCore
import ConformanceReports
import Foundation

/// `report merge REPORT.json...`: combine shard reports into one set of report files with correct totals.
struct ReportMergeCommand: Command {
  let cli: CLI

  static let spec = CommandSpec(
    name: "report merge", summary: "merge shard report.json files into one set of reports",
    abstract: "Merge the report.json files of shard runs into one set of reports.",
    positional: "REPORT.json...",
    options: [
      OutputOptions.reportDir.withHelp(
        "where the merged reports go (default \(Defaults.reportDirectory))"
      ).spec,
      OutputOptions.formats.withHelp(
        "comma list of console, json, junit, markdown, html (default: those five), github"
      ).spec,
      OutputOptions.color.spec,
    ] + SecretOptions.options,
    discussion:
      "Exit codes: 0 every merged scenario passed; 1 one failed or errored; 2 a report is missing, unreadable or overlaps another."
  )

  func execute(_ parsed: ParsedArguments) async throws(UsageError) -> ExitCode {
    guard !parsed.positionals.isEmpty else {
      throw UsageError(
        .missingArgument, "report merge needs the report.json files of the shards")
    }
    let output = try OutputOptions(parsed, runOptions: false)
    var runs: [RunResult] = []
    for file in parsed.positionals {
      guard let data = FileManager.default.contents(atPath: file) else {
        throw UsageError(.unusableFile, option: file, "\(file): cannot read it (does it exist?)")
      }
      do {
        runs.append(try JSONReportReader.read([UInt8](data), file: file))
      } catch {
        throw UsageError(.unusableFile, option: file, error.description)
      }
    }
    let merged: RunResult
    do {
      merged = try ReportMerge.merge(runs)
    } catch {
      throw UsageError(.unusableFile, error.description)
    }
    let lock =
      output.formats.contains { $0.fileName != nil }
      ? try RunPlan.claim(output.reportDir, option: OutputOptions.reportDir.name) : nil
    let written: [String]
    do {
      defer { lock?.release() }
      written = try ReportDirectory.write(
        merged, formats: output.formats, to: output.reportDir, redactor: cli.secrets.redactor)
    } catch {
      throw UsageError(.unusableFile, option: OutputOptions.reportDir.name, "\(error)")
    }
    if output.formats.contains(.github) { cli.out(GitHubReport.render(merged)) }
    let console = cli.console(verbose: false, color: output.color)
    var note = "merged \(Wording.count(runs.count, "report"))"
    if !written.isEmpty { note += "; reports: " + written.joined(separator: ", ") }
    let footer = console.footer(merged, reportNote: note)
    // The summary is always printed: on standard error when the console format is not selected.
    if output.formats.contains(.console) {
      var out = ""
      for r in merged.scenarios { out += console.line(for: r) }
      cli.out(out + footer)
    } else {
      cli.err(footer)
    }
    return merged.summary.allPassed ? .success : .failure
  }
}
