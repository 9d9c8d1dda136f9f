import Foundation

/// A compiled regular expression (ICU syntax, as `NSRegularExpression`); immutable, so safe to share.
public final class CompiledRegex: @unchecked Sendable, Equatable {
  public let pattern: String
  private let regex: NSRegularExpression

  public init(_ pattern: String) throws {
    self.pattern = pattern
    regex = try NSRegularExpression(pattern: pattern, options: [])
  }

  /// Whether the pattern matches anywhere in the text (anchor with `^...$` for a whole-string match).
  public func matches(_ text: String) -> Bool {
    regex.firstMatch(in: text, options: [], range: NSRange(text.startIndex..., in: text)) != nil
  }

  public static func == (lhs: CompiledRegex, rhs: CompiledRegex) -> Bool {
    lhs.pattern == rhs.pattern
  }
}

/// A check on one JSON value (a body field, an error field, a header).
///
/// A plain JSON value means `equals`. An object with exactly one of the matcher keys is that matcher; to compare
/// against such an object literally, wrap it: `{"equals": {"exists": true}}`.
public indirect enum Matcher: Sendable, Equatable {
  case equals(JSONValue)
  /// A substring of a string, or an element of an array.
  case contains(JSONValue)
  case matches(CompiledRegex)
  case exists(Bool)
  case oneOf([JSONValue])
  case type(String)
  /// The length of an array (elements), a string (Unicode code points) or an object (members), checked by a
  /// matcher of a number: `{"length": 3}`, `{"length": {"in": [1, 2]}}`. Other values have no length.
  case length(Matcher)

  public static let keywords = ["equals", "contains", "matches", "exists", "in", "type", "length"]
  public static let typeNames = ["string", "number", "boolean", "object", "array", "null"]

  /// The result of a check: nil when it holds, otherwise what was expected and what was there.
  public func evaluate(_ actual: JSONValue?) -> (expected: String, actual: String)? {
    if holds(actual) { return nil }
    if case .length = self, let actual {
      let value = Matcher.describe(actual)
      return (
        expectedDescription,
        Matcher.length(of: actual).map { "length \($0): \(value)" }
          ?? "\(value) (a \(actual.typeName), which has no length)"
      )
    }
    return (expectedDescription, Matcher.describe(actual))
  }

  /// The length `length` checks: elements, code points or members; nil for other values.
  public static func length(of value: JSONValue) -> Int? {
    switch value {
    case .array(let a): return a.count
    case .string(let s): return s.unicodeScalars.count
    case .object(let o): return o.count
    default: return nil
    }
  }

  public func holds(_ actual: JSONValue?) -> Bool {
    switch self {
    case .exists(let want):
      return (actual != nil) == want
    case .equals(let v):
      guard let actual else { return false }
      return actual == v
    case .contains(let needle):
      switch actual {
      case .string(let s)?:
        guard case .string(let n) = needle else { return false }
        return s.contains(n)
      case .array(let a)?:
        return a.contains(needle)
      default:
        return false
      }
    case .matches(let re):
      switch actual {
      case .string(let s)?: return re.matches(s)
      case .number(let n)?: return re.matches(JSONWriter.formatNumber(n))
      default: return false
      }
    case .oneOf(let options):
      guard let actual else { return false }
      return options.contains(actual)
    case .type(let name):
      return actual?.typeName == name
    case .length(let matcher):
      guard let actual, let n = Matcher.length(of: actual) else { return false }
      return matcher.holds(.number(Double(n)))
    }
  }

  public var expectedDescription: String {
    switch self {
    case .equals(let v): return JSONWriter.string(v)
    case .contains(let v): return "contains \(JSONWriter.string(v))"
    case .matches(let re): return "matches /\(re.pattern)/"
    case .exists(let b): return b ? "present" : "absent"
    case .oneOf(let vs): return "one of " + JSONWriter.string(.array(vs))
    case .type(let t): return "a \(t)"
    case .length(let m):
      if case .equals(let v) = m { return "length \(JSONWriter.string(v))" }
      return "length \(m.expectedDescription)"
    }
  }

  /// How an actual value is shown in a failure: JSON, shortened, or "absent".
  public static func describe(_ v: JSONValue?) -> String {
    guard let v else { return "absent" }
    let s = JSONWriter.string(v)
    if s.count > 200 { return String(s.prefix(197)) + "..." }
    return s
  }
}
