import ConformanceCore

/// Which scenarios a command reads and how their variables resolve: the paths, `--var`, `--tag`, `--skip-tag`
/// and `--id` (`run`, `record`, `list`, `coverage`; `validate` and `diagnose` take `--var` alone).
struct SuiteOptions {
  static let variables: Option<[String]> = .repeated(
    "--var", "NAME=VALUE",
    "set a ${NAME} variable (wins over ANYINT_VAR_NAME, --variables-file and variables.json)")
  static let variablesFiles: Option<[String]> = .repeated(
    "--variables-file", "FILE",
    "read variables from a JSON object of name: value; wins over variables.json, loses to --var and ANYINT_VAR_NAME; a later file wins over an earlier one"
  )
  static let tags: Option<[String]> = .repeated(
    "--tag", "TAG", "select scenarios with this tag (any of the given tags)")
  static let skipTags: Option<[String]> = .repeated(
    "--skip-tag", "TAG", "leave out scenarios with this tag")
  static let ids: Option<[String]> = .repeated(
    "--id", "GLOB", "select scenarios whose id matches the glob (*, ?, [..])")

  static let options = [variables.spec, variablesFiles.spec, tags.spec, skipTags.spec, ids.spec]

  var paths: [String]
  var variables: VariableSources
  var filter: ScenarioFilter

  init(_ parsed: ParsedArguments, environment: [String: String]) throws(UsageError) {
    paths = Self.paths(parsed)
    variables = try Self.variables(parsed, environment: environment)
    filter = ScenarioFilter(
      tags: try parsed.get(Self.tags), skipTags: try parsed.get(Self.skipTags),
      idGlobs: try parsed.get(Self.ids))
  }

  /// The scenario paths: the positional arguments, or the shipped suite.
  static func paths(_ parsed: ParsedArguments) -> [String] {
    parsed.positionals.isEmpty ? [Defaults.scenariosDirectory] : parsed.positionals
  }

  /// `--var` values, over `ANYINT_VAR_*` from the environment, over the `--variables-file` files (read by the
  /// loader).
  static func variables(_ parsed: ParsedArguments, environment: [String: String])
    throws(UsageError) -> VariableSources
  {
    var sources = VariableSources(
      commandLine: try commandLineVariables(parsed),
      environment: VariableSources.fromEnvironment(environment))
    sources.optionFilePaths = try parsed.get(variablesFiles)
    return sources
  }

  static func commandLineVariables(_ parsed: ParsedArguments) throws(UsageError) -> [String: String]
  {
    var out: [String: String] = [:]
    for raw in try parsed.get(variables) {
      guard let eq = raw.firstIndex(of: "=") else {
        throw UsageError(.invalidValue, option: "--var", "--var takes NAME=VALUE, not '\(raw)'")
      }
      let name = String(raw[..<eq])
      guard Template.isValidName(name) else {
        throw UsageError(
          .invalidValue, option: "--var",
          "--var: '\(name)' is not a valid variable name (letters, digits, '_', '-', '.'; starting with a letter or '_')"
        )
      }
      out[name] = String(raw[raw.index(after: eq)...])
    }
    return out
  }

  /// Loads the suite; prints the diagnostics and returns nil when any is an error (the caller then exits 2).
  func load(_ cli: CLI) -> ScenarioSuite? {
    let (suite, diagnostics) = ScenarioLoader.load(
      paths: paths, variables: variables, catalog: cli.catalog)
    return cli.accept(diagnostics) ? suite : nil
  }

  /// Loads the suite and applies the selection, which must not be empty, with every variable source the run
  /// resolves from (the files' values included); nil on invalid input (printed).
  func select(_ cli: CLI) throws(UsageError) -> (scenarios: [Scenario], variables: VariableSources)?
  {
    guard let suite = load(cli) else { return nil }
    let selected = filter.apply(suite.scenarios)
    if selected.isEmpty {
      throw UsageError(
        .invalidValue,
        suite.scenarios.isEmpty
          ? "no scenarios found"
          : "no scenario matches the selection (--tag, --skip-tag, --id); 'list' shows what there is"
      )
    }
    var sources = variables
    sources.file = suite.fileVariables
    sources.optionFiles = suite.optionFileVariables
    return (selected, sources)
  }
}
