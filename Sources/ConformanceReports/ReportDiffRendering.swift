import ConformanceCore

/// `report diff`'s three formats: console, Markdown (fit for a pull-request comment) and JSON.
extension ReportDiff {
  public enum Format: String, CaseIterable, Sendable {
    case console
    case markdown
    case json
  }

  public func render(_ format: Format, color: Bool = false) -> String {
    switch format {
    case .console: return console(color: color)
    case .markdown: return markdown()
    case .json: return JSONWriter.string(json, style: .pretty)
    }
  }

  // MARK: console

  public func console(color: Bool = false, header: Bool = true, summaryPrefix: String = "")
    -> String
  {
    func paint(_ s: String, _ code: Int) -> String {
      color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s
    }
    var out = ""
    if header {
      out += "report diff: \(describe(base)) -> \(describe(new))\n"
    }
    func section(_ title: String, _ count: Int) {
      out += "\(title) (\(count)):\n"
    }
    if !regressions.isEmpty {
      section(paint("regressions", 31), regressions.count)
      for r in regressions {
        out += "  \(paint(label(r.to), 31)) \(show(r.id))  \(r.from) -> \(r.to)\n"
      }
    }
    if !fixed.isEmpty {
      section(paint("fixed", 32), fixed.count)
      for r in fixed { out += "  \(paint(label(r.to), 32)) \(show(r.id))  \(r.from) -> \(r.to)\n" }
    }
    if !added.isEmpty {
      section("added", added.count)
      for e in added { out += "  \(label(e.outcome)) \(show(e.id))\n" }
    }
    if !removed.isEmpty {
      section("removed", removed.count)
      for e in removed { out += "  \(show(e.id))  (was \(e.outcome))\n" }
    }
    if !changes.isEmpty {
      section("changed", Set(changes.map(\.id)).count)
      for (id, list) in groupedChanges {
        out +=
          "  \(show(id))  "
          + list.map { "\($0.field) \(show($0.from)) -> \(show($0.to))" }.joined(separator: ", ")
          + "\n"
      }
    }
    if !notes.isEmpty {
      section("findings and diagnoses", notes.count)
      for n in notes {
        out +=
          "  \(n.appeared ? "+" : "-") \(n.kind) \(show(n.note)) \(n.appeared ? "appeared in" : "gone from") \(show(n.scenario))\n"
      }
    }
    if !latency.isEmpty {
      section(
        "latency beyond ±\(percent(thresholdPct)) and at least \(Wording.duration(minimumMs))",
        latency.count)
      for l in latency {
        out +=
          "  \(paint(l.slower ? "slower" : "faster", l.slower ? 31 : 32)) \(show(l.route))  \(l.metric) \(Wording.duration(l.baseMs)) -> \(Wording.duration(l.newMs)) (\(change(l)))\n"
      }
    }
    out += summaryPrefix + phrase + "\n"
    return out
  }

  // MARK: markdown

  public func markdown(heading: String = "##", title: String = "Report diff") -> String {
    let mark = regressed ? "❌" : "✅"
    var out = "\(heading) \(mark) \(title): \(phrase)\n\n"
    out +=
      "Base `\(MarkdownReport.code(describe(base)))` → new `\(MarkdownReport.code(describe(new)))`\n\n"
    if isEmpty { return out + "No changes.\n" }
    let sub = heading + "#"
    func outcomes(_ title: String, _ list: [OutcomeChange]) {
      guard !list.isEmpty else { return }
      out += "\(sub) \(title) (\(list.count))\n\n| scenario | was | now |\n|---|---|---|\n"
      for r in list { out += "| `\(MarkdownReport.code(r.id))` | \(r.from) | \(r.to) |\n" }
      out += "\n"
    }
    outcomes("❌ Regressions", regressions)
    outcomes("✅ Fixed", fixed)
    if !added.isEmpty || !removed.isEmpty {
      out += "\(sub) Added and removed\n\n| scenario | change | outcome |\n|---|---|---|\n"
      for e in added { out += "| `\(MarkdownReport.code(e.id))` | added | \(e.outcome) |\n" }
      for e in removed {
        out += "| `\(MarkdownReport.code(e.id))` | removed | was \(e.outcome) |\n"
      }
      out += "\n"
    }
    if !changes.isEmpty {
      out += "\(sub) Changed\n\n| scenario | what | was | now |\n|---|---|---|---|\n"
      for c in changes {
        out +=
          "| `\(MarkdownReport.code(c.id))` | \(c.field) | `\(MarkdownReport.code(c.from))` | `\(MarkdownReport.code(c.to))` |\n"
      }
      out += "\n"
    }
    if !notes.isEmpty {
      out +=
        "\(sub) Findings and diagnoses\n\n| scenario | kind | id | change |\n|---|---|---|---|\n"
      for n in notes {
        out +=
          "| `\(MarkdownReport.code(n.scenario))` | \(n.kind) | `\(MarkdownReport.code(n.note))` | \(n.appeared ? "appeared" : "gone") |\n"
      }
      out += "\n"
    }
    if !latency.isEmpty {
      out +=
        "\(sub) Latency beyond ±\(percent(thresholdPct)) and at least \(Wording.duration(minimumMs))\n\n| route | | metric | was | now | change |\n|---|---|---|---|---|---|\n"
      for l in latency {
        out +=
          "| `\(MarkdownReport.code(l.route))` | \(l.slower ? "🐢 slower" : "faster") | \(l.metric) | \(Wording.duration(l.baseMs)) | \(Wording.duration(l.newMs)) | \(change(l)) |\n"
      }
      out += "\n"
    }
    return out
  }

  // MARK: json

  public var json: JSONValue {
    func side(_ s: Side) -> JSONValue {
      [
        "file": .string(s.file), "startedAt": .optionalString(s.startedAt),
        "runId": .optionalString(s.runID), "total": .number(Double(s.total)),
      ]
    }
    func outcome(_ r: OutcomeChange) -> JSONValue {
      ["id": .string(r.id), "from": .string(r.from), "to": .string(r.to)]
    }
    func notes(_ kind: String) -> JSONValue {
      .array(
        self.notes.filter { $0.kind == kind }.map {
          [
            "scenario": .string($0.scenario), "id": .string($0.note),
            "change": .string($0.appeared ? "appeared" : "gone"),
          ]
        })
    }
    var o = JSONObject()
    o["diffVersion"] = 1
    o["base"] = side(base)
    o["new"] = side(new)
    o["latencyThresholdPct"] = .number(thresholdPct)
    o["latencyMinimumMs"] = .number(minimumMs)
    o["regressed"] = .bool(regressed)
    o["summary"] = [
      "text": .string(phrase), "regressions": .number(Double(regressions.count)),
      "fixed": .number(Double(fixed.count)), "added": .number(Double(added.count)),
      "removed": .number(Double(removed.count)),
      "changed": .number(Double(Set(changes.map(\.id)).count)),
      "slowerRoutes": .number(Double(slowerRoutes)), "fasterRoutes": .number(Double(fasterRoutes)),
    ]
    o["regressions"] = .array(regressions.map(outcome))
    o["fixed"] = .array(fixed.map(outcome))
    o["added"] = .array(added.map { ["id": .string($0.id), "outcome": .string($0.outcome)] })
    o["removed"] = .array(removed.map { ["id": .string($0.id), "outcome": .string($0.outcome)] })
    o["changed"] = .array(
      changes.map {
        [
          "id": .string($0.id), "field": .string($0.field), "from": .string($0.from),
          "to": .string($0.to),
        ]
      })
    o["findings"] = notes("finding")
    o["diagnoses"] = notes("diagnosis")
    o["latency"] = .array(
      latency.map {
        [
          "route": .string($0.route), "metric": .string($0.metric), "baseMs": .number($0.baseMs),
          "newMs": .number($0.newMs),
          "changePct": $0.changePct.map { .number(($0).rounded()) } ?? .null,
          "change": .string($0.slower ? "slower" : "faster"),
        ]
      })
    return .object(o)
  }

  // MARK: shared wording

  /// Changes of one scenario together, in the order first seen.
  var groupedChanges: [(String, [FieldChange])] {
    var order: [String] = []
    var by: [String: [FieldChange]] = [:]
    for c in changes {
      if by[c.id] == nil { order.append(c.id) }
      by[c.id, default: []].append(c)
    }
    return order.map { ($0, by[$0] ?? []) }
  }

  /// "Reports/report.json (189 scenarios, started 2026-11-25T12:00:00Z)".
  public func describe(_ s: Side) -> String {
    var text = "\(s.file) (\(s.total) scenario\(s.total == 1 ? "" : "s")"
    if let t = s.startedAt { text += ", started \(t)" }
    return text + ")"
  }

  func label(_ outcome: String) -> String {
    switch outcome {
    case "passed": return "PASS "
    case "failed": return "FAIL "
    case "errored": return "ERROR"
    default: return "SKIP "
    }
  }

  func change(_ l: LatencyChange) -> String {
    guard let p = l.changePct else { return "up from 0" }
    return (p >= 0 ? "+" : "") + "\(Saturating.whole(p.rounded()))%"
  }

  func percent(_ v: Double) -> String { Wording.format1(v) + "%" }

  /// A value from a report as a line shows it: control characters escaped, so no report can start a line
  /// or a terminal sequence.
  func show(_ s: String) -> String {
    guard s.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
      return s
    }
    let q = JSONWriter.quoted(s).replacingOccurrences(of: "\u{7F}", with: "\\u007f")
    return String(q.dropFirst().dropLast())
  }
}
