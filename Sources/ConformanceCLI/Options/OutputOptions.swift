import ConformanceCore
import ConformanceReports

/// Where a run's reports go and in which formats (`run`, `record`, `report merge`), and how much the console says.
struct OutputOptions {
  static let reportDir: Option<String> = .value(
    "--report-dir", "DIR", default: Defaults.reportDirectory,
    "where report files go (default \(Defaults.reportDirectory))")
  static let formats: Option<[ReportFormat]> = .custom(
    "--format", "LIST",
    "comma list of console, json, junit, markdown, html (default: those five), github (Actions annotations)",
    parse: OutputOptions.formats)
  static let quiet: Option<Bool> = .flag("--quiet", "print only failures and the summary line")

  /// The file options, in the order help lists them (`--quiet` comes after the run limits).
  static let fileOptions = [reportDir.spec, formats.spec]

  var reportDir: String
  var formats: [ReportFormat]
  var quiet: Bool

  init(_ parsed: ParsedArguments, quietDeclared: Bool = true) throws(UsageError) {
    formats = try parsed.get(Self.formats)
    reportDir = try parsed.get(Self.reportDir)
    quiet = quietDeclared ? try parsed.get(Self.quiet) : false
  }

  static func formats(_ raw: String?) throws(UsageError) -> [ReportFormat] {
    guard let raw else { return ReportFormat.defaults }
    let names = ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")
    var out: [ReportFormat] = []
    for part in raw.split(separator: ",").map({ String($0).trimmingCharacters(in: .whitespaces) })
    where !part.isEmpty {
      guard let f = ReportFormat(rawValue: part) else {
        throw UsageError(
          .invalidValue, option: "--format",
          "--format: unknown format '\(part)'; use a comma list of \(names)")
      }
      if !out.contains(f) { out.append(f) }
    }
    if out.isEmpty {
      throw UsageError(
        .invalidValue, option: "--format", "--format needs at least one of \(names)")
    }
    return out
  }
}
