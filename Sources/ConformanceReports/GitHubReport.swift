import ConformanceCore
import Foundation

/// `--format github`: GitHub Actions workflow commands on stdout, so each failed check shows as an annotation
/// on the scenario file at the line of the expectation, and each finding as a notice.
///
/// See "Workflow commands for GitHub Actions": `::error file=F,line=L,col=C,title=T::message`.
public enum GitHubReport {
  public static func render(_ run: RunResult) -> String {
    var out = ""
    for r in run.scenarios {
      switch r.outcome {
      case .failed:
        for f in r.failures {
          var message = "\(f.check): expected \(f.expected), actual \(f.actual)"
          if let note = f.note { message += " (\(note))" }
          if let s = r.situation, s != .success {
            message += "\nretry table: \(s.rawValue) -> \(r.retry?.rawValue ?? "no decision")"
          }
          out += command("error", at: f.ref ?? r.source, title: "\(r.id): \(r.summary)", message)
        }
      case .errored:
        out += command(
          "error", at: r.source, title: "\(r.id) could not be judged",
          r.message ?? "no answer")
      case .passed, .skipped:
        break
      }
      for d in r.diagnoses where r.outcome != .passed {
        out += command("warning", at: r.source, title: "\(r.id): diagnosis \(d.id)", d.message)
      }
      for f in r.findings {
        out += command("notice", at: r.source, title: "\(r.id): finding \(f.id)", f.message)
      }
    }
    return out
  }

  static func command(_ level: String, at ref: SourceRef, title: String, _ message: String)
    -> String
  {
    var properties = "file=\(escapeProperty(ref.file))"
    if ref.line > 0 { properties += ",line=\(ref.line),col=\(ref.column)" }
    properties += ",title=\(escapeProperty(title))"
    return "::\(level) \(properties)::\(escapeData(message))\n"
  }

  /// The escapes the runner undoes in a command's message.
  static func escapeData(_ s: String) -> String {
    s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
      .replacingOccurrences(of: "\n", with: "%0A")
  }

  /// A property value also escapes the separators `:` and `,`.
  static func escapeProperty(_ s: String) -> String {
    escapeData(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(
      of: ",", with: "%2C")
  }
}
