import ConformanceCore
import Foundation

/// The command line: picks the command, runs it, and turns every outcome into an exit code.
public struct CLI: Sendable {
  public let environment: [String: String]
  public let terminal: any Terminal
  public let currentDirectory: String

  public init(
    environment: [String: String] = ProcessInfo.processInfo.environment,
    terminal: any Terminal = StandardTerminal(),
    currentDirectory: String = FileManager.default.currentDirectoryPath
  ) {
    self.environment = environment
    self.terminal = terminal
    self.currentDirectory = currentDirectory
  }

  static let commands: [(name: String, abstract: String)] = [
    ("run", "run scenarios (default: scenarios/) and write reports"),
    ("validate", "check scenario files; send nothing"),
    ("list", "list scenario ids, tags and summaries after filtering"),
    ("explain", "print the documented retry table, or the row for one situation or status"),
    ("mock serve", "serve a fixture set over HTTP on loopback"),
    ("record", "run against a live gateway and write its answers as fixtures"),
    ("diagnose", "probe a route with each header family and say which one it accepts"),
    ("report merge", "merge shard report.json files into one set of reports"),
    ("coverage", "print which documented routes the scenarios cover, with which cases"),
  ]

  static var usage: String {
    var out = """
      anyint-conformance \(ToolInfo.version): conformance and diagnostics for the AnyInt AI gateway

      usage: anyint-conformance <command> [options] [arguments]

      commands:

      """
    for c in commands {
      out += "  " + c.name.padding(toLength: 12, withPad: " ", startingAt: 0) + c.abstract + "\n"
    }
    out += """

      'anyint-conformance <command> --help' shows a command's options.
      exit codes: 0 every selected scenario passed; 1 a scenario failed or errored; 2 invalid input or options.

      """
    return out
  }

  /// Runs a command line (without the program name) and returns the exit code.
  public func run(_ arguments: [String]) async -> ExitCode {
    guard let command = arguments.first else {
      terminal.err(CLI.usage)
      return .invalidInput
    }
    let rest = Array(arguments.dropFirst())
    do {
      switch command {
      case "run": return try await RunCommand(cli: self).execute(rest)
      case "validate": return try ValidateCommand(cli: self).execute(rest)
      case "list": return try ListCommand(cli: self).execute(rest)
      case "explain": return try ExplainCommand(cli: self).execute(rest)
      case "record": return try await RecordCommand(cli: self).execute(rest)
      case "diagnose": return try await DiagnoseCommand(cli: self).execute(rest)
      case "report": return try ReportCommand(cli: self).execute(rest)
      case "coverage": return try CoverageCommand(cli: self).execute(rest)
      case "mock":
        guard rest.first == "serve" else {
          throw UsageError(
            "'mock' has one subcommand: 'mock serve' (serve a fixture set over HTTP on loopback)")
        }
        return try await MockServeCommand(cli: self).execute(Array(rest.dropFirst()))
      case "--help", "-h", "help":
        terminal.out(CLI.usage)
        return .success
      case "--version", "version":
        terminal.out("\(ToolInfo.name) \(ToolInfo.version)\n")
        return .success
      default:
        var message = "error: unknown command '\(command.escapingControlCharacters)'"
        if let guess = CLI.commands.map(\.name).min(by: {
          ArgumentParser.editDistance($0, command) < ArgumentParser.editDistance($1, command)
        }),
          ArgumentParser.editDistance(guess, command) <= 2
        {
          message += "; did you mean '\(guess)'?"
        }
        terminal.err(message + "\n\n" + CLI.usage)
        return .invalidInput
      }
    } catch {
      // A message quotes options and file contents: escaped, it stays one line whatever they held.
      let message = (error as? UsageError)?.message ?? "\(error)"
      terminal.err("error: \(message.escapingControlCharacters)\n")
      return .invalidInput
    }
  }

  /// Parses arguments, printing help and returning nil when `--help` was asked for.
  func parse(_ args: [String], _ spec: CommandSpec) throws(UsageError) -> ParsedArguments? {
    let parsed = try ArgumentParser.parse(args, spec: spec)
    if parsed.helpRequested {
      terminal.out(spec.help)
      return nil
    }
    return parsed
  }

  /// Prints the diagnostics when any is an error and says whether the input can be used (false: exit 2).
  func accept(_ diagnostics: [Diagnostic]) -> Bool {
    guard diagnostics.hasErrors else { return true }
    printDiagnostics(diagnostics)
    return false
  }

  /// A fixture set, or nil when it cannot be used; its diagnostics are printed either way (a warning names a
  /// fixture that is never used).
  func loadFixtures(_ directory: String) -> FixtureStore? {
    let loaded = FixtureLoader.load(directory: directory)
    printDiagnostics(loaded.diagnostics)
    return loaded.diagnostics.hasErrors ? nil : loaded.store
  }

  /// Prints diagnostics as `file:line:col: error: message` lines, then a count.
  func printDiagnostics(_ diagnostics: [Diagnostic]) {
    guard !diagnostics.isEmpty else { return }
    var text = diagnostics.map(\.description).joined(separator: "\n") + "\n"
    let errorList = diagnostics.filter { $0.severity == .error }
    let errors = errorList.count
    let files = Set(errorList.map(\.location.file)).count
    if errors > 0 {
      text +=
        "\(errors) error\(errors == 1 ? "" : "s") in \(files) file\(files == 1 ? "" : "s"); nothing was sent\n"
    }
    terminal.err(text)
  }
}

/// Options every command that reads scenarios shares: variables and selection.
struct SuiteOptions {
  static let specs: [OptionSpec] = [
    OptionSpec(
      "--var", value: "NAME=VALUE", repeatable: true,
      "set a ${NAME} variable (wins over ANYINT_VAR_NAME and variables.json)"),
    OptionSpec(
      "--tag", value: "TAG", repeatable: true,
      "select scenarios with this tag (any of the given tags)"),
    OptionSpec("--skip-tag", value: "TAG", repeatable: true, "leave out scenarios with this tag"),
    OptionSpec(
      "--id", value: "GLOB", repeatable: true,
      "select scenarios whose id matches the glob (*, ?, [..])"),
  ]

  static func variables(_ parsed: ParsedArguments, environment: [String: String]) throws(UsageError)
    -> VariableSources
  {
    var cli: [String: String] = [:]
    for raw in parsed.all("--var") {
      guard let eq = raw.firstIndex(of: "=") else {
        throw UsageError("--var takes NAME=VALUE, not '\(raw)'")
      }
      let name = String(raw[..<eq])
      guard Template.isValidName(name) else {
        throw UsageError(
          "--var: '\(name)' is not a valid variable name (letters, digits, '_', '-', '.'; starting with a letter or '_')"
        )
      }
      cli[name] = String(raw[raw.index(after: eq)...])
    }
    return VariableSources(
      commandLine: cli, environment: VariableSources.fromEnvironment(environment))
  }

  static func filter(_ parsed: ParsedArguments) -> ScenarioFilter {
    ScenarioFilter(
      tags: parsed.all("--tag"), skipTags: parsed.all("--skip-tag"), idGlobs: parsed.all("--id"))
  }

  /// Loads the suite with the command line's variables; prints the diagnostics and returns nil when any is an
  /// error (the caller then exits 2).
  static func load(_ parsed: ParsedArguments, cli: CLI) throws(UsageError) -> ScenarioSuite? {
    try load(parsed, variables: variables(parsed, environment: cli.environment), cli: cli)
  }

  static func load(_ parsed: ParsedArguments, variables: VariableSources, cli: CLI)
    -> ScenarioSuite?
  {
    let (suite, diagnostics) = ScenarioLoader.load(paths: paths(parsed), variables: variables)
    return cli.accept(diagnostics) ? suite : nil
  }

  static func paths(_ parsed: ParsedArguments) -> [String] {
    parsed.positionals.isEmpty ? ["scenarios"] : parsed.positionals
  }
}
