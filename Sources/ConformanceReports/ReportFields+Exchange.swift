import ConformanceCore

/// The per-exchange fields report v1 gives a scenario, and each step of a step scenario.
extension ReportFields {
  static let exchange: [ReportField<ExchangeRecord>] = [
    ReportField(
      "request",
      write: { r, c in r.request.map { .object(write(request, $0, c)) } ?? .null },
      read: { r, v in r.request = decode(v, request, empty: emptyRequest) }),
    ReportField(
      "observed",
      write: { r, c in
        r.observed.map {
          .object(write(observed, $0, ReportContext(headers: c.headers, outcome: r.outcome)))
        }
          ?? .null
      },
      read: { r, v in r.observed = decode(v, observed, empty: emptyObserved) }),
    .value("situation", \.situation, .optional(.raw())),
    ReportField("retry") { r, _ in .optionalString(r.retry?.rawValue) },
    ReportField("guidance") { r, _ in .optionalString(r.guidance) },
    .value("reason", \.classificationReason, .optional(.string)),
    .value("message", \.message, .optional(.string)),
    ReportField(
      "fault", write: { r, _ in r.faultKind.map { .string($0.rawValue) } },
      read: { r, v in r.faultKind = v.stringValue.flatMap(TransportFault.Kind.init(rawValue:)) }),
    .value("diagnoses", \.diagnoses, notes),
    .value("findings", \.findings, notes),
    .value("sdk", \.sdk, sdk),
    .value("failures", \.failures, .array(.object(failure, empty: emptyFailure))),
    .value(
      "attempts", \.attempts,
      .array(.object(attempt, empty: Attempt(status: nil, situation: nil, delayMs: 0)))),
  ]

  /// A nested object, or nil for `null` or anything that is not an object.
  static func decode<T>(_ v: JSONValue, _ fields: [ReportField<T>], empty: T) -> T? {
    guard v.objectValue != nil else { return nil }
    var out = empty
    read(fields, from: v, into: &out)
    return out
  }

  static let emptyRequest = RequestSummary(
    method: "", target: "", auth: .none, key: .none, headers: [], bodyBytes: 0)
  static let emptyObserved = Observed(
    status: 0, envelope: .none, error: nil, headers: [], latencyMs: 0, firstByteMs: nil,
    bodyBytes: 0, bodyExcerpt: nil)
  static let emptyFailure = CheckFailure(.other(""), expected: "", actual: "")

  static let request: [ReportField<RequestSummary>] = [
    .value("method", \.method, .string),
    .value("target", \.target, .string),
    .value("auth", \.auth, .raw()),
    .value("key", \.key, .raw()),
    ReportField(
      "headers", write: { q, c in only(c.headers, headerObject(q.headers)) },
      read: { q, v in q.headers = headerFields(v) }),
  ]

  static let observed: [ReportField<Observed>] = [
    .value("status", \.status, .int),
    .value("envelope", \.envelope, .raw()),
    .value("error", \.error, .optional(errorInfo)),
    .value("latencyMs", \.latencyMs, .ms),
    ReportField(
      "headers", write: { o, c in only(c.headers, headerObject(o.headers)) },
      read: { o, v in o.headers = headerFields(v) }),
    .value("bodyBytes", \.bodyBytes, .int),
    // Live answers: the HTTP version and where the time went (absent for replayed answers).
    ReportField(
      "httpVersion", write: { o, _ in o.httpVersion.map(JSONValue.string) },
      read: { o, v in o.httpVersion = v.stringValue }),
    ReportField(
      "timings", write: { o, c in o.timings.map { .object(write(timings, $0, c)) } },
      read: { o, v in
        o.timings = decode(
          v, timings,
          empty: WireTimings(dnsMs: 0, connectMs: 0, tlsMs: 0, firstByteMs: 0, totalMs: 0))
      }),
    ReportField(
      "bodyExcerpt",
      write: { o, c in c.outcome == .passed ? .none : o.bodyExcerpt.map(JSONValue.string) },
      read: { o, v in o.bodyExcerpt = v.stringValue }),
    ReportField(
      "stream", write: { o, c in o.stream.map { .object(write(stream, $0, c)) } },
      read: { o, v in o.stream = decode(v, stream, empty: StreamAnalysis(format: nil)) }),
  ]

  static let timings: [ReportField<WireTimings>] = [
    .value("dnsMs", \.dnsMs, .ms), .value("connectMs", \.connectMs, .ms),
    .value("tlsMs", \.tlsMs, .ms),
    .value("firstByteMs", \.firstByteMs, .ms), .value("totalMs", \.totalMs, .ms),
  ]

  /// A stream's shape and timing: what the stream checks and the classifier looked at. The report keeps the
  /// event count and a summary of the names, not every event: enough to re-render.
  static let stream: [ReportField<StreamAnalysis>] = [
    .value("format", \.format, .optional(.raw())),
    .value("complete", \.complete, .bool),
    ReportField(
      "events", write: { s, _ in .number(Double(s.events.count)) },
      read: { s, v in
        s.events = (0..<max(0, v.intValue ?? 0)).map { _ in
          StreamEventRecord(name: "event", atMs: 0)
        }
      }),
    ReportField(
      "eventNames",
      write: { s, _ in .string(s.reportedNames ?? StreamAnalysis.summarize(s.eventNames)) },
      read: { s, v in s.reportedNames = v.stringValue }),
    .value("timeToFirstEventMs", \.timeToFirstEventMs, .optional(.ms)),
    .value("durationMs", \.durationMs, .ms),
    .value("longestGapMs", \.longestGapMs, .optional(.ms)),
    .value("endedMidEvent", \.endedMidEvent, .bool),
    .value("error", \.error, .optional(errorInfo)),
    .value("problems", \.problems, .strings),
  ]

  /// An error's fields as the body had them (any JSON), `null` when absent.
  static let errorInfo = ReportCodec<ErrorInfo>(
    plain: { e in
      [
        "type": e.type ?? .null, "code": e.code ?? .null, "param": e.param ?? .null,
        "message": e.message ?? .null,
      ]
    },
    decode: { e in
      guard e.objectValue != nil else { return nil }
      return ErrorInfo(
        type: present(e["type"]), code: present(e["code"]), param: present(e["param"]),
        message: present(e["message"]))
    })

  /// Diagnoses and findings; a note whose id this version does not know is left out when reading.
  static let notes = ReportCodec<[Note]>(
    plain: { notes in
      .array(notes.map { ["id": .string($0.id.rawValue), "message": .string($0.message)] })
    },
    decode: { v in
      v.arrayValue?.compactMap { n in
        n["id"]?.stringValue.flatMap(NoteID.init(rawValue:)).map {
          Note($0, n["message"]?.stringValue ?? "")
        }
      }
    })

  /// The SDKs' view: `{"openai-python": {"retries", "delayMs", "why"}, ...}`.
  static let sdk = ReportCodec<[SDKDecision]>(
    plain: { decisions in
      .object(
        JSONObject(
          decisions.map {
            .init(
              key: $0.sdk.rawValue,
              value: [
                "retries": .bool($0.retries), "delayMs": $0.delayMs.map(JSONReport.ms) ?? .null,
                "why": .string($0.why),
              ])
          }))
    },
    decode: { v in
      v.objectValue?.members.compactMap { m in
        SDKDecision.SDK(rawValue: m.key).map {
          SDKDecision(
            sdk: $0, retries: m.value["retries"]?.boolValue ?? false,
            delayMs: m.value["delayMs"]?.numberValue, why: m.value["why"]?.stringValue ?? "")
        }
      }
    })

  static let failure: [ReportField<CheckFailure>] = [
    ReportField(
      "check", write: { f, _ in .string(f.check) },
      read: { f, v in f.kind = CheckKind(name: v.stringValue ?? "") }),
    .value("expected", \.expected, .string),
    .value("actual", \.actual, .string),
    ReportField(
      "source", write: { f, _ in .optionalString(f.ref?.description) },
      read: { f, v in f.ref = v.stringValue.map { sourceRef($0) } }),
    ReportField(
      "note", write: { f, _ in f.note.map(JSONValue.string) },
      read: { f, v in f.note = v.stringValue }),
  ]

  static let attempt: [ReportField<Attempt>] = [
    .value("status", \.status, .optional(.int)),
    .value("situation", \.situation, .optional(.raw())),
    .value("delayMs", \.delayMs, .int),
    .value("fault", \.fault, .optional(.string)),
  ]

  static func headerObject(_ fields: [HTTPHeaders.Field]) -> JSONValue {
    .object(JSONObject(fields.map { .init(key: $0.name, value: .string($0.value)) }))
  }

  static func headerFields(_ v: JSONValue) -> [HTTPHeaders.Field] {
    v.objectValue?.members.map {
      HTTPHeaders.Field(name: $0.key, value: $0.value.stringValue ?? "")
    }
      ?? []
  }

  static func present(_ v: JSONValue?) -> JSONValue? {
    if let v, v != .null { return v }
    return nil
  }
}
