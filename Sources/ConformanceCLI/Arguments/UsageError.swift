/// A bad command line: what kind of problem, which option it came from, and a message that says how to fix it.
/// Every usage error exits 2.
struct UsageError: Error, Sendable, CustomStringConvertible {
  /// The kind of problem, stable for tests and tools.
  enum Code: String, Sendable {
    case unknownCommand
    /// A command group (`mock`, `report`) without one of its subcommands.
    case unknownSubcommand
    case unknownOption
    /// A positional argument for a command that takes none.
    case unexpectedArgument
    case missingValue
    case repeatedOption
    /// `--flag=value`.
    case valueForFlag
    /// A value the option does not take.
    case invalidValue
    /// Options that cannot be combined, or one that does not apply with the others given.
    case conflictingOptions
    /// A required option or argument is missing.
    case missingArgument
    /// A file or directory named on the command line cannot be used.
    case unusableFile
  }

  var code: Code
  /// The option or argument the problem is about, when there is one.
  var option: String?
  var message: String
  /// Printed after the message (the command list, for an unknown command).
  var help: String?

  init(_ code: Code, option: String? = nil, _ message: String, help: String? = nil) {
    self.code = code
    self.option = option
    self.message = message
    self.help = help
  }

  var description: String { message }

  var exitCode: ExitCode { .invalidInput }

  /// The text on standard error: `error: message`, then the help when there is any. A message quotes options
  /// and file contents: escaped, it stays one line whatever they held.
  var rendered: String {
    "error: \(message.escapingControlCharacters)\n" + (help.map { "\n" + $0 } ?? "")
  }
}
