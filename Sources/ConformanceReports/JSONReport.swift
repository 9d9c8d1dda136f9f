import ConformanceCore
import Foundation

/// `report.json`: report v1 as fixed by the scenario-format contract, plus fields that help reading it.
///
/// Fixed fields keep their names and meaning; added ones (`file`, `tags`, `family`, `request`, `reason`,
/// `message`, `latencyMs`) only add. Timings are whole milliseconds, as in the contract's example
/// (`"durationMs": 12`); the console and Markdown reports show sub-millisecond times.
public enum JSONReport {
  public static let formatVersion = 1

  /// The report as pretty JSON; scenarios are written one at a time so a large run never holds the whole
  /// report as one value.
  public static func render(_ run: RunResult) -> [UInt8] {
    guard case .object(var head) = value(run, scenarios: []) else { return [] }
    head["scenarios"] = nil
    var out = JSONWriter.bytes(.object(head), style: .pretty)
    // Reopen the object: drop the closing "\n}\n" and append the scenarios array.
    out.removeLast(3)
    out.append(contentsOf: ",\n  \"scenarios\": [".utf8)
    for (i, r) in run.scenarios.enumerated() {
      out.append(contentsOf: (i == 0 ? "\n    " : ",\n    ").utf8)
      JSONWriter.write(scenario(r), style: .pretty, indent: 2, into: &out)
    }
    out.append(contentsOf: (run.scenarios.isEmpty ? "]\n}\n" : "\n  ]\n}\n").utf8)
    return out
  }

  public static func value(_ run: RunResult) -> JSONValue {
    value(run, scenarios: run.scenarios)
  }

  static func value(_ run: RunResult, scenarios: [ScenarioResult]) -> JSONValue {
    let s = run.summary
    var root = JSONObject()
    root["tool"] = ["name": .string(run.toolName), "version": .string(run.toolVersion)]
    root["reportVersion"] = .number(Double(formatVersion))
    var target: JSONObject = [
      "kind": .string(run.target.kind), "baseURL": .optionalString(run.target.baseURL),
    ]
    if let f = run.target.fixtures { target["fixtures"] = .string(f) }
    if let c = run.target.connection {
      target["proxy"] = .optionalString(c.proxy)
      target["insecure"] = .bool(c.insecure)
      target["rewrites"] = .array(
        c.rewrites.map { .object(["from": .string($0.from), "to": .string($0.to)]) })
    }
    root["target"] = .object(target)
    root["startedAt"] = .string(timestamp(run.startedAt))
    root["durationMs"] = ms(run.durationMs)
    root["summary"] = [
      "total": .number(Double(s.total)), "passed": .number(Double(s.passed)),
      "failed": .number(Double(s.failed)),
      "errored": .number(Double(s.errored)), "skipped": .number(Double(s.skipped)),
    ]
    root["scenarios"] = .array(scenarios.map(scenario))
    return .object(root)
  }

  static func scenario(_ r: ScenarioResult) -> JSONValue {
    var o = JSONObject()
    o["id"] = .string(r.id)
    o["summary"] = .string(r.summary)
    o["outcome"] = .string(r.outcome.rawValue)
    o["durationMs"] = ms(r.durationMs)
    o["file"] = .string(r.source.description)
    o["tags"] = .array(r.tags.map(JSONValue.string))
    o["family"] = .optionalString(r.family?.rawValue)
    if let index = r.index { o["index"] = .number(Double(index)) }
    exchangeFields(r.record, into: &o, headers: true)
    o["steps"] = .array(r.steps.map(step))
    return .object(o)
  }

  /// A step: the same per-exchange fields as a scenario, plus what only steps have.
  static func step(_ s: StepResult) -> JSONValue {
    var o: JSONObject = [
      "id": .string(s.id), "kind": .string(s.kind.rawValue),
      "outcome": .string(s.record.outcome.rawValue), "durationMs": ms(s.record.durationMs),
    ]
    exchangeFields(s.record, into: &o, headers: false)
    if s.kind == .poll {
      o["polls"] = .number(Double(s.polls))
      o["states"] = .array(s.states.map(JSONValue.string))
    }
    if !s.captured.isEmpty { o["captured"] = .array(s.captured.map(JSONValue.string)) }
    if s.kind == .webhook {
      o["callbacks"] = .array(
        s.callbacks.map {
          [
            "callbackType": .optionalString($0.type), "taskId": .optionalString($0.taskID),
            "shape": .string($0.shape), "atMs": ms($0.atMs),
            "duplicate": .bool($0.duplicate),
          ]
        })
    }
    return .object(o)
  }

  /// The per-exchange fields report v1 gives a scenario, and each step of a step scenario.
  static func exchangeFields(_ r: ExchangeRecord, into o: inout JSONObject, headers: Bool) {
    if let req = r.request {
      var rq: JSONObject = [
        "method": .string(req.method), "target": .string(req.target),
        "auth": .string(req.auth.rawValue), "key": .string(req.key.rawValue),
      ]
      if headers {
        rq["headers"] = .object(
          JSONObject(req.headers.map { .init(key: $0.name, value: .string($0.value)) }))
      }
      o["request"] = .object(rq)
    } else {
      o["request"] = .null
    }
    if let obs = r.observed {
      var ob: JSONObject = [
        "status": .number(Double(obs.status)), "envelope": .string(obs.envelope.rawValue),
      ]
      ob["error"] = obs.error.map(errorValue) ?? .null
      ob["latencyMs"] = ms(obs.latencyMs)
      if headers {
        ob["headers"] = .object(
          JSONObject(obs.headers.map { .init(key: $0.name, value: .string($0.value)) }))
      }
      ob["bodyBytes"] = .number(Double(obs.bodyBytes))
      if let v = obs.httpVersion { ob["httpVersion"] = .string(v) }
      if let t = obs.timings {
        ob["timings"] = [
          "dnsMs": ms(t.dnsMs), "connectMs": ms(t.connectMs), "tlsMs": ms(t.tlsMs),
          "firstByteMs": ms(t.firstByteMs), "totalMs": ms(t.totalMs),
        ]
      }
      if let excerpt = obs.bodyExcerpt, r.outcome != .passed {
        ob["bodyExcerpt"] = .string(excerpt)
      }
      if let st = obs.stream { ob["stream"] = streamValue(st) }
      o["observed"] = .object(ob)
    } else {
      o["observed"] = .null
    }
    o["situation"] = .optionalString(r.situation?.rawValue)
    o["retry"] = .optionalString(r.retry?.rawValue)
    o["guidance"] = .optionalString(r.guidance)
    o["reason"] = .optionalString(r.classificationReason)
    o["message"] = .optionalString(r.message)
    if let kind = r.faultKind { o["fault"] = .string(kind.rawValue) }
    o["diagnoses"] = .array(
      r.diagnoses.map { ["id": .string($0.id), "message": .string($0.message)] })
    o["findings"] = .array(
      r.findings.map { ["id": .string($0.id), "message": .string($0.message)] })
    o["sdk"] = sdkValue(r.sdk)
    o["failures"] = .array(r.failures.map(failure))
    o["attempts"] = .array(
      r.attempts.map {
        [
          "status": .optionalInt($0.status), "situation": .optionalString($0.situation?.rawValue),
          "delayMs": .number(Double($0.delayMs)),
          "fault": .optionalString($0.fault),
        ]
      })
  }

  /// A stream's shape and timing: what the stream checks and the classifier looked at.
  static func streamValue(_ s: StreamAnalysis) -> JSONValue {
    [
      "format": .optionalString(s.format?.rawValue), "complete": .bool(s.complete),
      "events": .number(Double(s.events.count)),
      "eventNames": .string(s.reportedNames ?? StreamAnalysis.summarize(s.eventNames)),
      "timeToFirstEventMs": s.timeToFirstEventMs.map(ms) ?? .null,
      "durationMs": ms(s.durationMs), "longestGapMs": s.longestGapMs.map(ms) ?? .null,
      "endedMidEvent": .bool(s.endedMidEvent),
      "error": s.error.map(errorValue) ?? .null,
      "problems": .array(s.problems.map(JSONValue.string)),
    ]
  }

  /// The SDKs' view: `{"openai-python": {"retries", "delayMs", "why"}, ...}`.
  static func sdkValue(_ decisions: [SDKDecision]) -> JSONValue {
    .object(
      JSONObject(
        decisions.map {
          .init(
            key: $0.sdk.rawValue,
            value: [
              "retries": .bool($0.retries), "delayMs": $0.delayMs.map(ms) ?? .null,
              "why": .string($0.why),
            ])
        }))
  }

  static func errorValue(_ e: ErrorInfo) -> JSONValue {
    [
      "type": e.type ?? .null, "code": e.code ?? .null, "param": e.param ?? .null,
      "message": e.message ?? .null,
    ]
  }

  static func failure(_ f: CheckFailure) -> JSONValue {
    var o: JSONObject = [
      "check": .string(f.check), "expected": .string(f.expected), "actual": .string(f.actual),
    ]
    o["source"] = .optionalString(f.ref?.description)
    if let n = f.note { o["note"] = .string(n) }
    return .object(o)
  }

  /// Whole milliseconds, rounded to nearest: report v1 writes `durationMs` as an integer.
  static func ms(_ v: Double) -> JSONValue {
    .number(v.isFinite ? v.rounded() : 0)
  }

  static func timestamp(_ d: Date) -> String {
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withInternetDateTime]
    f.timeZone = TimeZone(identifier: "UTC")
    return f.string(from: d)
  }
}
