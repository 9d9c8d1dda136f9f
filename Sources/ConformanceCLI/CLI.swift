import ConformanceCore
import ConformanceReports
import Foundation

/// The command line: picks the command, runs it, and turns every outcome into an exit code.
public struct CLI: Sendable {
  public let environment: [String: String]
  public let terminal: any Terminal
  public let currentDirectory: String
  /// Every secret this invocation knows; all output is redacted with them.
  public let secrets = SecretRegistry()
  /// The route families and routes every command works with.
  public let catalog: RouteCatalog

  public init(
    environment: [String: String] = ProcessInfo.processInfo.environment,
    terminal: any Terminal = StandardTerminal(),
    currentDirectory: String = FileManager.default.currentDirectoryPath,
    catalog: RouteCatalog = .anyint
  ) {
    self.environment = environment
    self.terminal = terminal
    self.currentDirectory = currentDirectory
    self.catalog = catalog
  }

  /// Runs a command line (without the program name) and returns the exit code.
  public func run(_ arguments: [String]) async -> ExitCode {
    // Known before anything is parsed, so that even an error about the command line is redacted.
    secrets.add(SecretSources.collect(arguments: arguments, environment: environment))
    do throws(UsageError) {
      switch CommandRegistry.resolve(arguments) {
      case .failure(let error):
        throw error
      case .usage(let asked):
        if asked {
          out(CommandRegistry.usage)
          return .success
        }
        err(CommandRegistry.usage)
        return .invalidInput
      case .version:
        out("\(ToolInfo.name) \(ToolInfo.version)\n")
        return .success
      case .groupHelp(let text):
        out(text)
        return .success
      case .command(let type, let rest):
        let parsed = try ArgumentParser.parse(rest, spec: type.spec)
        if parsed.helpRequested {
          out(type.spec.help)
          return .success
        }
        if type.spec.options.contains(where: { $0.name == SecretOptions.secretEnv.name }) {
          try SecretOptions.check(parsed, cli: self)
        }
        return try await type.init(cli: self).execute(parsed)
      }
    } catch {
      err(error.rendered)
      return error.exitCode
    }
  }

  /// Writes to standard output, redacted.
  func out(_ text: String) { terminal.out(secrets.redact(text)) }

  /// Writes to standard error, redacted.
  func err(_ text: String) { terminal.err(secrets.redact(text)) }

  /// Prints the diagnostics when any is an error and says whether the input can be used (false: exit 2).
  func accept(_ diagnostics: [Diagnostic]) -> Bool {
    guard diagnostics.hasErrors else { return true }
    printDiagnostics(diagnostics)
    return false
  }

  /// A fixture set, or nil when it cannot be used; its diagnostics are printed either way (a warning names a
  /// fixture that is never used).
  func loadFixtures(_ directory: String) -> FixtureStore? {
    let loaded = FixtureLoader.load(directory: directory, catalog: catalog)
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
    err(text)
  }

  /// Console output as `--color` asks: `always`, `never`, or `auto` (only on a terminal, never with a non-empty
  /// `NO_COLOR` or `TERM=dumb`); `wire` adds each live exchange's HTTP version and timings (`--verbose`).
  func console(verbose: Bool, color: OutputOptions.ColorMode = .auto, wire: Bool = false)
    -> ConsoleReport
  {
    let on: Bool
    switch color {
    case .always: on = true
    case .never: on = false
    case .auto: on = ConsoleStyle.detect(isTTY: terminal.isTTY, environment: environment)
    }
    return ConsoleReport(style: ConsoleStyle(color: on, verbose: verbose, wire: wire))
  }
}
