import ConformanceCore

/// `coverage [PATH...]`: which documented routes the suite covers, with which cases.
struct CoverageCommand: Command {
  enum Format: String, CaseIterable, Sendable {
    case markdown, json
  }

  let cli: CLI

  static let format: Option<Format> = .choice(
    "--format", "markdown|json", default: .markdown, label: "--format for coverage",
    "output format (default markdown, the README's table)")
  static let require: Option<Bool> = .flag(
    "--require",
    "exit 1 unless every documented route has the success, wrong-header-family and missing-field cases"
  )

  static let spec = CommandSpec(
    name: "coverage",
    summary: "print which documented routes the scenarios cover, with which cases",
    abstract:
      "Print which documented routes the scenarios cover (success, wrong header family, missing field, more).",
    positional: "[PATH...]",
    options: SuiteOptions.options + [format.spec, require.spec])

  func execute(_ parsed: ParsedArguments) async throws(UsageError) -> ExitCode {
    let format = try parsed.get(Self.format)
    let require = try parsed.get(Self.require)
    let options = try SuiteOptions(parsed, environment: cli.environment)
    guard let suite = options.load(cli) else { return .invalidInput }
    let (rows, unpublished) = Coverage.compute(
      options.filter.apply(suite.scenarios), catalog: cli.catalog)
    if format == .json {
      let value: JSONValue = [
        "routes": .array(
          rows.map {
            [
              "method": .string($0.route.method), "route": .string($0.route.pattern),
              "family": .string($0.route.family.rawValue),
              "scenarios": .array($0.scenarios.map(JSONValue.string)),
              "cases": .array($0.cases.sorted().map(JSONValue.string)),
              "missing": .array($0.missing.map(JSONValue.string)),
            ]
          }),
        "unpublished": .array(
          unpublished.map {
            ["path": .string($0.path), "scenarios": .array($0.scenarios.map(JSONValue.string))]
          }),
      ]
      cli.out(JSONWriter.string(value, style: .pretty))
    } else {
      cli.out(Coverage.markdown(rows, unpublished: unpublished))
    }
    let incomplete = rows.filter { !$0.missing.isEmpty }
    if require, !incomplete.isEmpty {
      cli.err(
        "\(incomplete.count) of \(rows.count) documented routes lack a required case, e.g. \(incomplete[0].route.method) \(incomplete[0].route.pattern): \(incomplete[0].missing.joined(separator: ", "))\n"
      )
      return .failure
    }
    return .success
  }
}
