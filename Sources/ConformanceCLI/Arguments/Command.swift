/// A command of the tool: its spec (name, help, options) and what it does with arguments parsed against it.
///
/// To add a command: write a type conforming to this in `NameCommand.swift` and list it in
/// `CommandRegistry.commands`; dispatch, the top-level command list and `--help` follow from its spec.
protocol Command: Sendable {
  static var spec: CommandSpec { get }
  init(cli: CLI)
  /// Runs the command; `--help` has been handled already.
  func execute(_ arguments: ParsedArguments) async throws(UsageError) -> ExitCode
}
