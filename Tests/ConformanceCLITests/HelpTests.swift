import Foundation
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

  /// The command list names every registered command once, each name padded clear of its summary (which may
  /// wrap onto indented lines).
  @Test func theCommandListIsGeneratedFromTheRegistry() {
    let lines = CommandRegistry.usage.split(separator: "\n").map(String.init)
    for command in CommandRegistry.commands {
      guard let i = lines.firstIndex(where: { $0.hasPrefix("  \(command.spec.name)  ") }) else {
        Issue.record("\(command.spec.name) is not listed")
        continue
      }
      var text = lines[i]
      for next in lines[(i + 1)...] {
        // A command's line starts with two spaces and its name; a wrapped summary is indented further.
        guard next.hasPrefix("    ") else { break }
        text += " " + next.trimmingCharacters(in: .whitespaces)
      }
      #expect(Self.words(text).hasSuffix(command.spec.summary), "\(command.spec.name)")
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
        #expect(
          spec.help.contains(option.synopsis + " ") || spec.help.contains(option.synopsis + "\n"),
          "\(spec.name) \(option.name)")
        #expect(
          Self.words(spec.help).contains(Self.words(option.help)), "\(spec.name) \(option.name)")
        #expect(!option.help.isEmpty)
      }
    }
  }

  /// Every help text fits a standard 80-column terminal.
  @Test func everyHelpIsWrappedToEightyColumns() {
    var texts = [("top level", CommandRegistry.usage)]
    texts += CommandRegistry.commands.map { ($0.spec.name, $0.spec.help) }
    texts += CommandRegistry.groups.map {
      ($0.name, CommandRegistry.help(group: $0.name, abstract: $0.abstract))
    }
    for (name, text) in texts {
      for line in text.split(separator: "\n") {
        #expect(line.count <= 80, "\(name): \(line.count) columns: \(line)")
      }
    }
  }

  /// Text with every run of whitespace as one space.
  static func words(_ s: String) -> String {
    s.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
  }
}
