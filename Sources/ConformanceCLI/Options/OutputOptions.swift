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
  static let quiet: Option<Bool> = .flag(
    "--quiet", "print only failures and the summary line (no progress)")
  static let verbose: Option<Bool> = .flag(
    "--verbose", aliases: ["-v"],
    "show each exchange under its scenario: request line and headers, status, headers, body start (redacted); live: HTTP version and timings"
  )
  static let color: Option<ColorMode> = .choice(
    "--color", "auto|always|never", default: .auto,
    "colour the console (default auto: on a terminal, unless NO_COLOR is set or TERM=dumb)")

  /// How the console is coloured.
  enum ColorMode: String, CaseIterable, Sendable {
    case auto, always, never
  }

  /// The file options, in the order help lists them (`--quiet` comes after the run limits).
  static let fileOptions = [reportDir.spec, formats.spec]

  var reportDir: String
  var formats: [ReportFormat]
  var quiet: Bool
  var verbose: Bool
  var color: ColorMode

  /// `runOptions`: the command declares --quiet and --verbose (run, record; not report merge).
  init(_ parsed: ParsedArguments, runOptions: Bool = true) throws(UsageError) {
    formats = try parsed.get(Self.formats)
    reportDir = try parsed.get(Self.reportDir)
    quiet = runOptions ? try parsed.get(Self.quiet) : false
    verbose = runOptions ? try parsed.get(Self.verbose) : false
    color = try parsed.get(Self.color)
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
