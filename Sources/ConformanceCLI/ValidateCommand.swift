import ConformanceCore

/// `validate [PATH...]`: every problem in every file in one pass; exit 2 when there is any; sends nothing.
struct ValidateCommand: Command {
  let cli: CLI

  static let fixtures: Option<String?> = .value(
    "--fixtures", "DIR",
    "also check the fixture files of this set, and warn about scenarios none of them answers")

  static let spec = CommandSpec(
    name: "validate", summary: "check scenario files; send nothing",
    abstract: "Check scenario files (and optionally a fixture set) without sending anything.",
    positional: "[PATH...]",
    options: [
      SuiteOptions.variables.withHelp("set a ${NAME} variable, as for run").spec,
      SuiteOptions.variablesFiles.withHelp("read variables from a JSON file, as for run").spec,
      fixtures.spec,
    ],
    discussion:
      "Problems print as file:line:col: error: $.json.path: message. Exit 0 when valid, 2 otherwise."
  )

  func execute(_ parsed: ParsedArguments) async throws(UsageError) -> ExitCode {
    let fixtures = try parsed.get(Self.fixtures)
    let variables = try SuiteOptions.variables(parsed, environment: cli.environment)
    let (suite, diagnostics) = ScenarioLoader.load(
      paths: SuiteOptions.paths(parsed), variables: variables, catalog: cli.catalog)
    var all = diagnostics
    var fixtureCount = 0
    if let dir = fixtures {
      let loaded = FixtureLoader.load(directory: dir, catalog: cli.catalog)
      all += loaded.diagnostics
      fixtureCount = loaded.store.fixtures.count
      if !all.hasErrors {
        var sources = variables
        sources.file = suite.fileVariables
        sources.optionFiles = suite.optionFileVariables
        all += FixtureCheck.unanswered(
          suite.scenarios, store: loaded.store, variables: sources, catalog: cli.catalog)
      }
    }
    cli.printDiagnostics(all)
    if all.hasErrors { return .invalidInput }
    var line =
      "\(suite.scenarios.count) scenario\(suite.scenarios.count == 1 ? "" : "s") in \(suite.fileCount) file\(suite.fileCount == 1 ? "" : "s") valid"
    if fixtures != nil {
      line += "; \(fixtureCount) fixture\(fixtureCount == 1 ? "" : "s") valid"
    }
    cli.out(line + "\n")
    return .success
  }
}
