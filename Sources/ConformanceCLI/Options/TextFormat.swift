/// The `--format` of commands that print to the terminal: text for people, JSON for tools.
enum TextFormat: String, CaseIterable, Sendable {
  case text, json

  /// `--format text|json` for a command; the error names the command.
  static func option(for command: String) -> Option<TextFormat> {
    .choice(
      "--format", "text|json", default: .text, label: "--format for \(command)",
      "output format (default text)")
  }
}
