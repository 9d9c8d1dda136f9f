/// A JSON path of scenario format v1: `$`, `.name`, `["name"]`, `[index]` (negative counts from the end) and `[*]`.
///
/// A path without `[*]` selects at most one value. A path with `[*]` selects every match; matchers then see
/// them as one array, so `{"$.data[*].id": {"contains": "gpt-4o"}}` asks whether any id is `gpt-4o`.
public struct JSONPath: Sendable, Hashable, CustomStringConvertible {
  public enum Component: Sendable, Hashable {
    case key(String)
    case index(Int)
    case wildcard
  }

  public let components: [Component]
  public let description: String

  public var hasWildcard: Bool { components.contains(.wildcard) }

  public init(components: [Component]) {
    self.components = components
    var d = "$"
    for c in components {
      switch c {
      case .key(let k):
        if JSONPath.isPlainName(k) { d += "." + k } else { d += "[" + JSONWriter.quoted(k) + "]" }
      case .index(let i): d += "[\(i)]"
      case .wildcard: d += "[*]"
      }
    }
    description = d
  }

  /// Parses a path; the error message says what was expected at which character.
  public init(parsing text: String) throws(PathError) {
    let chars = Array(text.unicodeScalars)
    guard chars.first == "$" else {
      throw PathError(message: "a JSON path starts with '$'", position: 0)
    }
    var i = 1
    var comps: [Component] = []
    while i < chars.count {
      if chars[i] == "." {
        i += 1
        let start = i
        while i < chars.count, chars[i] != ".", chars[i] != "[" { i += 1 }
        guard i > start else {
          throw PathError(message: "expected a member name after '.'", position: start)
        }
        comps.append(.key(String(String.UnicodeScalarView(chars[start..<i]))))
      } else if chars[i] == "[" {
        i += 1
        guard i < chars.count else { throw PathError(message: "unterminated '['", position: i) }
        if chars[i] == "*" {
          i += 1
          guard i < chars.count, chars[i] == "]" else {
            throw PathError(message: "expected ']' after '[*'", position: i)
          }
          i += 1
          comps.append(.wildcard)
        } else if chars[i] == "\"" || chars[i] == "'" {
          let quote = chars[i]
          i += 1
          var name = String.UnicodeScalarView()
          while i < chars.count, chars[i] != quote {
            if chars[i] == "\\", i + 1 < chars.count {
              i += 1
            }
            name.append(chars[i])
            i += 1
          }
          guard i < chars.count else {
            throw PathError(message: "unterminated quoted name", position: i)
          }
          i += 1
          guard i < chars.count, chars[i] == "]" else {
            throw PathError(message: "expected ']' after a quoted name", position: i)
          }
          i += 1
          comps.append(.key(String(name)))
        } else {
          let start = i
          if chars[i] == "-" { i += 1 }
          while i < chars.count, ("0"..."9").contains(chars[i]) { i += 1 }
          guard i < chars.count, chars[i] == "]",
            let n = Int(String(String.UnicodeScalarView(chars[start..<i])))
          else {
            throw PathError(
              message: "expected an index, '*' or a quoted name inside '[...]'", position: start)
          }
          i += 1
          comps.append(.index(n))
        }
      } else {
        throw PathError(message: "expected '.' or '[' but found '\(chars[i])'", position: i)
      }
    }
    self.init(components: comps)
  }

  public struct PathError: Error, Sendable {
    public var message: String
    public var position: Int
  }

  /// Every value the path selects in `root`, in document order.
  public func select(in root: JSONValue) -> [JSONValue] {
    var current = [root]
    for c in components {
      var next: [JSONValue] = []
      for v in current {
        switch c {
        case .key(let k):
          if let x = v[k] { next.append(x) }
        case .index(let i):
          if let a = v.arrayValue {
            let j = i < 0 ? a.count + i : i
            if j >= 0 && j < a.count { next.append(a[j]) }
          }
        case .wildcard:
          if let a = v.arrayValue {
            next.append(contentsOf: a)
          } else if let o = v.objectValue {
            next.append(contentsOf: o.members.map(\.value))
          }
        }
      }
      current = next
      if current.isEmpty { break }
    }
    return current
  }

  /// The value a matcher sees: the single match, an array of all matches for a wildcard path, or nil when absent.
  public func evaluate(in root: JSONValue) -> JSONValue? {
    let found = select(in: root)
    if hasWildcard { return found.isEmpty ? nil : .array(found) }
    return found.first
  }

  static func isPlainName(_ s: String) -> Bool {
    guard let first = s.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
    return s.unicodeScalars.allSatisfy {
      ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_"
        || $0 == "-"
    }
  }
}
