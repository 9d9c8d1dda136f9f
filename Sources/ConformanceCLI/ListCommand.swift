import ConformanceCore
import ConformanceReports

/// `list [PATH...]`: the selected scenarios' ids, tags and summaries.
struct ListCommand: Command {
  let cli: CLI

  static let format = TextFormat.option(for: "list")

  static let spec = CommandSpec(
    name: "list", summary: "list scenario ids, tags and summaries after filtering",
    abstract: "List scenario ids, tags and summaries after filtering.",
    positional: "[PATH...]",
    options: SuiteOptions.options + [format.spec])

  func execute(_ parsed: ParsedArguments) async throws(UsageError) -> ExitCode {
    let format = try parsed.get(Self.format)
    let options = try SuiteOptions(parsed, environment: cli.environment)
    guard let suite = options.load(cli) else { return .invalidInput }
    let selected = options.filter.apply(suite.scenarios)
    if format == .json {
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
      cli.out(JSONWriter.string(.array(items), style: .pretty))
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
    out += "\(selected.count) of \(Wording.count(suite.scenarios.count, "scenario")) selected\n"
    cli.out(out)
    return .success
  }
}
