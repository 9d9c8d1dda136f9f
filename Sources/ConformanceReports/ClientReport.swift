import ConformanceCore
import Foundation

/// What a client report says about the run around the judgement: the twin, its faults, the command.
public struct ClientReportContext: Sendable {
  public struct Command: Sendable {
    /// The command line, with the valid key redacted.
    public var argv: [String]
    /// The exit status, when it exited.
    public var exitStatus: Int32?
    /// The signal that ended it, when one did.
    public var signal: Int32?

    public init(argv: [String], exitStatus: Int32?, signal: Int32?) {
      self.argv = argv
      self.exitStatus = exitStatus
      self.signal = signal
    }
  }

  public var startedAt: Date
  /// `contract`, `fixtures` or `contract+fixtures`.
  public var mode: String
  public var baseURL: String
  /// `--inject` values as given (`kind:rate`).
  public var injections: [(kind: String, rate: Double)]
  public var seed: UInt64?
  public var injectFirst: Int?
  public var taskMs: Int?
  public var command: Command?
  /// Exchanges and callbacks over the recorder's capacity, not judged.
  public var dropped: Int

  public init(
    startedAt: Date, mode: String, baseURL: String, injections: [(kind: String, rate: Double)] = [],
    seed: UInt64? = nil, injectFirst: Int? = nil, taskMs: Int? = nil, command: Command? = nil,
    dropped: Int = 0
  ) {
    self.startedAt = startedAt
    self.mode = mode
    self.baseURL = baseURL
    self.injections = injections
    self.seed = seed
    self.injectFirst = injectFirst
    self.taskMs = taskMs
    self.command = command
    self.dropped = dropped
  }
}

/// `client-report.json`: every client rule with its status (`held`, `broken`, `not exercised`), each broken
/// one's violations with the requests, times and fix, and the traffic they were judged on.
public enum ClientReport {
  public static let formatVersion = 1

  /// `held` when every exercised rule held, `broken` when one did not, `not exercised` when no rule was.
  public static func verdict(_ j: ClientJudgement) -> String {
    if !j.held { return ClientRuleStatus.broken.rawValue }
    return j.count(.notExercised) == j.rules.count
      ? ClientRuleStatus.notExercised.rawValue : ClientRuleStatus.held.rawValue
  }

  public static func render(_ j: ClientJudgement, _ c: ClientReportContext) -> [UInt8] {
    JSONWriter.bytes(value(j, c), style: .pretty)
  }

  public static func value(_ j: ClientJudgement, _ c: ClientReportContext) -> JSONValue {
    var root = JSONObject()
    root["tool"] = ["name": .string(ToolInfo.name), "version": .string(ToolInfo.version)]
    root["reportVersion"] = .number(Double(formatVersion))
    root["kind"] = "client-report"
    root["startedAt"] = .string(JSONReport.timestamp(c.startedAt))
    root["durationMs"] = JSONReport.ms(j.traffic.durationMs)
    var twin: JSONObject = [
      "mode": .string(c.mode), "baseURL": .string(c.baseURL),
      "inject": .array(
        c.injections.map { ["kind": .string($0.kind), "rate": .number($0.rate)] }),
      "seed": c.seed.map { .string(String($0)) } ?? .null,
      "injectFirst": .optionalInt(c.injectFirst),
    ]
    twin["taskMs"] = .optionalInt(c.taskMs)
    root["twin"] = .object(twin)
    root["command"] =
      c.command.map {
        [
          "argv": .array($0.argv.map(JSONValue.string)),
          "exitStatus": .optionalInt($0.exitStatus.map(Int.init)),
          "signal": .optionalInt($0.signal.map(Int.init)),
        ]
      } ?? .null
    root["options"] = [
      "maxAttempts": .number(Double(j.options.maxAttempts)),
      "minPollMs": .number(Double(j.options.minPollMs)),
      "noImmediateRetryMs": .number(Double(j.options.noImmediateRetryMs)),
    ]
    root["verdict"] = .string(verdict(j))
    root["summary"] = [
      "held": .number(Double(j.count(.held))), "broken": .number(Double(j.count(.broken))),
      "notExercised": .number(Double(j.count(.notExercised))),
      "requests": .number(Double(j.traffic.exchanges.count)),
      "callbacks": .number(Double(j.traffic.callbacks.count)),
      "dropped": .number(Double(c.dropped)),
    ]
    root["rules"] = .array(j.rules.map { rule($0, j) })
    root["requests"] = .array(j.traffic.exchanges.map(exchange))
    root["callbacks"] = .array(j.traffic.callbacks.map(callback))
    return .object(root)
  }

  static func rule(_ r: ClientRuleResult, _ j: ClientJudgement) -> JSONValue {
    [
      "id": .string(r.rule.rawValue), "summary": .string(r.rule.summary),
      "status": .string(r.status.rawValue), "checked": .number(Double(r.checked)),
      "violations": .array(
        r.violations.map { v in
          [
            "message": .string(v.message), "fix": .string(v.fix),
            "requests": .array(v.requests.compactMap { j.exchange($0) }.map(exchange)),
            "callbacks": .array(v.callbacks.compactMap { j.callback($0) }.map(callback)),
          ]
        }),
    ]
  }

  static func exchange(_ e: ClientExchange) -> JSONValue {
    var o: JSONObject = [
      "seq": .number(Double(e.seq)), "method": .string(e.method), "target": .string(e.target),
      "family": .optionalString(e.family?.rawValue), "route": .optionalString(e.route),
      "receivedMs": JSONReport.ms(e.receivedMs), "answeredMs": JSONReport.ms(e.answeredMs),
      "status": .optionalInt(e.status), "situation": .optionalString(e.situation?.rawValue),
      "complete": .bool(e.complete), "fault": .optionalString(e.fault),
      "auth": .string(e.auth.rawValue), "key": .string(e.key.rawValue),
      "identity": .string(e.identityLabel),
    ]
    if let r = e.retryAfterMs { o["retryAfterMs"] = JSONReport.ms(r) }
    if let sdk = e.sdk { o["sdk"] = .string(sdk) }
    if let t = e.taskCreated { o["taskCreated"] = .string(t) }
    if let t = e.taskPolled { o["taskPolled"] = .string(t) }
    if let s = e.taskState { o["taskState"] = .string(s) }
    let diagnoses = e.headerDiagnoses + e.versionDiagnoses
    if !diagnoses.isEmpty { o["diagnoses"] = .array(diagnoses.map { .string($0.id.rawValue) }) }
    return .object(o)
  }

  static func callback(_ c: CallbackAttempt) -> JSONValue {
    [
      "seq": .number(Double(c.seq)), "task": .string(c.taskID),
      "callbackType": .string(c.callbackType), "url": .string(c.url),
      "sentMs": JSONReport.ms(c.sentMs), "answeredMs": JSONReport.ms(c.answeredMs),
      "status": .optionalInt(c.status), "error": .optionalString(c.error),
    ]
  }
}
