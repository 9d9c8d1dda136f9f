import ConformanceCore

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
      + ".\nDiagnoses and findings: " + DiagnosisCatalog.ids.joined(separator: ", ") + ".")

  func execute(_ parsed: ParsedArguments) async throws(UsageError) -> ExitCode {
    let json = try parsed.get(Self.format) == .json
    guard parsed.positionals.count <= 1 else {
      throw UsageError(
        .unexpectedArgument, option: parsed.positionals[1],
        "explain takes at most one situation, status or id")
    }
    guard let arg = parsed.positionals.first else {
      cli.terminal.out(
        json ? JSONWriter.string(Self.tableJSON(), style: .pretty) : Self.tableText())
      return .success
    }
    if let situation = Situation(rawValue: arg) {
      cli.terminal.out(
        json
          ? JSONWriter.string(Self.rowJSON(RetryTable.row(for: situation)), style: .pretty)
          : Self.rowText(RetryTable.row(for: situation)))
      return .success
    }
    if let entry = DiagnosisCatalog.entry(arg) {
      cli.terminal.out(
        json ? JSONWriter.string(Self.entryJSON(entry), style: .pretty) : Self.entryText(entry))
      return .success
    }
    if let status = Int(arg), (100...599).contains(status) {
      cli.terminal.out(
        json ? JSONWriter.string(Self.statusJSON(status), style: .pretty) : Self.statusText(status))
      return .success
    }
    var message =
      "'\(arg)' is not a situation, an HTTP status (100-599), or a diagnosis or finding id"
    let names = Situation.allCases.map(\.rawValue) + DiagnosisCatalog.ids
    if let guess = ArgumentParser.closest(to: arg, in: names, within: 3) {
      message += "; did you mean '\(guess)'?"
    } else {
      message +=
        "; situations: " + Situation.allCases.map(\.rawValue).joined(separator: ", ")
        + "; ids: " + DiagnosisCatalog.ids.joined(separator: ", ")
    }
    throw UsageError(.invalidValue, option: arg, message)
  }

  static func tableText() -> String {
    var out = "Retry guidance (\(RetryTable.source))\n\n"
    let w = (RetryTable.rows.map(\.situation.rawValue.count).max() ?? 0) + 2
    out +=
      "situation".padding(toLength: w, withPad: " ", startingAt: 0)
      + "retry".padding(toLength: 20, withPad: " ", startingAt: 0)
      + "documented row / guidance\n"
    for r in RetryTable.rows {
      let retry = r.decision?.rawValue ?? "-"
      out +=
        r.situation.rawValue.padding(toLength: w, withPad: " ", startingAt: 0)
        + retry.padding(toLength: 20, withPad: " ", startingAt: 0)
      out += r.documentedSituation + (r.isDocumented ? "" : " (added by the harness)") + "\n"
      out += String(repeating: " ", count: w + 20) + r.guidance + "\n"
    }
    out += "\nCommon HTTP outcomes\n\n"
    for s in RetryTable.statusRows {
      out +=
        "\(s.status)  \(s.meaning.padding(toLength: 42, withPad: " ", startingAt: 0)) \(s.typicalAction)  -> \(s.situation.rawValue)\n"
    }
    out +=
      "\nOther statuses: 502, 504 and 529 (Anthropic's overloaded) classify as upstream-unavailable; 404 naming a model and 403 about a model as model-unavailable; everything else outside the table is undocumented. AI Music 'code' values in the body win over the HTTP status: "
    out +=
      Classifier.musicCodes.keys.sorted().map {
        "\($0) \(Classifier.musicCodes[$0]?.situation.rawValue ?? "")"
      }.joined(separator: ", ") + ".\n"
    for kind in [CatalogEntry.Kind.diagnosis, .finding] {
      let ids = DiagnosisCatalog.entries.filter { $0.kind == kind }.map(\.id)
      out +=
        "\n\(kind == .diagnosis ? "Diagnoses (about the request sent)" : "Findings (about the gateway's answer)"): "
        + ids.joined(separator: ", ") + "\n"
    }
    out += "'explain ID' says what one means and what to do about it.\n"
    return out
  }

  static func entryText(_ e: CatalogEntry) -> String {
    "\(e.id) (\(e.kind.rawValue))\n  when: \(e.when)\n  do: \(e.action)\n"
  }

  static func entryJSON(_ e: CatalogEntry) -> JSONValue {
    [
      "id": .string(e.id), "kind": .string(e.kind.rawValue), "when": .string(e.when),
      "action": .string(e.action),
    ]
  }

  static func rowText(_ r: RetryRow) -> String {
    var out = "\(r.situation.rawValue)\n"
    out +=
      "  documented row: \(r.documentedSituation)\(r.isDocumented ? "" : " (added by the harness; not in AnyInt's table)")\n"
    out += "  retry: \(r.decision?.rawValue ?? "none") (documented: \(r.documentedRetry))\n"
    out += "  guidance: \(r.guidance)\n"
    let statuses = RetryTable.statusRows.filter { $0.situation == r.situation }
    for s in statuses { out += "  status \(s.status): \(s.meaning); \(s.typicalAction)\n" }
    return out
  }

  static func statusText(_ status: Int) -> String {
    var out = ""
    if let row = RetryTable.statusRow(for: status) {
      out += "\(status): \(row.meaning) (documented)\n  typical action: \(row.typicalAction)\n"
    } else {
      out += "\(status): not in the documented status table\n"
    }
    let c = Classifier.classify(Observation(status: status, path: "/openai/v1/chat/completions"))
    out +=
      "  without a more specific error body: \(c.situation.rawValue), retry \(c.decision?.rawValue ?? "none")\n"
    out += "  why: \(c.reason)\n  guidance: \(c.guidance)\n"
    if status == 403 {
      out +=
        "  a 403 whose error names the model classifies as model-unavailable (no-immediate-retry).\n"
    }
    if status == 404 {
      out +=
        "  a 404 whose error names the model classifies as model-unavailable; a 404 for an unpublished route is undocumented.\n"
    }
    if status == 429 {
      out +=
        "  rate limits and exhausted quotas share this row; the report says which one the error names.\n"
    }
    return out
  }

  static func rowJSON(_ r: RetryRow) -> JSONValue {
    [
      "situation": .string(r.situation.rawValue), "retry": .optionalString(r.decision?.rawValue),
      "documentedRow": .string(r.documentedSituation),
      "documentedRetry": .string(r.documentedRetry), "guidance": .string(r.guidance),
      "documented": .bool(r.isDocumented),
      "statuses": .array(
        RetryTable.statusRows.filter { $0.situation == r.situation }.map {
          .number(Double($0.status))
        }),
    ]
  }

  static func tableJSON() -> JSONValue {
    [
      "source": .string(RetryTable.source),
      "situations": .array(RetryTable.rows.map(rowJSON)),
      "statuses": .array(
        RetryTable.statusRows.map {
          [
            "status": .number(Double($0.status)), "meaning": .string($0.meaning),
            "typicalAction": .string($0.typicalAction),
            "situation": .string($0.situation.rawValue),
          ]
        }),
      "diagnosesAndFindings": .array(DiagnosisCatalog.entries.map(entryJSON)),
    ]
  }

  static func statusJSON(_ status: Int) -> JSONValue {
    let c = Classifier.classify(Observation(status: status, path: "/openai/v1/chat/completions"))
    let row = RetryTable.statusRow(for: status)
    return [
      "status": .number(Double(status)), "documented": .bool(row != nil),
      "meaning": .optionalString(row?.meaning),
      "typicalAction": .optionalString(row?.typicalAction),
      "situation": .string(c.situation.rawValue), "retry": .optionalString(c.decision?.rawValue),
      "reason": .string(c.reason), "guidance": .string(c.guidance),
    ]
  }
}
