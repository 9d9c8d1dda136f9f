import ConformanceCore

/// What changed between two runs, scenario by scenario (matched by id), from their report v1 JSON.
///
/// A regression is a scenario in both runs that now fails or errors and did not before, or a route whose p50 or
/// p95 latency grew beyond the threshold; `regressed` is what `report diff` exits 1 on. Everything else is
/// reported without changing the exit code: scenarios newly passing, added and removed, a changed HTTP
/// status, situation, retry decision or outcome, findings and diagnoses that appeared or went away, and routes
/// that got faster.
public struct ReportDiff: Sendable {
  /// One side of the comparison.
  public struct Side: Sendable {
    public var file: String
    public var startedAt: String?
    public var runID: String?
    public var total: Int
  }

  /// What the diff reads of one scenario.
  public struct Entry: Sendable, Equatable {
    public var id: String
    public var outcome: String
    public var status: Int?
    public var situation: String?
    public var retry: String?
    /// Finding and diagnosis ids of the scenario and its steps, each once, sorted.
    public var findings: [String]
    public var diagnoses: [String]

    public init(_ s: JSONValue) {
      id = s["id"]?.stringValue ?? ""
      outcome = s["outcome"]?.stringValue ?? ""
      status = s["observed"]?["status"]?.intValue
      situation = s["situation"]?.stringValue
      retry = s["retry"]?.stringValue
      let parts = [s] + (s["steps"]?.arrayValue ?? [])
      func ids(_ key: String) -> [String] {
        Array(
          Set(parts.flatMap { ($0[key]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue } })
        )
        .sorted()
      }
      findings = ids("findings")
      diagnoses = ids("diagnoses")
    }

    var failing: Bool { outcome == "failed" || outcome == "errored" }
  }

  /// A report reduced to what the diff compares; built scenario by scenario.
  public struct Input: Sendable {
    public var side: Side
    public var entries: [Entry] = []
    var latency = RouteLatency.Collector()

    public init(file: String, root: JSONObject) {
      side = Side(
        file: file, startedAt: root["startedAt"]?.stringValue, runID: root["runId"]?.stringValue,
        total: 0)
    }

    public init(_ doc: ReportDocument) {
      self.init(file: doc.file, root: doc.root)
      for s in doc.scenarios { add(scenario: s) }
    }

    public mutating func add(scenario s: JSONValue) {
      entries.append(Entry(s))
      latency.add(scenario: s)
      side.total += 1
    }
  }

  public struct OutcomeChange: Sendable, Equatable {
    public var id: String
    public var from: String
    public var to: String
  }

  /// A changed field of one scenario: `status`, `situation`, `retry` or `outcome`.
  public struct FieldChange: Sendable, Equatable {
    public var id: String
    public var field: String
    public var from: String
    public var to: String
  }

  /// A finding or diagnosis id that appeared in, or went away from, one scenario.
  public struct NoteChange: Sendable, Equatable {
    public var scenario: String
    public var kind: String
    public var note: String
    public var appeared: Bool
  }

  public struct LatencyChange: Sendable, Equatable {
    public var route: String
    public var metric: String
    public var baseMs: Double
    public var newMs: Double
    /// nil when the base was 0 ms.
    public var changePct: Double?
    public var slower: Bool
  }

  public var base: Side
  public var new: Side
  public var thresholdPct: Double
  public var minimumMs: Double
  public var regressions: [OutcomeChange] = []
  public var fixed: [OutcomeChange] = []
  public var added: [Entry] = []
  public var removed: [Entry] = []
  public var changes: [FieldChange] = []
  public var notes: [NoteChange] = []
  public var latency: [LatencyChange] = []

  public static let defaultThresholdPct = 50.0
  /// Latency changes smaller than this never count, whatever the percentage: below it is noise (a fixture
  /// answer taking 0 ms, then 3 ms on a busy machine).
  public static let defaultMinimumMs = 20.0

  public var slowerRoutes: Int { Set(latency.filter(\.slower).map(\.route)).count }
  public var fasterRoutes: Int { Set(latency.filter { !$0.slower }.map(\.route)).count }
  /// Whether anything regressed: `report diff` exits 1.
  public var regressed: Bool { !regressions.isEmpty || slowerRoutes > 0 }
  public var isEmpty: Bool {
    regressions.isEmpty && fixed.isEmpty && added.isEmpty && removed.isEmpty && changes.isEmpty
      && notes.isEmpty && latency.isEmpty
  }

  public static func compare(
    _ base: Input, _ new: Input, thresholdPct: Double = defaultThresholdPct,
    minimumMs: Double = defaultMinimumMs
  ) -> ReportDiff {
    var d = ReportDiff(
      base: base.side, new: new.side, thresholdPct: thresholdPct, minimumMs: minimumMs)
    var before: [String: Entry] = [:]
    for e in base.entries { before[e.id] = e }
    let newIDs = Set(new.entries.map(\.id))
    for now in new.entries {
      guard let was = before[now.id] else {
        d.added.append(now)
        continue
      }
      d.compare(was, now)
    }
    d.removed = base.entries.filter { !newIDs.contains($0.id) }
    d.compareLatency(base.latency.routes, new.latency.routes)
    return d
  }

  private mutating func compare(_ was: Entry, _ now: Entry) {
    if now.failing && !was.failing {
      regressions.append(OutcomeChange(id: now.id, from: was.outcome, to: now.outcome))
    } else if was.failing && now.outcome == "passed" {
      fixed.append(OutcomeChange(id: now.id, from: was.outcome, to: now.outcome))
    } else if was.outcome != now.outcome {
      changes.append(FieldChange(id: now.id, field: "outcome", from: was.outcome, to: now.outcome))
    }
    let fields: [(String, String?, String?)] = [
      ("status", was.status.map(String.init), now.status.map(String.init)),
      ("situation", was.situation, now.situation),
      ("retry", was.retry, now.retry),
    ]
    for (name, a, b) in fields where a != b {
      changes.append(FieldChange(id: now.id, field: name, from: a ?? "none", to: b ?? "none"))
    }
    for (kind, a, b) in [
      ("finding", was.findings, now.findings), ("diagnosis", was.diagnoses, now.diagnoses),
    ] {
      for n in b where !a.contains(n) {
        notes.append(NoteChange(scenario: now.id, kind: kind, note: n, appeared: true))
      }
      for n in a where !b.contains(n) {
        notes.append(NoteChange(scenario: now.id, kind: kind, note: n, appeared: false))
      }
    }
  }

  private mutating func compareLatency(_ base: [RouteLatency], _ new: [RouteLatency]) {
    var before: [String: RouteLatency] = [:]
    for r in base { before[r.route] = r }
    for r in new {
      guard let was = before[r.route] else { continue }
      for (metric, a, b) in [("p50", was.p50, r.p50), ("p95", was.p95, r.p95)] {
        guard abs(b - a) >= minimumMs else { continue }
        let pct = a > 0 ? (b - a) / a * 100 : nil
        let beyond = pct.map { abs($0) > thresholdPct } ?? true
        guard beyond else { continue }
        latency.append(
          LatencyChange(
            route: r.route, metric: metric, baseMs: a, newMs: b, changePct: pct, slower: b > a))
      }
    }
  }

  /// "2 regressions, 1 fixed, 3 added, 1 route slower", or "no changes".
  public var phrase: String {
    guard !isEmpty else { return "no changes" }
    func n(_ count: Int, _ one: String, _ many: String) -> String {
      "\(count) \(count == 1 ? one : many)"
    }
    var parts = [n(regressions.count, "regression", "regressions"), "\(fixed.count) fixed"]
    if !added.isEmpty { parts.append("\(added.count) added") }
    if !removed.isEmpty { parts.append("\(removed.count) removed") }
    let changed = Set(changes.map(\.id)).count
    if changed > 0 { parts.append("\(changed) changed") }
    for (kind, many) in [("finding", "findings"), ("diagnosis", "diagnoses")] {
      let these = notes.filter { $0.kind == kind }
      let appeared = these.filter(\.appeared).count
      if appeared > 0 { parts.append(n(appeared, kind, many) + " appeared") }
      if these.count > appeared { parts.append(n(these.count - appeared, kind, many) + " gone") }
    }
    if slowerRoutes > 0 { parts.append(n(slowerRoutes, "route slower", "routes slower")) }
    if fasterRoutes > 0 { parts.append(n(fasterRoutes, "route faster", "routes faster")) }
    return parts.joined(separator: ", ")
  }
}
