import ConformanceCore
import Foundation

/// Reads a `report.json` back into a run, so shard reports can be merged and re-rendered in every format.
public enum JSONReportReader {
  public struct ReadError: Error, CustomStringConvertible {
    public var file: String
    public var reason: String
    public var description: String { "\(file): \(reason)" }
  }

  public static func read(_ bytes: [UInt8], file: String) throws(ReadError) -> RunResult {
    let root: JSONValue
    do {
      root = try JSONParser.parse(bytes)
    } catch {
      throw ReadError(
        file: file,
        reason: "not JSON (\(error.message) at byte \(error.offset)); give the report.json of a run"
      )
    }
    guard root["tool"]?["name"] == .string(ToolInfo.name),
      let scenarios = root["scenarios"]?.arrayValue
    else {
      throw ReadError(
        file: file, reason: "not an \(ToolInfo.name) report.json (no tool name or scenarios)")
    }
    var target = TargetInfo(
      kind: root["target"]?["kind"]?.stringValue ?? "unknown",
      baseURL: root["target"]?["baseURL"]?.stringValue,
      fixtures: root["target"]?["fixtures"]?.stringValue)
    if let t = root["target"], t["insecure"] != nil || t["proxy"] != nil || t["rewrites"] != nil {
      target.connection = ConnectionInfo(
        proxy: t["proxy"]?.stringValue, insecure: t["insecure"]?.boolValue ?? false,
        rewrites: t["rewrites"]?.arrayValue?.compactMap { r in
          guard let from = r["from"]?.stringValue, let to = r["to"]?.stringValue else { return nil }
          return ConnectionInfo.Rewrite(from: from, to: to)
        } ?? [])
    }
    let started =
      root["startedAt"]?.stringValue.flatMap { ISO8601DateFormatter().date(from: $0) }
      ?? Date(timeIntervalSince1970: 0)
    var run = RunResult(
      target: target, startedAt: started, durationMs: root["durationMs"]?.numberValue ?? 0,
      scenarios: [])
    for (i, s) in scenarios.enumerated() {
      guard let id = s["id"]?.stringValue,
        let outcome = s["outcome"]?.stringValue.flatMap(Outcome.init(rawValue:))
      else {
        throw ReadError(file: file, reason: "scenario \(i) has no id or outcome")
      }
      var r = ScenarioResult(
        id: id, summary: s["summary"]?.stringValue ?? "",
        tags: s["tags"]?.arrayValue?.compactMap(\.stringValue) ?? [],
        family: s["family"]?.stringValue.flatMap(Family.init(rawValue:)),
        source: sourceRef(s["file"]?.stringValue), outcome: outcome,
        durationMs: s["durationMs"]?.numberValue ?? 0)
      r.index = s["index"]?.intValue
      r.apply(exchange(s, outcome: outcome))
      r.durationMs = s["durationMs"]?.numberValue ?? 0
      r.steps = (s["steps"]?.arrayValue ?? []).map { st in
        let o = st["outcome"]?.stringValue.flatMap(Outcome.init(rawValue:)) ?? .errored
        var step = StepResult(
          id: st["id"]?.stringValue ?? "",
          kind: st["kind"]?.stringValue.flatMap(StepResult.Kind.init(rawValue:)) ?? .request,
          record: exchange(st, outcome: o))
        step.record.durationMs = st["durationMs"]?.numberValue ?? 0
        step.polls = st["polls"]?.intValue ?? 0
        step.states = st["states"]?.arrayValue?.compactMap(\.stringValue) ?? []
        step.captured = st["captured"]?.arrayValue?.compactMap(\.stringValue) ?? []
        step.callbacks = (st["callbacks"]?.arrayValue ?? []).map {
          CallbackRecord(
            type: $0["callbackType"]?.stringValue, taskID: $0["taskId"]?.stringValue,
            shape: $0["shape"]?.stringValue ?? "unknown",
            atMs: $0["atMs"]?.numberValue ?? 0, duplicate: $0["duplicate"]?.boolValue ?? false)
        }
        return step
      }
      run.scenarios.append(r)
    }
    return run
  }

  static func sourceRef(_ text: String?) -> SourceRef {
    guard let text else { return SourceRef(file: "", line: 0, column: 0) }
    let parts = text.split(separator: ":")
    if parts.count >= 3, let line = Int(parts[parts.count - 2]),
      let column = Int(parts[parts.count - 1])
    {
      return SourceRef(file: parts.dropLast(2).joined(separator: ":"), line: line, column: column)
    }
    return SourceRef(file: text, line: 0, column: 0)
  }

  static func exchange(_ s: JSONValue, outcome: Outcome) -> ExchangeRecord {
    var r = ExchangeRecord()
    r.outcome = outcome
    if let q = s["request"], q != .null {
      let headers =
        q["headers"]?.objectValue?.members.map {
          HTTPHeaders.Field(name: $0.key, value: $0.value.stringValue ?? "")
        } ?? []
      r.request = RequestSummary(
        method: q["method"]?.stringValue ?? "", target: q["target"]?.stringValue ?? "",
        auth: q["auth"]?.stringValue.flatMap(AuthFamily.init(rawValue:)) ?? .none,
        key: q["key"]?.stringValue.flatMap(KeyKind.init(rawValue:)) ?? .none, headers: headers,
        bodyBytes: 0)
    }
    if let o = s["observed"], o != .null {
      let error = o["error"].flatMap { e -> ErrorInfo? in
        guard e != .null else { return nil }
        return ErrorInfo(
          type: present(e["type"]), code: present(e["code"]), param: present(e["param"]),
          message: present(e["message"]))
      }
      r.observed = Observed(
        status: o["status"]?.intValue ?? 0,
        envelope: o["envelope"]?.stringValue.flatMap(EnvelopeKind.init(rawValue:)) ?? .none,
        error: error,
        headers: o["headers"]?.objectValue?.members.map {
          HTTPHeaders.Field(name: $0.key, value: $0.value.stringValue ?? "")
        } ?? [],
        latencyMs: o["latencyMs"]?.numberValue ?? 0, firstByteMs: nil,
        bodyBytes: o["bodyBytes"]?.intValue ?? 0, bodyExcerpt: nil)
      if let st = o["stream"], st != .null { r.observed?.stream = stream(st) }
      r.observed?.httpVersion = o["httpVersion"]?.stringValue
      if let t = o["timings"], t.objectValue != nil {
        r.observed?.timings = WireTimings(
          dnsMs: t["dnsMs"]?.numberValue ?? 0, connectMs: t["connectMs"]?.numberValue ?? 0,
          tlsMs: t["tlsMs"]?.numberValue ?? 0, firstByteMs: t["firstByteMs"]?.numberValue ?? 0,
          totalMs: t["totalMs"]?.numberValue ?? 0)
      }
    }
    r.situation = s["situation"]?.stringValue.flatMap(Situation.init(rawValue:))
    r.classificationReason = s["reason"]?.stringValue
    r.message = s["message"]?.stringValue
    r.faultKind = s["fault"]?.stringValue.flatMap(TransportFault.Kind.init(rawValue:))
    r.diagnoses = (s["diagnoses"]?.arrayValue ?? []).map {
      Diagnosis(id: $0["id"]?.stringValue ?? "", message: $0["message"]?.stringValue ?? "")
    }
    r.findings = (s["findings"]?.arrayValue ?? []).map {
      Finding(id: $0["id"]?.stringValue ?? "", message: $0["message"]?.stringValue ?? "")
    }
    r.sdk = (s["sdk"]?.objectValue?.members ?? []).compactMap { m in
      SDKDecision.SDK(rawValue: m.key).map {
        SDKDecision(
          sdk: $0, retries: m.value["retries"]?.boolValue ?? false,
          delayMs: m.value["delayMs"]?.numberValue, why: m.value["why"]?.stringValue ?? "")
      }
    }
    r.failures = (s["failures"]?.arrayValue ?? []).map {
      CheckFailure(
        check: $0["check"]?.stringValue ?? "", expected: $0["expected"]?.stringValue ?? "",
        actual: $0["actual"]?.stringValue ?? "",
        ref: $0["source"]?.stringValue.map { sourceRef($0) }, note: $0["note"]?.stringValue)
    }
    r.attempts = (s["attempts"]?.arrayValue ?? []).map {
      Attempt(
        status: $0["status"]?.intValue,
        situation: $0["situation"]?.stringValue.flatMap(Situation.init(rawValue:)),
        delayMs: $0["delayMs"]?.intValue ?? 0,
        fault: $0["fault"]?.stringValue)
    }
    return r
  }

  static func stream(_ v: JSONValue) -> StreamAnalysis {
    var s = StreamAnalysis(
      format: v["format"]?.stringValue.flatMap(StreamExpectation.Format.init(rawValue:)))
    s.complete = v["complete"]?.boolValue ?? false
    let count = v["events"]?.intValue ?? 0
    // The report keeps the count and a summary of names, not every event: enough to re-render.
    s.events = (0..<count).map { _ in StreamEventRecord(name: "event", atMs: 0) }
    s.timeToFirstEventMs = v["timeToFirstEventMs"]?.numberValue
    s.durationMs = v["durationMs"]?.numberValue ?? 0
    s.longestGapMs = v["longestGapMs"]?.numberValue
    s.endedMidEvent = v["endedMidEvent"]?.boolValue ?? false
    s.problems = v["problems"]?.arrayValue?.compactMap(\.stringValue) ?? []
    s.reportedNames = v["eventNames"]?.stringValue
    if let e = v["error"], e != .null {
      s.error = ErrorInfo(
        type: present(e["type"]), code: present(e["code"]), param: present(e["param"]),
        message: present(e["message"]))
    }
    return s
  }

  static func present(_ v: JSONValue?) -> JSONValue? {
    if let v, v != .null { return v }
    return nil
  }
}

/// Combines shard runs into one: every scenario once, in the order of the whole selection.
public enum ReportMerge {
  public struct MergeError: Error, CustomStringConvertible {
    public var description: String
  }

  public static func merge(_ runs: [RunResult]) throws(MergeError) -> RunResult {
    guard let first = runs.first else { throw MergeError(description: "no reports to merge") }
    var seen: [String: Int] = [:]
    var all: [ScenarioResult] = []
    for (n, run) in runs.enumerated() {
      for s in run.scenarios {
        if let other = seen[s.id] {
          throw MergeError(
            description:
              "scenario \"\(s.id)\" is in report \(other + 1) and report \(n + 1); each shard must run different scenarios"
          )
        }
        seen[s.id] = n
        all.append(s)
      }
    }
    // Scenarios with their selection index come back in that order; any without keep their report order after.
    let ordered = all.enumerated().sorted { a, b in
      switch (a.element.index, b.element.index) {
      case (let x?, let y?): return x != y ? x < y : a.offset < b.offset
      case (_?, nil): return true
      case (nil, _?): return false
      case (nil, nil): return a.offset < b.offset
      }
    }.map(\.element)
    let start = runs.map(\.startedAt).min() ?? first.startedAt
    let end = runs.map { $0.startedAt.addingTimeInterval($0.durationMs / 1000) }.max() ?? start
    return RunResult(
      target: first.target, startedAt: start, durationMs: end.timeIntervalSince(start) * 1000,
      scenarios: ordered)
  }
}
