import ConformanceCore

/// `explain`'s output: the documented retry table, one row of it, what a status means, and what a diagnosis or
/// finding id means, as text or JSON.
public enum ExplainReport {
  public static func tableText() -> String {
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
    for kind in [NoteID.Kind.diagnosis, .finding] {
      let ids = NoteID.all(kind).map(\.rawValue)
      out +=
        "\n\(kind == .diagnosis ? "Diagnoses (about the request sent)" : "Findings (about the gateway's answer)"): "
        + ids.joined(separator: ", ") + "\n"
    }
    out += "'explain ID' says what one means and what to do about it.\n"
    return out
  }

  public static func entryText(_ e: NoteID) -> String {
    "\(e.rawValue) (\(e.kind.rawValue))\n  when: \(e.when)\n  do: \(e.action)\n"
  }

  public static func entryJSON(_ e: NoteID) -> JSONValue {
    [
      "id": .string(e.rawValue), "kind": .string(e.kind.rawValue), "when": .string(e.when),
      "action": .string(e.action),
    ]
  }

  public static func rowText(_ r: RetryRow) -> String {
    var out = "\(r.situation.rawValue)\n"
    out +=
      "  documented row: \(r.documentedSituation)\(r.isDocumented ? "" : " (added by the harness; not in AnyInt's table)")\n"
    out += "  retry: \(retryWording(r))\n"
    out += "  guidance: \(r.guidance)\n"
    let statuses = RetryTable.statusRows.filter { $0.situation == r.situation }
    for s in statuses { out += "  status \(s.status): \(s.meaning); \(s.typicalAction)\n" }
    return out
  }

  /// `later (as documented)`, `poll (documented: Poll, do not recreate)`, `none (the docs give no decision)`.
  static func retryWording(_ r: RetryRow) -> String {
    let decided = r.decision?.rawValue ?? "none"
    guard r.documentedRetry != "-" else { return "\(decided) (the docs give no decision)" }
    func words(_ s: String) -> String {
      s.lowercased().split(whereSeparator: { !$0.isLetter }).joined(separator: " ")
    }
    if words(decided) == words(r.documentedRetry) { return "\(decided) (as documented)" }
    return "\(decided) (documented: \(r.documentedRetry))"
  }

  public static func statusText(_ status: Int) -> String {
    var out = ""
    if let row = RetryTable.statusRow(for: status) {
      out += "\(status): \(row.meaning) (documented)\n  typical action: \(row.typicalAction)\n"
    } else if (200..<300).contains(status) {
      let row = RetryTable.row(for: .success)
      out +=
        "\(status): a 2xx answer: the retry table's \(row.situation.rawValue) row (AnyInt's status table lists only errors)\n"
      out += rowText(row).split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n"
    } else {
      out += "\(status): not in the documented status table\n"
    }
    let c = Classifier.classify(Observation(status: status, path: "/openai/v1/chat/completions"))
    out +=
      "  without a more specific error body: \(c.situation.rawValue), retry \(c.decision?.rawValue ?? "none")\n"
    out += "  why: \(c.reason)\n"
    // A 2xx prints its row above, guidance included.
    if !(200..<300).contains(status) { out += "  guidance: \(c.guidance)\n" }
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

  public static func rowJSON(_ r: RetryRow) -> JSONValue {
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

  public static func tableJSON() -> JSONValue {
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
      "diagnosesAndFindings": .array(NoteID.allCases.map(entryJSON)),
    ]
  }

  public static func statusJSON(_ status: Int) -> JSONValue {
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
