/// A command-line option, documented once: the parser and `--help` both read it.
struct OptionSpec: Sendable {
  let name: String
  /// The placeholder for the value (`N`, `DIR`); nil for a flag.
  let value: String?
  let help: String
  let repeatable: Bool
  /// Other spellings the parser accepts, such as a short `-k`.
  let aliases: [String]

  init(
    _ name: String, value: String? = nil, repeatable: Bool = false, aliases: [String] = [],
    _ help: String
  ) {
    self.name = name
    self.value = value
    self.help = help
    self.repeatable = repeatable
    self.aliases = aliases
  }

  var isFlag: Bool { value == nil }

  /// Whether a command-line word (without any `=value`) names this option.
  func matches(_ word: String) -> Bool { word == name || aliases.contains(word) }

  /// How `--help` shows the option: `  --name VALUE`, aliases first (`  -k, --insecure`).
  var synopsis: String {
    "  " + (aliases + [name]).joined(separator: ", ") + (value.map { " \($0)" } ?? "")
  }

  /// The same option documented differently for one command.
  func withHelp(_ text: String) -> OptionSpec {
    OptionSpec(name, value: value, repeatable: repeatable, aliases: aliases, text)
  }

  /// The same option with other spellings too.
  func withAliases(_ more: [String]) -> OptionSpec {
    OptionSpec(name, value: value, repeatable: repeatable, aliases: aliases + more, help)
  }
}

extension [OptionSpec] {
  /// The list with one option's help text replaced (a command that words a shared option its own way).
  func overriding(_ name: String, help: String) -> [OptionSpec] {
    map { $0.name == name ? $0.withHelp(help) : $0 }
  }
}
