import ConformanceCore

/// `coverage [PATH...]`: which documented routes the suite covers, with which cases.
struct CoverageCommand {
  let cli: CLI

  static let spec = CommandSpec(
    name: "coverage",
    abstract:
      "Print which documented routes the scenarios cover (success, wrong header family, missing field, more).",
    positional: "[PATH...]",
    options: SuiteOptions.specs + [
      OptionSpec(
        "--format", value: "markdown|json", "output format (default markdown, the README's table)"),
      OptionSpec(
        "--require",
        "exit 1 unless every documented route has the success, wrong-header-family and missing-field cases"
      ),
    ])

  func execute(_ args: [String]) throws(UsageError) -> ExitCode {
    guard let parsed = try cli.parse(args, Self.spec) else { return .success }
    let format = parsed.value("--format") ?? "markdown"
    guard ["markdown", "json"].contains(format) else {
      throw UsageError("--format for coverage takes markdown or json, not '\(format)'")
    }
    guard let suite = try SuiteOptions.load(parsed, cli: cli) else { return .invalidInput }
    let (rows, unpublished) = Coverage.compute(SuiteOptions.filter(parsed).apply(suite.scenarios))
    if format == "json" {
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
      cli.terminal.out(JSONWriter.string(value, style: .pretty))
    } else {
      cli.terminal.out(Coverage.markdown(rows, unpublished: unpublished))
    }
    let incomplete = rows.filter { !$0.missing.isEmpty }
    if parsed.flag("--require"), !incomplete.isEmpty {
      cli.terminal.err(
        "\(incomplete.count) of \(rows.count) documented routes lack a required case, e.g. \(incomplete[0].route.method) \(incomplete[0].route.pattern): \(incomplete[0].missing.joined(separator: ", "))\n"
      )
      return .failure
    }
    return .success
  }
}
