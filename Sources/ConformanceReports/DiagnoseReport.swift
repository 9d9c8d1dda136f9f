import ConformanceCore

/// `diagnose`'s output: the probe matrix with the verdict and advice as text, or the same as JSON for tools.
public enum DiagnoseReport {
  public static func text(_ d: RouteDiagnosis) -> String {
    let route = d.route
    var out =
      "diagnose \(route.method) \(route.path.escapingControlCharacters) (\(route.profile.displayName); documented: \(route.documentedHeaders)) at \(d.target.escapingControlCharacters)\n\n"
    // Probe names, the route and the answers' details come from outside: each is escaped to stay on its line.
    let probes = d.outcomes.map(\.probe.escapingControlCharacters)
    let w = max(30, (probes.map(\.count).max() ?? 0) + 2)
    out +=
      "probe".padding(toLength: w, withPad: " ", startingAt: 0)
      + "status  envelope   situation             result\n"
    for (o, probe) in zip(d.outcomes, probes) {
      out += probe.padding(toLength: w, withPad: " ", startingAt: 0)
      out += (o.status.map(String.init) ?? "-").padding(toLength: 8, withPad: " ", startingAt: 0)
      out += (o.envelope?.rawValue ?? "-").padding(toLength: 11, withPad: " ", startingAt: 0)
      out += (o.situation?.rawValue ?? "-").padding(toLength: 22, withPad: " ", startingAt: 0)
      out += o.result.rawValue + "\n"
    }
    out += "\nverdict: " + d.verdict.lines.joined(separator: "; ").escapingControlCharacters + "\n"
    for a in d.advice { out += a.escapingControlCharacters + "\n" }
    return out
  }

  public static func json(_ d: RouteDiagnosis) -> JSONValue {
    let route = d.route
    let verdict = d.verdict
    return [
      "route": .string(route.path), "method": .string(route.method),
      "family": .string(route.family.rawValue),
      "documented": .string(route.documentedHeaders), "target": .string(d.target),
      "probes": .array(
        d.outcomes.map {
          [
            "probe": .string($0.probe), "sent": .array($0.sent.map(JSONValue.string)),
            "status": .optionalInt($0.status),
            "envelope": .optionalString($0.envelope?.rawValue),
            "situation": .optionalString($0.situation?.rawValue),
            "result": .string($0.result.rawValue), "detail": .string($0.detail),
            "diagnoses": .array($0.diagnoses.map(note)),
          ]
        }),
      "verdict": [
        "asDocumented": .bool(verdict.asDocumented),
        "accepted": .array(verdict.accepted.map(JSONValue.string)),
        "wronglyAccepted": .array(verdict.wronglyAccepted.map(JSONValue.string)),
        "summary": .array(verdict.lines.map(JSONValue.string)),
      ],
      "advice": .array(d.advice.map(JSONValue.string)),
      "model": d.model.map(model) ?? .null,
    ]
  }

  static func model(_ m: ModelCheck) -> JSONValue {
    [
      "id": .string(m.id), "status": .optionalInt(m.outcome.status),
      "situation": .optionalString(m.outcome.situation?.rawValue),
      "diagnosis": m.note.map(note) ?? .null,
    ]
  }

  static func note(_ n: Note) -> JSONValue {
    ["id": .string(n.id.rawValue), "message": .string(n.message)]
  }
}
