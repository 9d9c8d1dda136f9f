import ConformanceCore
import ConformanceReports

/// `explain [SITUATION|STATUS|ID]`: the documented retry table, one row of it, what a status means, or what a
/// diagnosis or finding id in a report means and what to do about it.
struct ExplainCommand: Command {
  let cli: CLI

  static let format = TextFormat.option(for: "explain")

  static let spec = CommandSpec(
    name: "explain",
    summary: "print the documented retry table, or the row for one situation or status",
    abstract:
      "Print the documented retry table, the row for one situation or HTTP status, or what a diagnosis or finding id means.",
    positional: "[SITUATION|STATUS|ID]",
    options: [format.spec],
    discussion: "Situations: " + Situation.allCases.map(\.rawValue).joined(separator: ", ")
      + ".\nDiagnoses and findings: " + NoteID.allCases.map(\.rawValue).joined(separator: ", ")
      + ".")

  func execute(_ parsed: ParsedArguments) async throws(UsageError) -> ExitCode {
    let json = try parsed.get(Self.format) == .json
    guard parsed.positionals.count <= 1 else {
      throw UsageError(
        .unexpectedArgument, option: parsed.positionals[1],
        "explain takes at most one situation, status or id")
    }
    guard let arg = parsed.positionals.first else {
      cli.out(
        json
          ? JSONWriter.string(ExplainReport.tableJSON(), style: .pretty) : ExplainReport.tableText()
      )
      return .success
    }
    if let situation = Situation(rawValue: arg) {
      cli.out(
        json
          ? JSONWriter.string(ExplainReport.rowJSON(RetryTable.row(for: situation)), style: .pretty)
          : ExplainReport.rowText(RetryTable.row(for: situation)))
      return .success
    }
    if let entry = NoteID(rawValue: arg) {
      cli.out(
        json
          ? JSONWriter.string(ExplainReport.entryJSON(entry), style: .pretty)
          : ExplainReport.entryText(entry))
      return .success
    }
    if let status = Int(arg), (100...599).contains(status) {
      cli.out(
        json
          ? JSONWriter.string(ExplainReport.statusJSON(status), style: .pretty)
          : ExplainReport.statusText(status))
      return .success
    }
    var message =
      "'\(arg)' is not a situation, an HTTP status (100-599), or a diagnosis or finding id"
    let names = Situation.allCases.map(\.rawValue) + NoteID.allCases.map(\.rawValue)
    if let guess = ArgumentParser.closest(to: arg, in: names, within: 3) {
      message += "; did you mean '\(guess)'?"
    } else {
      message +=
        "; situations: " + Situation.allCases.map(\.rawValue).joined(separator: ", ")
        + "; ids: " + NoteID.allCases.map(\.rawValue).joined(separator: ", ")
    }
    throw UsageError(.invalidValue, option: arg, message)
  }
}
