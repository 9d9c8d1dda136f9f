import ConformanceCore

/// `junit.xml`, valid against the de-facto JUnit schema of the Jenkins xUnit plugin (`junit-10.xsd`).
///
/// One `testsuite` per route family, one `testcase` per scenario. A failed scenario carries one `failure`
/// whose message names the first failed check with expected and actual values and whose text lists them all;
/// an errored one carries an `error`. All escaping goes through `XML.escape`.
public enum JUnitReport {
  public static func render(_ run: RunResult) -> [UInt8] {
    var out: [UInt8] = []
    render(run, into: &out, flush: { _ in })
    return out
  }

  /// The same bytes as `render(_:)`, handed to `flush` a megabyte at a time.
  public static func render(
    _ run: RunResult, into out: inout [UInt8], flush: (inout [UInt8]) -> Void
  ) {
    out.append(contentsOf: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".utf8)
    let s = run.summary
    out.append(
      contentsOf:
        "<testsuites name=\"\(ToolInfo.name)\" tests=\"\(s.total)\" failures=\"\(s.failed)\" errors=\"\(s.errored)\" time=\"\(Wording.seconds(run.durationMs))\">\n"
        .utf8)
    // Suites in order of first appearance, each holding its scenarios' positions (families are few; a
    // dictionary keeps the grouping linear whatever their number).
    var groups: [(name: String, members: [Int])] = []
    var groupOf: [String: Int] = [:]
    for (i, r) in run.scenarios.enumerated() {
      let name = ToolInfo.name + "." + (r.family?.rawValue ?? "other")
      if let g = groupOf[name] {
        groups[g].members.append(i)
      } else {
        groupOf[name] = groups.count
        groups.append((name, [i]))
      }
    }
    let timestamp = JSONReport.timestamp(run.startedAt)
    for (name, members) in groups {
      var gs = RunSummary(total: members.count, passed: 0, failed: 0, errored: 0, skipped: 0)
      var time = 0.0
      for i in members {
        time += run.scenarios[i].durationMs
        switch run.scenarios[i].outcome {
        case .passed: gs.passed += 1
        case .failed: gs.failed += 1
        case .errored: gs.errored += 1
        case .skipped: gs.skipped += 1
        }
      }
      var head =
        "  <testsuite name=\"\(XML.escape(name))\" tests=\"\(gs.total)\" failures=\"\(gs.failed)\" errors=\"\(gs.errored)\" skipped=\"\(gs.skipped)\" time=\"\(Wording.seconds(time))\" timestamp=\"\(timestamp)\">\n"
      head += "    <properties>\n"
      head += "      <property name=\"runId\" value=\"\(XML.escape(run.runId))\"/>\n"
      head += "      <property name=\"target\" value=\"\(XML.escape(run.target.kind))\"/>\n"
      if let signal = run.interrupted {
        head += "      <property name=\"interrupted\" value=\"\(XML.escape(signal))\"/>\n"
      }
      if let base = run.target.baseURL {
        head += "      <property name=\"baseURL\" value=\"\(XML.escape(base))\"/>\n"
      }
      head += "    </properties>\n"
      out.append(contentsOf: head.utf8)
      for i in members {
        out.append(contentsOf: testcase(run.scenarios[i]).utf8)
        if out.count >= ReportFormat.chunkBytes { flush(&out) }
      }
      out.append(contentsOf: "  </testsuite>\n".utf8)
    }
    out.append(contentsOf: "</testsuites>\n".utf8)
  }

  static func testcase(_ r: ScenarioResult) -> String {
    let classname = ToolInfo.name + "." + (r.family?.rawValue ?? "other")
    var out =
      "    <testcase name=\"\(XML.escape(r.id))\" classname=\"\(XML.escape(classname))\" time=\"\(Wording.seconds(r.durationMs))\""
    var body = ""
    switch r.outcome {
    case .passed: break
    case .failed:
      let first = r.failures.first.map(Wording.failureLine) ?? "failed"
      let more = r.failures.count > 1 ? " (and \(r.failures.count - 1) more)" : ""
      let text = r.failures.map { f in
        var line = Wording.failureLine(f)
        if let ref = f.ref { line += "\n  at \(ref)" }
        if let n = f.note { line += "\n  note: \(n)" }
        return line
      }.joined(separator: "\n")
      body +=
        "      <failure message=\"\(XML.escape(first + more))\" type=\"\(XML.escape(r.failures.first?.check ?? "check"))\">\(XML.escape(text))</failure>\n"
    case .errored:
      let kind = r.faultKind?.rawValue ?? "error"
      body +=
        "      <error message=\"\(XML.escape(r.message ?? "errored"))\" type=\"\(XML.escape(kind))\">\(XML.escape(r.message ?? ""))</error>\n"
    case .skipped:
      body += "      <skipped message=\"\(XML.escape(r.message ?? "skipped"))\"/>\n"
    }
    body += "      <system-out>\(XML.escape(systemOut(r)))</system-out>\n"
    out += ">\n" + body + "    </testcase>\n"
    return out
  }

  /// The answer in words: what came back, which retry-table row, what a correct client does.
  static func systemOut(_ r: ScenarioResult) -> String {
    var lines = ["\(r.summary)", "file: \(r.source)"]
    if let req = r.request {
      lines.append(
        "request: \(req.method) \(req.target) (auth \(req.auth.rawValue), key \(req.key.rawValue))")
    }
    if let o = r.observed {
      var line = "answer: HTTP \(o.status), envelope \(o.envelope.rawValue)"
      if let t = o.error?.typeString { line += ", error type \(t)" }
      if let c = o.error?.codeString { line += ", code \(c)" }
      lines.append(line)
    }
    if let s = r.situation {
      lines.append("situation: \(s.rawValue); retry: \(r.retry?.rawValue ?? "none")")
      if let g = r.guidance { lines.append("guidance: \(g)") }
      if let why = r.classificationReason { lines.append("why: \(why)") }
    }
    for d in r.diagnoses { lines.append("diagnosis \(d.id): \(d.message)") }
    for f in r.findings { lines.append("finding \(f.id): \(f.message)") }
    for s in r.sdk {
      lines.append(
        "\(s.sdk.rawValue): \(s.retries ? "retries" : "does not retry")\(s.delayMs.map { " after \(Saturating.whole($0)) ms" } ?? "") (\(s.why))"
      )
    }
    return lines.joined(separator: "\n")
  }
}

/// XML escaping in one place: the five special characters, and characters XML 1.0 cannot hold at all.
public enum XML {
  public static func escape(_ s: String) -> String {
    // Most text (ids, summaries, file paths) needs nothing; a byte scan returns it as it is.
    let special = s.utf8.contains { b in
      switch b {
      case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""),
        UInt8(ascii: "'"), 0xEF:
        return true
      case 0x09, 0x0A, 0x0D: return false
      default: return b < 0x20
      }
    }
    guard special else { return s }
    var out: [UInt8] = []
    out.reserveCapacity(s.utf8.count + 16)
    var needsScalarPass = false
    for b in s.utf8 {
      switch b {
      case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
      case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
      case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
      case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
      case UInt8(ascii: "'"): out.append(contentsOf: "&apos;".utf8)
      case 0x09, 0x0A, 0x0D: out.append(b)
      case 0..<0x20: out.append(contentsOf: "\u{FFFD}".utf8)
      case 0xEF:
        needsScalarPass = true
        out.append(b)  // may start U+FFFE / U+FFFF
      default: out.append(b)
      }
    }
    let text = String(decoding: out, as: UTF8.self)
    guard needsScalarPass else { return text }
    var cleaned = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      cleaned.append(scalar.value == 0xFFFE || scalar.value == 0xFFFF ? "\u{FFFD}" : scalar)
    }
    return String(cleaned)
  }
}
