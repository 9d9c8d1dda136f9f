import ConformanceCore

/// `list [PATH...]`: the selected scenarios' ids, tags and summaries.
struct ListCommand {
  let cli: CLI

  static let spec = CommandSpec(
    name: "list", abstract: "List scenario ids, tags and summaries after filtering.",
    positional: "[PATH...]",
    options: SuiteOptions.specs + [
      OptionSpec("--format", value: "text|json", "output format (default text)")
    ])

  func execute(_ args: [String]) throws(UsageError) -> ExitCode {
    guard let parsed = try cli.parse(args, Self.spec) else { return .success }
    let format = parsed.value("--format") ?? "text"
    guard ["text", "json"].contains(format) else {
      throw UsageError("--format for list takes text or json, not '\(format)'")
    }
    guard let suite = try SuiteOptions.load(parsed, cli: cli) else { return .invalidInput }
    let selected = SuiteOptions.filter(parsed).apply(suite.scenarios)
    if format == "json" {
      let items: [JSONValue] = selected.map {
        [
          "id": .string($0.id), "summary": .string($0.summary),
          "tags": .array($0.tags.map(JSONValue.string)),
          "family": .optionalString($0.family?.rawValue), "file": .string($0.source.description),
          "method": .optionalString($0.requests.first?.method),
          "path": .optionalString($0.requests.first?.path),
          "steps": .number(Double($0.steps.count)),
        ]
      }
      cli.terminal.out(JSONWriter.string(.array(items), style: .pretty))
      return .success
    }
    let width = min(60, selected.map(\.id.count).max() ?? 0)
    var out = ""
    for s in selected {
      let tags = s.tags.isEmpty ? "" : " [" + s.tags.joined(separator: ",") + "]"
      out +=
        s.id.padding(toLength: max(width, s.id.count), withPad: " ", startingAt: 0) + "  "
        + (s.summary + tags).escapingControlCharacters + "\n"
    }
    out += "\(selected.count) of \(suite.scenarios.count) scenarios selected\n"
    cli.terminal.out(out)
    return .success
  }
}
