import ConformanceCore
import Foundation

/// The field tables of `report.json` (report v1): one row per key, in the order the report writes them.
/// `JSONReport` writes with them and `JSONReportReader` reads with them; a field added here is written and
/// read back.
enum ReportFields {
  /// The run's own fields (its scenarios are written one at a time after these).
  static let run: [ReportField<RunResult>] = [
    ReportField("tool") { run, _ in
      ["name": .string(run.toolName), "version": .string(run.toolVersion)]
    },
    ReportField("reportVersion") { _, _ in .number(Double(JSONReport.formatVersion)) },
    // The id every file of the set carries (junit.xml's runId property, report.md's last line).
    .value("runId", \.runId, .string),
    // Present only when a signal stopped the run.
    ReportField(
      "interrupted", write: { run, _ in run.interrupted.map(JSONValue.string) },
      read: { run, v in run.interrupted = v.stringValue }),
    .value("target", \.target, .object(target, empty: TargetInfo(kind: "unknown"))),
    ReportField(
      "startedAt", write: { run, _ in .string(JSONReport.timestamp(run.startedAt)) },
      read: { run, v in
        run.startedAt =
          v.stringValue.flatMap { ISO8601DateFormatter().date(from: $0) } ?? run.startedAt
      }),
    .value("durationMs", \.durationMs, .ms),
    ReportField("summary") { run, _ in
      let s = run.summary
      return [
        "total": .number(Double(s.total)), "passed": .number(Double(s.passed)),
        "failed": .number(Double(s.failed)),
        "errored": .number(Double(s.errored)), "skipped": .number(Double(s.skipped)),
      ]
    },
  ]

  static let target: [ReportField<TargetInfo>] = [
    .value("kind", \.kind, .string),
    .value("baseURL", \.baseURL, .optional(.string)),
    ReportField(
      "fixtures", write: { t, _ in t.fixtures.map(JSONValue.string) },
      read: { t, v in t.fixtures = v.stringValue }),
    // Live targets: how the gateway was reached (absent for fixtures).
    ReportField(
      "proxy", write: { t, _ in t.connection.map { $0.proxy.map(JSONValue.string) ?? .null } },
      read: { t, v in connection(&t) { $0.proxy = v.stringValue } }),
    ReportField(
      "insecure", write: { t, _ in t.connection.map { .bool($0.insecure) } },
      read: { t, v in connection(&t) { $0.insecure = v.boolValue ?? false } }),
    ReportField(
      "rewrites",
      write: { t, c in t.connection.map { rewrites.encode($0.rewrites, c) } },
      read: { t, v in connection(&t) { $0.rewrites = rewrites.decode(v) ?? [] } }),
  ]

  static let rewrites = ReportCodec<[ConnectionInfo.Rewrite]>.array(
    .object(
      [.value("from", \.from, .string), .value("to", \.to, .string)],
      empty: ConnectionInfo.Rewrite(from: "", to: "")))

  /// Changes a target's connection, making one when the report is the first to say it.
  static func connection(_ t: inout TargetInfo, _ change: (inout ConnectionInfo) -> Void) {
    var c = t.connection ?? ConnectionInfo()
    change(&c)
    t.connection = c
  }

  static let scenario: [ReportField<ScenarioResult>] =
    scenarioHead + scenarioExchange + scenarioSteps

  static let scenarioExchange: [ReportField<ScenarioResult>] = exchange.map {
    $0.lifted(\ScenarioResult.record)
  }

  /// Steps carry no headers (the scenario's exchange has them).
  static let scenarioSteps: [ReportField<ScenarioResult>] = [
    ReportField(
      "steps",
      write: { r, _ in
        .array(
          r.steps.map {
            .object(writeStep($0, ReportContext(headers: false, outcome: $0.record.outcome)))
          })
      },
      read: { r, v in
        r.steps = (v.arrayValue ?? []).compactMap {
          decode($0, step, empty: StepResult(id: "", kind: .request))
        }
      })
  ]

  static let scenarioHead: [ReportField<ScenarioResult>] =
    [
      .value("id", \.id, .string),
      .value("summary", \.summary, .string),
      .value("outcome", \.record.outcome, .raw()),
      .value("durationMs", \.record.durationMs, .ms),
      ReportField(
        "file", write: { r, _ in .string(r.source.description) },
        read: { r, v in r.source = sourceRef(v.stringValue) }),
      .value("tags", \.tags, .strings),
      .value("family", \.family, .optional(.raw())),
      ReportField(
        "index", write: { r, _ in r.index.map { .number(Double($0)) } },
        read: { r, v in r.index = v.intValue }),
    ]

  static let step: [ReportField<StepResult>] = stepHead + stepExchange + stepTail

  static let stepHead: [ReportField<StepResult>] = [
    .value("id", \.id, .string),
    .value("kind", \.kind, .raw()),
    .value("outcome", \.record.outcome, .raw()),
    .value("durationMs", \.record.durationMs, .ms),
  ]

  static let stepExchange: [ReportField<StepResult>] = exchange.map {
    $0.lifted(\StepResult.record)
  }

  static let stepTail: [ReportField<StepResult>] = [
    ReportField(
      "polls", write: { s, _ in only(s.kind == .poll, .number(Double(s.polls))) },
      read: { s, v in s.polls = v.intValue ?? 0 }),
    ReportField(
      "states", write: { s, c in only(s.kind == .poll, ReportCodec.strings.encode(s.states, c)) },
      read: { s, v in s.states = ReportCodec.strings.decode(v) ?? [] }),
    ReportField(
      "captured",
      write: { s, c in only(!s.captured.isEmpty, ReportCodec.strings.encode(s.captured, c)) },
      read: { s, v in s.captured = ReportCodec.strings.decode(v) ?? [] }),
    ReportField(
      "callbacks",
      write: { s, c in only(s.kind == .webhook, callbacks.encode(s.callbacks, c)) },
      read: { s, v in s.callbacks = callbacks.decode(v) ?? [] }),
  ]

  static let callbacks = ReportCodec<[CallbackRecord]>.array(
    .object(
      [
        .value("callbackType", \.type, .optional(.string)),
        .value("taskId", \.taskID, .optional(.string)),
        .value("shape", \.shape, .string),
        .value("atMs", \.atMs, .ms),
        .value("duplicate", \.duplicate, .bool),
      ], empty: CallbackRecord(type: nil, taskID: nil, shape: "unknown", atMs: 0, duplicate: false))
  )

  /// The value when the condition holds; nil leaves the field out.
  static func only(_ condition: Bool, _ value: @autoclosure () -> JSONValue) -> JSONValue? {
    // Not `nil`: JSONValue is itself nil-literal-expressible, and `nil` would write `null`.
    condition ? .some(value()) : .none
  }

  /// Writes a value's fields, in table order, leaving out those that write nothing.
  static func write<T>(_ fields: [ReportField<T>], _ value: T, _ context: ReportContext)
    -> JSONObject
  {
    var members: [JSONObject.Member] = []
    members.reserveCapacity(fields.count)
    append(fields, value, context, to: &members)
    return JSONObject(members)
  }

  /// The members a table writes, appended (a table's keys are distinct, so no key is looked for first).
  static func append<T>(
    _ fields: [ReportField<T>], _ value: T, _ context: ReportContext,
    to members: inout [JSONObject.Member]
  ) {
    for f in fields {
      if let v = f.write(value, context) { members.append(JSONObject.Member(key: f.key, value: v)) }
    }
  }

  /// `write(scenario, r, context)`, with the exchange record's fields written from the record itself rather
  /// than through `lifted` (which copies the whole record out of the result once per field).
  static func writeScenario(_ r: ScenarioResult, _ context: ReportContext) -> JSONObject {
    var members: [JSONObject.Member] = []
    members.reserveCapacity(scenario.count)
    append(scenarioHead, r, context, to: &members)
    append(exchange, r.record, context, to: &members)
    append(scenarioSteps, r, context, to: &members)
    return JSONObject(members)
  }

  /// `write(step, s, context)`, likewise.
  static func writeStep(_ s: StepResult, _ context: ReportContext) -> JSONObject {
    var members: [JSONObject.Member] = []
    members.reserveCapacity(step.count)
    append(stepHead, s, context, to: &members)
    append(exchange, s.record, context, to: &members)
    append(stepTail, s, context, to: &members)
    return JSONObject(members)
  }

  /// Reads the fields an object holds into a value; missing fields keep the value's defaults.
  static func read<T>(_ fields: [ReportField<T>], from object: JSONValue, into value: inout T) {
    for f in fields {
      if let v = object[f.key] { f.read(&value, v) }
    }
  }

  /// `file:line:col` back into a source reference.
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
}
