/// Checks an expectation against the facts of an answer; every failed check is listed, in the order written.
public enum Evaluator {
  public static func evaluate(_ e: ScenarioExpectation, _ f: AnswerFacts) -> [CheckFailure] {
    var out: [CheckFailure] = []
    let statusText = f.status.map(String.init) ?? "no answer"
    if let s = e.status, !(f.status.map(s.value.holds) ?? false) {
      out.append(
        CheckFailure(.status, expected: s.value.description, actual: statusText, ref: s.ref)
      )
    }
    if let env = e.envelope, !env.value.holds(f.envelope.kind) {
      out.append(
        CheckFailure(
          .envelope, expected: env.value.rawValue, actual: f.envelope.kind.rawValue,
          ref: env.ref))
    }
    for check in e.error {
      let actual = f.envelope.error?.field(check.field)
      if let failure = check.matcher.evaluate(actual) {
        let note = f.envelope.error == nil ? "the body has no recognised error envelope" : nil
        out.append(
          CheckFailure(
            .error(check.field), expected: failure.expected,
            actual: failure.actual, ref: check.ref, note: note))
      }
    }
    if let s = e.situation, s.value != f.situation {
      out.append(
        CheckFailure(
          .situation, expected: s.value.rawValue, actual: f.situation?.rawValue ?? "none",
          ref: s.ref))
    }
    if let r = e.retry {
      let actual = f.situation.flatMap(RetryTable.decision(for:))
      if actual != r.value {
        out.append(
          CheckFailure(
            .retry, expected: r.value.rawValue,
            actual: actual?.rawValue ?? "none (\(f.situation?.rawValue ?? "no situation"))",
            ref: r.ref)
        )
      }
    }
    for h in e.headers {
      let values = f.headers.values(for: h.name)
      let actual: JSONValue? = values.isEmpty ? nil : .string(values.joined(separator: ", "))
      if let failure = h.matcher.evaluate(actual) {
        out.append(
          CheckFailure(
            .header(h.name), expected: failure.expected, actual: failure.actual,
            ref: h.ref))
      }
    }
    for j in e.json {
      let actual = f.body.flatMap { j.path.evaluate(in: $0) }
      if let failure = j.matcher.evaluate(actual) {
        let note = f.bodyIsJSON ? nil : "the body is not JSON"
        out.append(
          CheckFailure(
            .json("\(j.path)"), expected: failure.expected, actual: failure.actual, ref: j.ref,
            note: note))
      }
    }
    if let s = e.stream { out += evaluateStream(s, f.stream) }
    if let l = e.latencyMaxMs, f.latencyMs > Double(l.value) {
      out.append(
        CheckFailure(
          .latency, expected: "at most \(l.value) ms",
          actual: "\(Saturating.whole(f.latencyMs.rounded())) ms", ref: l.ref))
    }
    if let d = e.diagnoses {
      let have = Set(f.diagnoses.map(\.id.rawValue))
      let missing = d.value.filter { !have.contains($0) }
      if !missing.isEmpty {
        out.append(
          CheckFailure(
            .diagnoses, expected: d.value.joined(separator: ", "),
            actual: f.diagnoses.isEmpty
              ? "none" : f.diagnoses.map(\.id.rawValue).joined(separator: ", "),
            ref: d.ref,
            note: "missing: " + missing.joined(separator: ", ")))
      }
    }
    return out
  }

  /// The `stream` expectation: format, completeness, event count and order, the mid-stream error, and (when a
  /// stream is expected at all) the order rules of its format.
  static func evaluateStream(_ e: StreamExpectation, _ s: StreamAnalysis?) -> [CheckFailure] {
    guard let s else {
      return [
        CheckFailure(
          .stream(.shape), expected: "an event stream",
          actual: "a plain body (no text/event-stream answer)", ref: e.ref)
      ]
    }
    var out: [CheckFailure] = []
    if let f = e.format, s.format != f {
      out.append(
        CheckFailure(
          .stream(.format), expected: f.rawValue, actual: s.format?.rawValue ?? "unknown",
          ref: e.ref))
    }
    if let c = e.complete, c != s.complete {
      let actual =
        s.complete
        ? "complete"
        : "ended before its terminal event after \(s.events.count) event\(s.events.count == 1 ? "" : "s")"
          + (s.endedMidEvent ? ", mid-event" : "")
      out.append(
        CheckFailure(
          .stream(.complete), expected: c ? "complete" : "incomplete", actual: actual,
          ref: e.ref))
    }
    if let n = e.minEvents, s.events.count < n {
      out.append(
        CheckFailure(
          .stream(.minEvents), expected: "at least \(n) event\(n == 1 ? "" : "s")",
          actual: "\(s.events.count)",
          ref: e.ref))
    }
    if let names = e.events, let why = s.eventsMismatch(names) {
      out.append(
        CheckFailure(
          .stream(.events), expected: names.joined(separator: ", "),
          actual: StreamAnalysis.summarize(s.eventNames), ref: e.ref, note: why))
    }
    if let m = e.error, let failure = m.evaluate(s.error.flatMap { $0.type ?? $0.code }) {
      out.append(
        CheckFailure(
          .stream(.error), expected: failure.expected, actual: failure.actual, ref: e.ref,
          note: "the matcher sees the error event's type"))
    }
    for problem in s.problems where !s.endingProblems.contains(problem) {
      out.append(
        CheckFailure(
          .stream(.order), expected: "events in the order the format defines",
          actual: problem, ref: e.ref))
    }
    return out
  }
}
