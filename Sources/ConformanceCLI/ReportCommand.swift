import ConformanceCore
import ConformanceReports
import Foundation

/// `report merge REPORT.json...`: combine shard reports into one set of report files with correct totals.
struct ReportCommand {
  let cli: CLI

  static let spec = CommandSpec(
    name: "report merge",
    abstract: "Merge the report.json files of shard runs into one set of reports.",
    positional: "REPORT.json...",
    options: [
      OptionSpec("--report-dir", value: "DIR", "where the merged reports go (default Reports)"),
      OptionSpec(
        "--format", value: "LIST",
        "comma list of console, json, junit, markdown (default: those four), github"
      ),
    ],
    discussion:
      "Exit codes: 0 every merged scenario passed; 1 one failed or errored; 2 a report is missing, unreadable or overlaps another."
  )

  func execute(_ args: [String]) throws(UsageError) -> ExitCode {
    guard args.first == "merge" else {
      throw UsageError("'report' has one subcommand: 'report merge REPORT.json...'")
    }
    guard let parsed = try cli.parse(Array(args.dropFirst()), Self.spec) else { return .success }
    guard !parsed.positionals.isEmpty else {
      throw UsageError("report merge needs the report.json files of the shards")
    }
    let formats = try RunCommand.formats(parsed.value("--format"))
    var runs: [RunResult] = []
    for file in parsed.positionals {
      guard let data = FileManager.default.contents(atPath: file) else {
        throw UsageError("\(file): cannot read it (does it exist?)")
      }
      do {
        runs.append(try JSONReportReader.read([UInt8](data), file: file))
      } catch {
        throw UsageError(error.description)
      }
    }
    let merged: RunResult
    do {
      merged = try ReportMerge.merge(runs)
    } catch {
      throw UsageError(error.description)
    }
    let dir = parsed.value("--report-dir") ?? "Reports"
    let lock =
      formats.contains { $0.fileName != nil } ? try RunPlan.claim(dir, option: "--report-dir") : nil
    let written: [String]
    do {
      defer { lock?.release() }
      written = try ReportDirectory.write(merged, formats: formats, to: dir)
    } catch {
      throw UsageError("\(error)")
    }
    if formats.contains(.github) { cli.terminal.out(GitHubReport.render(merged)) }
    if formats.contains(.console) {
      let console = ConsoleReport(
        style: ConsoleStyle(
          color: ConsoleStyle.detect(isTTY: cli.terminal.isTTY, environment: cli.environment),
          verbose: false))
      var out = ""
      for r in merged.scenarios { out += console.line(for: r) }
      let note =
        "merged \(runs.count) report\(runs.count == 1 ? "" : "s"); reports: "
        + written.joined(separator: ", ")
      out += console.footer(merged, reportNote: note)
      cli.terminal.out(out)
    }
    return merged.summary.allPassed ? .success : .failure
  }
}
