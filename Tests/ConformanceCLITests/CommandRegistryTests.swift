import Testing

@testable import ConformanceCLI

/// How a command line picks its command, and the errors and exit codes when it picks none.
@Suite struct CommandRegistryTests {
  @Test func everyCommandIsReachedByItsName() {
    for command in CommandRegistry.commands {
      guard case .command(let found, let rest) = CommandRegistry.resolve(command.spec.words + ["x"])
      else {
        Issue.record("\(command.spec.name) does not resolve")
        continue
      }
      #expect(found.spec.name == command.spec.name)
      #expect(rest == ["x"])
    }
  }

  @Test func everyGroupHasSubcommands() {
    for group in CommandRegistry.groups {
      #expect(!CommandRegistry.subcommands(of: group.name).isEmpty, "\(group.name)")
    }
    for command in CommandRegistry.commands where command.spec.words.count == 2 {
      #expect(CommandRegistry.groups.contains { $0.name == command.spec.words[0] })
    }
  }

  struct Failure: Sendable, CustomTestStringConvertible {
    var args: [String]
    var code: UsageError.Code
    var stderr: String
    var testDescription: String { args.joined(separator: " ") }
  }

  static let failures: [Failure] = [
    Failure(
      args: ["runn"], code: .unknownCommand,
      stderr: "error: unknown command 'runn'; did you mean 'run'?\n\n"),
    Failure(
      args: ["frobnicate"], code: .unknownCommand, stderr: "error: unknown command 'frobnicate'\n\n"
    ),
    Failure(
      args: ["mock"], code: .unknownSubcommand,
      stderr:
        "error: 'mock' has one subcommand: 'mock serve' (serve a fixture set over HTTP on loopback)\n"
    ),
    Failure(
      args: ["mock", "server"], code: .unknownSubcommand,
      stderr:
        "error: 'mock' has one subcommand: 'mock serve' (serve a fixture set over HTTP on loopback)\n"
    ),
    Failure(
      args: ["report"], code: .unknownSubcommand,
      stderr:
        "error: 'report' takes a subcommand: 'report merge REPORT.json...', 'report html REPORT.json...', 'report diff BASE.json NEW.json'\n"
    ),
  ]

  @Test(arguments: failures)
  func badCommandsExitTwoWithTheirMessage(_ f: Failure) async {
    guard case .failure(let error) = CommandRegistry.resolve(f.args) else {
      Issue.record("\(f.args) resolved")
      return
    }
    #expect(error.code == f.code)
    let terminal = BufferTerminal()
    #expect(await CLI(environment: [:], terminal: terminal).run(f.args) == .invalidInput)
    #expect(terminal.stderr.hasPrefix(f.stderr), "\(terminal.stderr)")
    #expect(terminal.stdout.isEmpty)
    // An unknown command is followed by the command list.
    #expect(terminal.stderr.contains("commands:\n") == (f.code == .unknownCommand))
  }

  @Test func versionAndUsageErrorsFromCommands() async {
    let terminal = BufferTerminal()
    #expect(await CLI(environment: [:], terminal: terminal).run(["--version"]) == .success)
    #expect(terminal.stdout == "anyint-conformance 0.1.0\n")
    let bad = BufferTerminal()
    #expect(
      await CLI(environment: [:], terminal: bad).run(["run", "--shard", "4/3"]) == .invalidInput)
    #expect(
      bad.stderr
        == "error: --shard takes K/N with 1 <= K <= N <= 1000 (e.g. --shard 2/4), not '4/3'\n")
  }
}
