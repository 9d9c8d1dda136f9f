import ConformanceCore
import ConformanceReports
import Foundation

/// `report html REPORT.json...`: the HTML report (and the other formats) of existing report.json files, merged
/// when several, so old runs and `report merge` output can be looked at.
struct ReportHTMLCommand: Command {
  let cli: CLI

  static let spec = CommandSpec(
    name: "report html",
    summary: "render report.html (and the other formats) from report.json files",
    abstract:
      "Render report.html (and the other formats) from report.json files, merged when several.",
    positional: "REPORT.json...",
    options: [
      OutputOptions.reportDir.withHelp(
        "where the reports go (default \(Defaults.reportDirectory))"
      ).spec,
      OutputOptions.formats.withHelp(
        "comma list of console, json, junit, markdown, html (default: those five), github"
      ).spec,
      OutputOptions.color.spec,
    ] + SecretOptions.options,
    discussion: """
      report.html and report.json keep every field the input holds; an output file that is one of the inputs is left as it is.
      Exit codes: 0 every scenario passed; 1 one failed or errored; 2 a report is unreadable, not report v1, or overlaps another.
      """)

  func execute(_ parsed: ParsedArguments) async throws(UsageError) -> ExitCode {
    guard !parsed.positionals.isEmpty else {
      throw UsageError(.missingArgument, "report html needs one or more report.json files")
    }
    let output = try OutputOptions(parsed, runOptions: false)
    let formats = output.formats
    var docs: [ReportDocument] = []
    for file in parsed.positionals {
      do {
        docs.append(try ReportDocument.load(file))
      } catch {
        throw UsageError(.unusableFile, option: file, error.description)
      }
    }
    let document: ReportDocument
    do {
      document = try ReportDocument.merged(docs)
    } catch {
      throw UsageError(.unusableFile, error.description)
    }
    // The run model is needed for the formats written from it; html and json come from the JSON itself.
    var merged: RunResult?
    if formats.contains(where: { $0 != .html && $0 != .json }) {
      var runs: [RunResult] = []
      do {
        for doc in docs { runs.append(try JSONReportReader.read(doc.bytes, file: doc.file)) }
        merged = try ReportMerge.merge(runs)
      } catch {
        throw UsageError(.unusableFile, "\(error)")
      }
    }
    let dir = output.reportDir
    let inputs = Set(parsed.positionals.map(Self.canonical))
    var written: [String] = []
    var kept: [String] = []
    if formats.contains(where: { $0.fileName != nil }) {
      try RunPlan.checkWritable(dir, option: OutputOptions.reportDir.name)
      do {
        try ReportDirectory.createDirectory(dir)
        for f in formats {
          guard let name = f.fileName else { continue }
          let path = (dir as NSString).appendingPathComponent(name)
          if inputs.contains(Self.canonical(path)) {
            kept.append(path)
            continue
          }
          let bytes: [UInt8]
          switch f {
          case .html: bytes = HTMLReport.render(document)
          case .json: bytes = document.jsonBytes
          default: bytes = merged.map { f.render($0) } ?? []
          }
          try ReportDirectory.writeAtomically(
            cli.secrets.redactor.redact(bytes, placeholder: f.placeholder), to: path)
          written.append(path)
        }
      } catch {
        throw UsageError(.unusableFile, option: OutputOptions.reportDir.name, "\(error)")
      }
    }
    if formats.contains(.github), let merged { cli.out(GitHubReport.render(merged)) }
    if formats.contains(.console), let merged {
      let console = cli.console(verbose: false, color: output.color)
      var out = ""
      for r in merged.scenarios { out += console.line(for: r) }
      var note =
        "rendered \(Wording.count(docs.count, "report")); reports: "
        + written.joined(separator: ", ")
      if !kept.isEmpty {
        note += "\n(left as they are, being inputs: \(kept.joined(separator: ", ")))"
      }
      out += console.footer(merged, reportNote: note)
      cli.out(out)
    }
    let counts = document.scenarios.map { $0["outcome"]?.stringValue }
    return counts.allSatisfy { $0 == "passed" || $0 == "skipped" } ? .success : .failure
  }

  static func canonical(_ path: String) -> String {
    URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
  }
}
