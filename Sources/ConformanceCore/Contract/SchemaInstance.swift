/// A value that fits a JSON Schema (or a Gemini `Schema`, whose type names are upper-case): what a model in
/// JSON mode or calling a tool would produce, so an app that parses the answer against its own schema succeeds.
///
/// Every declared property is filled in (strict schemas require all of them); `$ref` to `$defs` /
/// `definitions`, `anyOf` / `oneOf` (the first non-null choice), `allOf`, `enum`, `const`, `minItems`,
/// `minLength`, `minimum` and the common string formats are honoured. Recursion stops at a fixed depth.
public enum SchemaInstance {
  static let maxDepth = 12
  /// Values made at most: a schema from a request must not make the twin build an exponential answer.
  static let maxNodes = 5000

  public static func instance(of schema: JSONValue) -> JSONValue {
    var budget = maxNodes
    return make(schema, root: schema, depth: 0, budget: &budget)
  }

  static func make(_ schema: JSONValue, root: JSONValue, depth: Int, budget: inout Int)
    -> JSONValue
  {
    budget -= 1
    guard depth < maxDepth, budget > 0, let s = schema.objectValue else { return .null }
    if let ref = s["$ref"]?.stringValue {
      return resolve(ref, root: root).map {
        make($0, root: root, depth: depth + 1, budget: &budget)
      } ?? .null
    }
    if let c = s["const"] { return c }
    if let first = s["enum"]?.arrayValue?.first { return first }
    if let example = s["example"] ?? s["default"] { return example }
    for key in ["anyOf", "oneOf"] {
      if let choices = s[key]?.arrayValue {
        let chosen = choices.first { typeName($0) != "null" } ?? choices.first
        return chosen.map { make($0, root: root, depth: depth + 1, budget: &budget) } ?? .null
      }
    }
    if let all = s["allOf"]?.arrayValue {
      var merged = JSONObject()
      for part in all {
        if case .object(let o) = make(part, root: root, depth: depth + 1, budget: &budget) {
          for m in o.members { merged[m.key] = m.value }
        }
      }
      return .object(merged)
    }
    switch typeName(schema) {
    case "object":
      var out = JSONObject()
      for m in s["properties"]?.objectValue?.members ?? [] {
        out[m.key] = make(m.value, root: root, depth: depth + 1, budget: &budget)
      }
      return .object(out)
    case "array":
      // Repeated items share one value; deeper than a few levels one item each, so nested arrays stay small.
      let count = depth > 3 ? 1 : min(max(s["minItems"]?.intValue ?? 1, 1), 3)
      let item =
        s["items"].map { make($0, root: root, depth: depth + 1, budget: &budget) }
        ?? .string("item")
      return .array(Array(repeating: item, count: s["maxItems"]?.intValue == 0 ? 0 : count))
    case "integer":
      return .number(Double(s["minimum"]?.intValue ?? 0))
    case "number":
      return .number(s["minimum"]?.numberValue ?? 0)
    case "boolean":
      return .bool(false)
    case "null":
      return .null
    default:
      return .string(string(for: s))
    }
  }

  /// The schema's type, lower-cased; the first non-null one of a list; inferred from its keywords if absent.
  static func typeName(_ schema: JSONValue) -> String {
    guard let s = schema.objectValue else { return "string" }
    if let t = s["type"]?.stringValue { return t.lowercased() }
    if let list = s["type"]?.arrayValue?.compactMap(\.stringValue) {
      return (list.first { $0.lowercased() != "null" } ?? list.first ?? "string").lowercased()
    }
    if s["properties"] != nil { return "object" }
    if s["items"] != nil { return "array" }
    return "string"
  }

  static func string(for s: JSONObject) -> String {
    switch s["format"]?.stringValue {
    case "date-time": return "2026-01-01T00:00:00Z"
    case "date": return "2026-01-01"
    case "time": return "00:00:00"
    case "email": return "twin@example.com"
    case "uri", "url": return "https://example.com/twin"
    case "uuid": return "00000000-0000-4000-8000-000000000000"
    default:
      let minimum = s["minLength"]?.intValue ?? 0
      let base = "text"
      return minimum > base.count
        ? base + String(repeating: "x", count: min(minimum, 1000) - base.count) : base
    }
  }

  /// A local reference: `#/$defs/Name`, `#/definitions/Name` or any `#/a/b` path.
  static func resolve(_ ref: String, root: JSONValue) -> JSONValue? {
    guard ref.hasPrefix("#") else { return nil }
    var node: JSONValue? = root
    for part in ref.dropFirst().split(separator: "/") {
      let key = String(part).replacingAll("~1", with: "/").replacingAll("~0", with: "~")
      node = node?[key]
    }
    return node
  }
}
