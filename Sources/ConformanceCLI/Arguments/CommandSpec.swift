/// A command's interface: the words that call it, what it is for, its options and what its positional arguments
/// mean. `--help`, the top-level command list and the parser are all generated from it.
struct CommandSpec: Sendable {
  /// `run`, or `mock serve` for a subcommand of a command group.
  let name: String
  /// The command's line in the top-level command list.
  let summary: String
  /// The first line of the command's `--help`.
  let abstract: String
  let positional: String?
  let options: [OptionSpec]
  let discussion: String?

  init(
    name: String, summary: String, abstract: String, positional: String? = nil,
    options: [OptionSpec], discussion: String? = nil
  ) {
    self.name = name
    self.summary = summary
    self.abstract = abstract
    self.positional = positional
    self.options = options
    self.discussion = discussion
  }

  /// The words of the name: `["mock", "serve"]`.
  var words: [String] { name.split(separator: " ").map(String.init) }

  /// `report merge REPORT.json...`: the name with what its arguments are.
  var invocation: String { name + (positional.map { " \($0)" } ?? "") }

  /// The widest synopsis column `--help` uses; longer synopses put their help on the next line.
  static let synopsisColumn = 28

  var help: String {
    var out = TextWrap.paragraphs(abstract, indent: 0) + "\n\n"
    out +=
      TextWrap.wrap(
        "usage: anyint-conformance \(name)" + (options.isEmpty ? "" : " [options]")
          + (positional.map { " \($0)" } ?? ""), indent: 4) + "\n"
    if !options.isEmpty {
      out += "\noptions:\n"
      let shown = options.map(\.synopsis)
      let width = min(Self.synopsisColumn, (shown.map(\.count).max() ?? 0) + 2)
      for (o, s) in zip(options, shown) {
        let pad =
          s.count < width
          ? String(repeating: " ", count: width - s.count)
          : "\n" + String(repeating: " ", count: width)
        let text = o.help + (o.repeatable ? " (repeatable)" : "")
        out += s + pad + TextWrap.wrap(text, used: width, indent: width) + "\n"
      }
      out += "  --help" + String(repeating: " ", count: max(2, width - 8)) + "show this help\n"
    }
    if let discussion { out += "\n" + TextWrap.paragraphs(discussion) + "\n" }
    return out
  }
}
