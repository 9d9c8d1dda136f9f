/// A JSON value that keeps the order of object members, so reports and fixtures read the way they were written.
///
/// Equality ignores member order and compares numbers numerically, which is what "the same JSON" means to a
/// scenario author (`{"a":1,"b":2}` equals `{"b":2,"a":1.0}`).
public enum JSONValue: Sendable, Equatable, Hashable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object(JSONObject)

  /// The JSON type name used by the `type` matcher and in messages.
  public var typeName: String {
    switch self {
    case .null: return "null"
    case .bool: return "boolean"
    case .number: return "number"
    case .string: return "string"
    case .array: return "array"
    case .object: return "object"
    }
  }

  public var stringValue: String? {
    if case .string(let s) = self { return s }
    return nil
  }

  public var numberValue: Double? {
    if case .number(let n) = self { return n }
    return nil
  }

  /// The value as an exact integer, when it is a number without a fraction.
  public var intValue: Int? {
    guard case .number(let n) = self, n.rounded() == n, abs(n) < 9.0e15 else { return nil }
    return Int(n)
  }

  public var boolValue: Bool? {
    if case .bool(let b) = self { return b }
    return nil
  }

  public var arrayValue: [JSONValue]? {
    if case .array(let a) = self { return a }
    return nil
  }

  public var objectValue: JSONObject? {
    if case .object(let o) = self { return o }
    return nil
  }

  public subscript(key: String) -> JSONValue? {
    objectValue?[key]
  }
}

/// An ordered JSON object; lookups are linear, which is fastest for the small objects scenarios and envelopes hold.
public struct JSONObject: Sendable, Hashable, ExpressibleByDictionaryLiteral {
  public struct Member: Sendable, Hashable {
    public var key: String
    public var value: JSONValue
    public init(key: String, value: JSONValue) {
      self.key = key
      self.value = value
    }
  }

  public private(set) var members: [Member]

  public init() { members = [] }

  public init(_ members: [Member]) { self.members = members }

  public init(dictionaryLiteral elements: (String, JSONValue)...) {
    members = []
    for (k, v) in elements { self[k] = v }
  }

  public var isEmpty: Bool { members.isEmpty }
  public var count: Int { members.count }
  public var keys: [String] { members.map(\.key) }

  public subscript(key: String) -> JSONValue? {
    get {
      for m in members where m.key == key { return m.value }
      return nil
    }
    set {
      if let i = members.firstIndex(where: { $0.key == key }) {
        if let newValue { members[i].value = newValue } else { members.remove(at: i) }
      } else if let newValue {
        members.append(Member(key: key, value: newValue))
      }
    }
  }

  /// Members in order of first appearance, each with the value written last, as a sequence of `self[key] =`
  /// would leave them, but linear in the number of pairs however many there are (a parsed body or fixture can
  /// hold an object with any number of keys).
  public init(lastWins pairs: [Member]) {
    guard pairs.count > Self.linearLimit else {
      members = []
      for p in pairs { self[p.key] = p.value }
      return
    }
    var position: [String: Int] = [:]
    position.reserveCapacity(pairs.count)
    var out: [Member] = []
    out.reserveCapacity(pairs.count)
    for p in pairs {
      if let i = position[p.key] {
        out[i].value = p.value
      } else {
        position[p.key] = out.count
        out.append(p)
      }
    }
    members = out
  }

  /// Up to this many members, a linear scan beats building a hash index.
  static let linearLimit = 16

  public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
    guard lhs.members.count == rhs.members.count else { return false }
    guard lhs.members.count > linearLimit else {
      for m in lhs.members {
        guard let other = rhs[m.key], other == m.value else { return false }
      }
      return true
    }
    var values: [String: JSONValue] = [:]
    values.reserveCapacity(rhs.members.count)
    for m in rhs.members where values[m.key] == nil { values[m.key] = m.value }
    for m in lhs.members {
      guard let other = values[m.key], other == m.value else { return false }
    }
    return true
  }

  public func hash(into hasher: inout Hasher) {
    // Order-independent: combine member hashes commutatively.
    var acc = 0
    for m in members {
      var h = Hasher()
      h.combine(m.key)
      h.combine(m.value)
      acc ^= h.finalize()
    }
    hasher.combine(members.count)
    hasher.combine(acc)
  }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
  ExpressibleByBooleanLiteral,
  ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral,
  ExpressibleByFloatLiteral
{
  public init(stringLiteral value: String) { self = .string(value) }
  public init(integerLiteral value: Int) { self = .number(Double(value)) }
  public init(floatLiteral value: Double) { self = .number(value) }
  public init(booleanLiteral value: Bool) { self = .bool(value) }
  public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
  public init(nilLiteral: ()) { self = .null }
  public init(dictionaryLiteral elements: (String, JSONValue)...) {
    var o = JSONObject()
    for (k, v) in elements { o[k] = v }
    self = .object(o)
  }
}

extension JSONValue {
  /// Builds a value from an optional string: `nil` becomes JSON `null`.
  public static func optionalString(_ s: String?) -> JSONValue {
    s.map(JSONValue.string) ?? .null
  }

  /// Builds a value from an optional integer: `nil` becomes JSON `null`.
  public static func optionalInt(_ i: Int?) -> JSONValue {
    i.map { .number(Double($0)) } ?? .null
  }
}
