import ConformanceCore
import Foundation

/// `client-report.md` and the console form of a client judgement.
public enum ClientReportText {
  static func mark(_ s: ClientRuleStatus) -> String {
    switch s {
    case .held: "✅"
    case .broken: "❌"
    case .notExercised: "➖"
    }
  }

  static func headline(_ j: ClientJudgement) -> String {
    "\(j.count(.held)) held, \(j.count(.broken)) broken, \(j.count(.notExercised)) not exercised "
      + "(\(j.traffic.exchanges.count) request\(j.traffic.exchanges.count == 1 ? "" : "s"), "
      + "\(j.traffic.callbacks.count) callback\(j.traffic.callbacks.count == 1 ? "" : "s"))"
  }

  static func commandLine(_ c: ClientReportContext) -> String? {
    guard let command = c.command else { return nil }
    let how: String
    if let s = command.signal {
      how = "was ended by signal \(s)"
    } else if let code = command.exitStatus {
      how = "exited \(code)"
    } else {
      how = "did not exit"
    }
    return "command `\(command.argv.joined(separator: " "))` \(how) (reported, not the verdict)"
  }

  static func request(_ e: ClientExchange) -> String {
    var s = "#\(e.seq) \(e.method) \(e.target) → \(e.status.map(String.init) ?? "reset")"
    if let f = e.fault { s += " [injected \(f)]" }
    return s
      + " (arrived \(ClientJudge.ms(e.receivedMs)), answered \(ClientJudge.ms(e.answeredMs)))"
  }

  static func callback(_ c: CallbackAttempt) -> String {
    "callback #\(c.seq) \(c.callbackType) for \(c.taskID) → \(c.status.map(String.init) ?? (c.error ?? "no answer")) (sent \(ClientJudge.ms(c.sentMs)))"
  }

  public static func markdown(_ j: ClientJudgement, _ c: ClientReportContext) -> String {
    let cell = MarkdownReport.cell
    let code = MarkdownReport.code
    var out =
      "# \(j.held ? "✅" : "❌") AnyInt client judgement: \(headline(j))\n\n"
    out +=
      "Twin: **\(c.mode)** `\(code(c.baseURL))` · started \(JSONReport.timestamp(c.startedAt)) · \(ToolInfo.name) \(ToolInfo.version)\n"
    if !c.injections.isEmpty {
      out +=
        "\nInjected: \(c.injections.map { "`\($0.kind):\(JSONWriter.formatNumber($0.rate))`" }.joined(separator: ", "))"
      if let n = c.injectFirst { out += " (first \(n) of each request)" }
      if let seed = c.seed { out += " · seed \(seed)" }
      out += "\n"
    }
    if let line = commandLine(c) { out += "\n" + cell(line) + "\n" }
    out += "\n| rule | status | checked | what it means |\n|---|---|---|---|\n"
    for r in j.rules {
      out +=
        "| `\(r.rule.rawValue)` | \(mark(r.status)) \(r.status.rawValue) | \(r.checked) | \(cell(r.rule.summary)) |\n"
    }
    let broken = j.rules.filter { $0.status == .broken }
    if !broken.isEmpty { out += "\n## Broken rules\n" }
    for r in broken {
      out += "\n### ❌ `\(r.rule.rawValue)`\n\n"
      for v in r.violations {
        out += "- \(cell(v.message))\n"
        for seq in v.requests {
          if let e = j.exchange(seq) { out += "  - `\(code(request(e)))`\n" }
        }
        for seq in v.callbacks {
          if let cb = j.callback(seq) { out += "  - `\(code(callback(cb)))`\n" }
        }
        out += "  - **fix**: \(cell(v.fix))\n"
      }
    }
    if c.dropped > 0 {
      out += "\n⚠️ \(c.dropped) exchanges over the recorder's capacity were not judged.\n"
    }
    return out
  }

  public static func console(_ j: ClientJudgement, _ c: ClientReportContext, color: Bool) -> String
  {
    func paint(_ s: String, _ code: Int) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
    var out = "client judgement: \(headline(j))\n"
    if let line = commandLine(c) { out += line.replacingOccurrences(of: "`", with: "") + "\n" }
    let width = (ClientRule.allCases.map(\.rawValue.count).max() ?? 20) + 2
    for r in j.rules {
      let name = r.rule.rawValue.padding(toLength: width, withPad: " ", startingAt: 0)
      switch r.status {
      case .held: out += "  " + paint("✔", 32) + " \(name)held (\(r.checked) checked)\n"
      case .notExercised: out += "  - \(name)not exercised\n"
      case .broken:
        out += "  " + paint("✘", 31) + " \(name)" + paint("broken", 31) + "\n"
        for v in r.violations {
          out += "      \(v.message)\n"
          for seq in v.requests.prefix(4) {
            if let e = j.exchange(seq) { out += "        \(request(e))\n" }
          }
          if v.requests.count > 4 { out += "        ... \(v.requests.count - 4) more\n" }
          for seq in v.callbacks {
            if let cb = j.callback(seq) { out += "        \(callback(cb))\n" }
          }
          out += "        fix: \(v.fix)\n"
        }
      }
    }
    if j.traffic.exchanges.isEmpty {
      out +=
        "  the client sent no requests to the twin (is it using ANYINT_BASE_URL / OPENAI_BASE_URL?)\n"
    }
    return out
  }
}
