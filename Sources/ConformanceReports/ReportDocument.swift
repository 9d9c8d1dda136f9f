import ConformanceCore
import Foundation

/// A report.json read as JSON and checked to be report v1, with every problem located (`file:line:col` and the
/// JSON path), for `report diff`, `report html` and `run --baseline`.
///
/// It keeps the JSON itself rather than a run, so fields this version does not model (added by later versions
/// of the tool) still reach the HTML page.
public struct ReportDocument: Sendable {
  public struct LoadError: Error, CustomStringConvertible, Sendable {
    public var description: String
  }

  public var file: String
  /// The report's root object.
  public var root: JSONObject
  /// The scenarios, in the order written.
  public var scenarios: [JSONValue]
  /// The file's bytes, for readers that want the run back (`JSONReportReader`).
  public var bytes: [UInt8]

  public init(file: String, root: JSONObject, scenarios: [JSONValue], bytes: [UInt8] = []) {
    self.file = file
    self.root = root
    self.scenarios = scenarios
    self.bytes = bytes
  }

  public static func load(_ path: String) throws(LoadError) -> ReportDocument {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
      isDirectory.boolValue
    {
      throw LoadError(
        description: "\(path): is a directory; give the report.json inside it (\(path)/report.json)"
      )
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw LoadError(
        description:
          "\(path): cannot read it (does it exist, and may this user read it?); give the report.json of a run"
      )
    }
    return try parse([UInt8](data), file: path)
  }

  public static func parse(_ bytes: [UInt8], file: String) throws(LoadError) -> ReportDocument {
    let source = SourceText(path: file, bytes: bytes)
    func located(_ offset: Int, _ path: String, _ message: String) -> LoadError {
      let (line, column) = source.position(of: offset)
      return LoadError(
        description: "\(file):\(line):\(column): " + (path.isEmpty ? "" : path + ": ") + message)
    }
    if let bad = JSONParser.firstInvalidUTF8(bytes) {
      throw located(bad, "", "not UTF-8 text; a report.json is UTF-8 JSON written by a run")
    }
    let node: JSONNode
    do {
      node = try JSONParser.parseNode(bytes)
    } catch {
      throw located(error.offset, "", "not JSON: \(error.message); give the report.json of a run")
    }
    guard let members = node.members else {
      throw located(
        node.offset, "$",
        "a report v1 file holds an object, not \(article(node.typeName)); give the report.json of a run"
      )
    }
    if let tool = node["tool"] {
      guard let name = tool["name"]?.string else {
        throw located(
          tool.offset, "$.tool", "has no \"name\" string; not a report.json of \(ToolInfo.name)")
      }
      if name != ToolInfo.name {
        throw located(
          tool["name"]?.offset ?? tool.offset, "$.tool.name",
          "\(show(name)) is not \(ToolInfo.name); give a report.json this tool wrote")
      }
    }
    if let version = node["reportVersion"] {
      guard case .number(let v) = version.kind, v == Double(JSONReport.formatVersion) else {
        throw located(
          version.offset, "$.reportVersion",
          "\(show(version.value)) is not report v\(JSONReport.formatVersion); this tool reads report v1 only"
        )
      }
    }
    guard let list = node["scenarios"] else {
      throw located(node.offset, "$", "has no \"scenarios\" array; not a report v1 file")
    }
    guard let items = list.elements else {
      throw located(list.offset, "$.scenarios", "must be an array, not \(article(list.typeName))")
    }
    var seen: [String: Int] = [:]
    for (i, s) in items.enumerated() {
      let path = "$.scenarios[\(i)]"
      guard s.members != nil else {
        throw located(s.offset, path, "must be an object, not \(article(s.typeName))")
      }
      guard let idNode = s["id"], let id = idNode.string, !id.isEmpty else {
        throw located(s["id"]?.offset ?? s.offset, path + ".id", "must be a non-empty string")
      }
      if let first = seen[id] {
        throw located(
          idNode.offset, path + ".id",
          "\(show(id)) appears twice (also $.scenarios[\(first)]); each scenario id is unique in a report"
        )
      }
      seen[id] = i
      let outcomes = Outcome.allCases.map(\.rawValue)
      guard let o = s["outcome"], let outcome = o.string, outcomes.contains(outcome) else {
        throw located(
          s["outcome"]?.offset ?? s.offset, path + ".outcome",
          "must be one of \(outcomes.joined(separator: ", "))"
            + (s["outcome"].map { ", not \(show($0.value))" } ?? ""))
      }
      try checkExchange(s, path: path, located)
      if let steps = s["steps"] {
        guard let list = steps.elements else {
          throw located(steps.offset, path + ".steps", "must be an array")
        }
        for (j, st) in list.enumerated() {
          guard st.members != nil else {
            throw located(st.offset, path + ".steps[\(j)]", "must be an object")
          }
          try checkExchange(st, path: path + ".steps[\(j)]", located)
        }
      }
    }
    var root = JSONObject()
    for m in members where m.key != "scenarios" { root[m.key] = m.value.value }
    return ReportDocument(
      file: file, root: root, scenarios: items.map(\.value), bytes: bytes)
  }

  /// The fields the diff and the page read must have their report v1 types.
  private static func checkExchange(
    _ s: JSONNode, path: String, _ located: (Int, String, String) -> LoadError
  ) throws(LoadError) {
    for key in ["situation", "retry"] {
      if let v = s[key], v.string == nil, !v.isNull {
        throw located(v.offset, path + "." + key, "must be a string or null")
      }
    }
    for key in ["findings", "diagnoses"] {
      guard let v = s[key] else { continue }
      guard let list = v.elements else {
        throw located(v.offset, path + "." + key, "must be an array")
      }
      for (i, e) in list.enumerated() where e["id"]?.string == nil {
        throw located(e.offset, path + ".\(key)[\(i)]", "must be an object with an \"id\" string")
      }
    }
    if let observed = s["observed"], !observed.isNull {
      guard observed.members != nil else {
        throw located(observed.offset, path + ".observed", "must be an object or null")
      }
      for key in ["status", "latencyMs"] {
        if let v = observed[key], case .number(let n) = v.kind {
          guard n.isFinite, n >= 0 else {
            throw located(v.offset, path + ".observed." + key, "must be a number of at least 0")
          }
        } else if let v = observed[key] {
          throw located(v.offset, path + ".observed." + key, "must be a number")
        }
      }
    }
  }

  static func article(_ typeName: String) -> String {
    (typeName == "array" || typeName == "object" ? "an " : "a ") + typeName
  }

  /// A value as a message shows it: JSON, control characters escaped, shortened.
  static func show(_ v: JSONValue) -> String {
    let s = JSONWriter.string(v)
    return s.count > 80 ? String(s.prefix(77)) + "..." : s
  }

  static func show(_ s: String) -> String { show(.string(s)) }
}

extension JSONNode {
  var isNull: Bool {
    if case .null = kind { return true }
    return false
  }
}
