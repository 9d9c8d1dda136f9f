import ConformanceCore

/// Every command, in the order the top-level help lists them, and how a command line picks one: the one place
/// a command (or a command group such as `mock` or `report`) is added.
enum CommandRegistry {
  static let commands: [any Command.Type] = [
    RunCommand.self, ValidateCommand.self, ListCommand.self, ExplainCommand.self,
    MockServeCommand.self, RecordCommand.self, DiagnoseCommand.self, ReportMergeCommand.self,
    ReportHTMLCommand.self, ReportDiffCommand.self,
    CoverageCommand.self, CheckClientCommand.self,
  ]

  /// Command groups: the first word of commands named with two (`mock serve`), with what the group is for.
  static let groups: [(name: String, abstract: String)] = [
    ("mock", "Serve fixture sets over HTTP, for any client."),
    ("report", "Work with report.json files written by earlier runs."),
  ]

  /// What a command line asks for.
  enum Resolution {
    case command(any Command.Type, arguments: [String])
    /// The top-level help, on standard output (asked for) or standard error (no command given).
    case usage(asked: Bool)
    case groupHelp(String)
    case version
    case failure(UsageError)
  }

  static func resolve(_ arguments: [String]) -> Resolution {
    guard let first = arguments.first else { return .usage(asked: false) }
    let rest = Array(arguments.dropFirst())
    switch first {
    case "--help", "-h", "help": return .usage(asked: true)
    case "--version", "-V", "version": return .version
    default: break
    }
    if let command = commands.first(where: { $0.spec.words == [first] }) {
      return .command(command, arguments: rest)
    }
    if let group = groups.first(where: { $0.name == first }) {
      let members = subcommands(of: group.name)
      if let word = rest.first, word == "--help" || word == "-h" {
        return .groupHelp(help(group: group.name, abstract: group.abstract))
      }
      if let word = rest.first, let command = members.first(where: { $0.spec.words.last == word }) {
        return .command(command, arguments: Array(rest.dropFirst()))
      }
      let listed = members.map { "'\($0.spec.invocation)'" }
      return .failure(
        UsageError(
          .unknownSubcommand, option: rest.first,
          members.count == 1
            ? "'\(group.name)' has one subcommand: \(listed[0]) (\(members[0].spec.summary))"
            : "'\(group.name)' takes a subcommand: " + listed.joined(separator: ", ")))
    }
    var message = "unknown command '\(first)'"
    if let guess = ArgumentParser.closest(
      to: first, in: commands.map { $0.spec.name }, within: 2)
    {
      message += "; did you mean '\(guess)'?"
    }
    return .failure(UsageError(.unknownCommand, option: first, message, help: usage))
  }

  static func subcommands(of group: String) -> [any Command.Type] {
    commands.filter { $0.spec.words.count == 2 && $0.spec.words[0] == group }
  }

  static var usage: String {
    let width = max(12, (commands.map { $0.spec.name.count }.max() ?? 0) + 2)
    var out = """
      anyint-conformance \(ToolInfo.version): conformance and diagnostics for the AnyInt AI gateway

      usage: anyint-conformance <command> [options] [arguments]

      commands:

      """
    for c in commands {
      out += "  " + c.spec.name.padding(toLength: width, withPad: " ", startingAt: 0)
      out += TextWrap.wrap(c.spec.summary, used: width + 2, indent: width + 2) + "\n"
    }
    out +=
      "\n"
      + TextWrap.paragraphs(
        """
        'anyint-conformance <command> --help' shows a command's options; -V prints the version.
        exit codes: 0 every selected scenario passed; 1 a scenario failed or errored; 2 invalid input or options.
        """) + "\n"
    return out
  }

  /// `mock --help`: the group's subcommands.
  static func help(group: String, abstract: String) -> String {
    let members = subcommands(of: group)
    let width = (members.map { $0.spec.words[1].count }.max() ?? 0) + 2
    var out = "\(abstract)\n\nusage: anyint-conformance \(group) <subcommand> [options]\n\n"
    out += "subcommands:\n"
    for c in members {
      out += "  " + c.spec.words[1].padding(toLength: width, withPad: " ", startingAt: 0)
      out += TextWrap.wrap(c.spec.summary, used: width + 2, indent: width + 2) + "\n"
    }
    out += "\n'anyint-conformance \(group) <subcommand> --help' shows a subcommand's options.\n"
    return out
  }
}
