import ConformanceCore

/// What the HTML page shows beyond the report itself.
public struct HTMLOptions: Sendable {
  /// Every check of each scenario (`ExpectationList.json`), by scenario id; empty when the scenario files are
  /// not at hand (`report html`), and the page then lists the failed checks only.
  public var expectations: [String: JSONValue]
  /// The comparison with a baseline run (`run --baseline`).
  public var baseline: ReportDiff?

  public init(expectations: [String: JSONValue] = [:], baseline: ReportDiff? = nil) {
    self.expectations = expectations
    self.baseline = baseline
  }
}

/// `report.html`: one self-contained page (inline CSS and script, no request to any URL) that draws the report.
///
/// The page embeds the report v1 JSON, packed (`JSONPacker`), in a `<script type="application/json">` block,
/// with every `<`, `>`, `&`, U+2028 and U+2029 written as a `\u` escape, so nothing a gateway answered can end
/// the block or become markup; the script builds the page from it with DOM calls only (never HTML strings).
/// Beside the report it carries what the page needs: per-route latency, the `explain` text of every
/// diagnosis and finding present, the retry table's rows, each scenario's checks, and the baseline comparison.
public enum HTMLReport {
  public static func render(_ run: RunResult, options: HTMLOptions = HTMLOptions()) -> [UInt8] {
    var head = JSONReport.head(run)
    head["scenarios"] = nil
    return page(
      head: head, scenarios: run.scenarios.lazy.map(JSONReport.scenario), options: options)
  }

  /// The page of a report read back from disk (every field it holds reaches the page).
  public static func render(_ doc: ReportDocument, options: HTMLOptions = HTMLOptions()) -> [UInt8]
  {
    page(head: doc.root, scenarios: doc.scenarios, options: options)
  }

  static func page<S: Sequence<JSONValue>>(
    head: JSONObject, scenarios: S, options: HTMLOptions
  ) -> [UInt8] {
    // A scenario of a typical report holds a few dozen distinct values once the repeated ones are shared.
    var packer = JSONPacker(reservingValues: scenarios.underestimatedCount * 16)
    var latency = RouteLatency.Collector()
    var scenarioAtoms: [JSONPacker.Atom] = []
    var expectationAtoms: [JSONPacker.Atom] = []
    var noteIDs = Set<String>()
    var counts: [String: Int] = [:]
    for s in scenarios {
      scenarioAtoms.append(packer.add(s))
      latency.add(scenario: s)
      let id = s["id"]?.stringValue ?? ""
      expectationAtoms.append(options.expectations[id].map { packer.add($0) } ?? .null)
      counts[s["outcome"]?.stringValue ?? "", default: 0] += 1
      for part in [s] + (s["steps"]?.arrayValue ?? []) {
        for key in ["diagnoses", "findings"] {
          for n in part[key]?.arrayValue ?? [] {
            if let id = n["id"]?.stringValue { noteIDs.insert(id) }
          }
        }
      }
    }
    let report = packer.object(
      head.members.map { ($0.key, packer.add($0.value)) } + [
        ("scenarios", packer.array(scenarioAtoms))
      ])
    var explain = JSONObject()
    for e in NoteID.allCases where noteIDs.contains(e.rawValue) {
      explain[e.rawValue] = [
        "kind": .string(e.kind.rawValue), "when": .string(e.when), "action": .string(e.action),
      ]
    }
    let retryRows = JSONValue.array(
      RetryTable.rows.map {
        [
          "situation": .string($0.situation.rawValue),
          "retry": .optionalString($0.decision?.rawValue),
          "documented": .string($0.documentedSituation), "guidance": .string($0.guidance),
        ]
      })
    let root = packer.object([
      ("report", report),
      ("routes", packer.add(.array(latency.routes.map(\.json)))),
      ("explain", packer.add(.object(explain))),
      ("retryTable", packer.add(retryRows)),
      ("expectations", options.expectations.isEmpty ? .null : packer.array(expectationAtoms)),
      ("baseline", options.baseline.map { packer.add($0.json) } ?? .null),
      ("generator", packer.add(.string("\(ToolInfo.name) \(ToolInfo.version)"))),
    ])
    var packed = packer.bytes(root: root)
    // The packer's tables are not needed past this point: free them before the page is built.
    packer = JSONPacker()
    let data = scriptSafe(packed)
    packed = []

    let total = counts.values.reduce(0, +)
    var title =
      "AnyInt conformance: \(counts["passed"] ?? 0) passed, \(counts["failed"] ?? 0) failed"
    if let e = counts["errored"], e > 0 { title += ", \(e) errored" }
    title += " (\(total) scenarios)"

    var out: [UInt8] = []
    out.reserveCapacity(data.count + 64 * 1024)
    out.append(contentsOf: Self.head(title: title).utf8)
    out.append(contentsOf: "<script type=\"application/json\" id=\"report-data\">".utf8)
    out.append(contentsOf: data)
    out.append(contentsOf: "</script>\n<script>\n".utf8)
    out.append(contentsOf: HTMLScript.source.utf8)
    out.append(contentsOf: "</script>\n</body>\n</html>\n".utf8)
    return out
  }

  static func head(title: String) -> String {
    """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="generator" content="\(escapeHTML("\(ToolInfo.name) \(ToolInfo.version)"))">
    <title>\(escapeHTML(title))</title>
    <style>
    \(HTMLStyle.css)</style>
    </head>
    <body>
    <noscript><p class="noscript">This report is drawn by its inline script; enable JavaScript, or read report.json and report.md beside it.</p></noscript>
    <div id="app"></div>

    """
  }

  /// JSON made safe inside a `<script>` element: no `<`, `>` or `&` byte remains (each was inside a JSON string,
  /// the only place JSON has them, so a `\u` escape means the same), and U+2028 / U+2029 are escaped too.
  static func scriptSafe(_ json: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(json.count + json.count / 64)
    var i = 0
    while i < json.count {
      let b = json[i]
      switch b {
      case UInt8(ascii: "<"): out.append(contentsOf: #"\u003c"#.utf8)
      case UInt8(ascii: ">"): out.append(contentsOf: #"\u003e"#.utf8)
      case UInt8(ascii: "&"): out.append(contentsOf: #"\u0026"#.utf8)
      case 0xE2
      where i + 2 < json.count && json[i + 1] == 0x80
        && (json[i + 2] == 0xA8 || json[i + 2] == 0xA9):
        out.append(contentsOf: (json[i + 2] == 0xA8 ? #"\u2028"# : #"\u2029"#).utf8)
        i += 2
      default: out.append(b)
      }
      i += 1
    }
    return out
  }

  static func escapeHTML(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.count)
    for c in s.unicodeScalars {
      switch c {
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "&": out += "&amp;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.unicodeScalars.append(c)
      }
    }
    return out
  }
}
