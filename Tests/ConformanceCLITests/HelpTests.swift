import Testing

@testable import ConformanceCLI

/// Every `--help` the tool prints, command by command and group by group, against golden files in
/// `Golden/help/` (re-record with `ANYINT_RECORD_GOLDEN=1`).
@Suite struct HelpTests {
  static let commandNames: [String] = CommandRegistry.commands.map { $0.spec.name }

  @Test(arguments: commandNames)
  func commandHelpMatchesItsGoldenFile(_ name: String) async {
    let terminal = BufferTerminal()
    let code = await CLI(environment: [:], terminal: terminal).run(
      name.split(separator: " ").map(String.init) + ["--help"])
    #expect(code == .success)
    #expect(terminal.stderr.isEmpty)
    GoldenFile.check(
      terminal.stdout, named: "help/\(name.replacingOccurrences(of: " ", with: "-")).txt")
  }

  @Test(arguments: CommandRegistry.groups.map(\.name))
  func groupHelpMatchesItsGoldenFile(_ group: String) async {
    for flag in ["--help", "-h"] {
      let terminal = BufferTerminal()
      let code = await CLI(environment: [:], terminal: terminal).run([group, flag])
      #expect(code == .success)
      GoldenFile.check(terminal.stdout, named: "help/\(group).txt")
    }
  }

  @Test func topLevelHelpMatchesItsGoldenFile() async {
    for words in [["--help"], ["-h"], ["help"]] {
      let terminal = BufferTerminal()
      #expect(await CLI(environment: [:], terminal: terminal).run(words) == .success)
      GoldenFile.check(terminal.stdout, named: "help/anyint-conformance.txt")
    }
    // No command at all: the same text on stderr, exit 2.
    let terminal = BufferTerminal()
    #expect(await CLI(environment: [:], terminal: terminal).run([]) == .invalidInput)
    #expect(terminal.stdout.isEmpty)
    GoldenFile.check(terminal.stderr, named: "help/anyint-conformance.txt")
  }

  /// The command list names every registered command once, each name padded clear of its summary.
  @Test func theCommandListIsGeneratedFromTheRegistry() {
    let lines = CommandRegistry.usage.split(separator: "\n").map(String.init)
    for command in CommandRegistry.commands {
      let line = lines.first { $0.hasPrefix("  \(command.spec.name)  ") }
      #expect(line?.hasSuffix(command.spec.summary) == true, "\(command.spec.name)")
    }
    #expect(Set(Self.commandNames).count == Self.commandNames.count)
  }

  /// Every option a command lists appears in its help, once, with its placeholder.
  @Test func everyDeclaredOptionIsDocumented() {
    for command in CommandRegistry.commands {
      let spec = command.spec
      let names = spec.options.map(\.name)
      #expect(Set(names).count == names.count, "\(spec.name) declares an option twice")
      for option in spec.options {
        #expect(spec.help.contains(option.synopsis + " "), "\(spec.name) \(option.name)")
        #expect(!option.help.isEmpty)
      }
    }
  }
}
