import ConformanceCore

/// Every check a scenario file asks for, with what it expects and where it is written: the HTML report lists
/// them all in a scenario's detail (report.json carries only the checks that failed).
///
/// Check names are the `CheckKind` names failures carry (`status`, `error.type`, `json $.id`,
/// `stream.complete`, ...), so the page can put each failure next to its check.
public enum ExpectationList {
  /// `{"file", "checks": [...]}` for a single-request scenario, `{"file", "steps": {"step id": [...]}}` for a
  /// step one; each check is `{"check", "expected", "at"}`, `at` being `line:col` in `file` (or a whole
  /// `file:line:col` when the check is written in another file). Positions relative to the file make checks
  /// of similar scenarios identical, which the page's packing then writes once.
  public static func json(for scenario: Scenario) -> JSONValue {
    let file = scenario.source.file
    switch scenario.body {
    case .exchange(let e):
      return ["file": .string(file), "checks": .array(checks(e.expect, file: file))]
    case .steps(let steps):
      var o = JSONObject()
      for s in steps {
        if case .request(let r) = s.kind, let e = r.expect {
          o[s.id] = .array(checks(e, file: file))
        }
      }
      return ["file": .string(file), "steps": .object(o)]
    }
  }

  public static func checks(_ e: ScenarioExpectation, file: String) -> [JSONValue] {
    var out: [JSONValue] = []
    func add(_ kind: CheckKind, _ expected: String, _ ref: SourceRef) {
      let at = ref.file == file ? "\(ref.line):\(ref.column)" : ref.description
      out.append(["check": .string(kind.name), "expected": .string(expected), "at": .string(at)])
    }
    if let s = e.status { add(.status, s.value.description, s.ref) }
    if let env = e.envelope { add(.envelope, env.value.rawValue, env.ref) }
    for c in e.error { add(.error(c.field), c.matcher.expectedDescription, c.ref) }
    if let s = e.situation { add(.situation, s.value.rawValue, s.ref) }
    if let r = e.retry { add(.retry, r.value.rawValue, r.ref) }
    for h in e.headers { add(.header(h.name), h.matcher.expectedDescription, h.ref) }
    for j in e.json { add(.json("\(j.path)"), j.matcher.expectedDescription, j.ref) }
    if let s = e.stream {
      if let f = s.format { add(.stream(.format), f.rawValue, s.ref) }
      if let c = s.complete { add(.stream(.complete), c ? "complete" : "incomplete", s.ref) }
      if let n = s.minEvents { add(.stream(.minEvents), "at least \(n) events", s.ref) }
      if let names = s.events { add(.stream(.events), names.joined(separator: ", "), s.ref) }
      if let m = s.error { add(.stream(.error), m.expectedDescription, s.ref) }
      add(.stream(.order), "events in the order the format defines", s.ref)
    }
    if let l = e.latencyMaxMs { add(.latency, "at most \(l.value) ms", l.ref) }
    if let d = e.diagnoses { add(.diagnoses, d.value.joined(separator: ", "), d.ref) }
    return out
  }
}
