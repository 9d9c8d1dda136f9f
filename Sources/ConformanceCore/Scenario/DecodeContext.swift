/// Shared state while decoding one file: the source for positions and the collector for problems.
///
/// Decoding never stops at the first problem; each decode function reports what is wrong with its part and
/// returns nil, and the caller carries on with the rest of the file.
struct DecodeContext {
  let source: SourceText
  var diagnostics = DiagnosticCollector()
  /// Variable references of scenarios that failed to decode, still checked so one pass reports everything.
  var orphanUses: [VariableUse] = []
  /// The route families and routes a scenario may name and infer.
  var catalog = RouteCatalog.anyint

  init(source: SourceText) { self.source = source }

  /// The file's JSON, or nil after reporting where and why it is not JSON.
  mutating func parse(_ bytes: [UInt8]) -> JSONNode? {
    let node: JSONNode
    do {
      node = try JSONParser.parseNode(bytes)
    } catch {
      self.error("invalid JSON: \(error.message)", at: error.offset, path: "")
      return nil
    }
    // Checked after the syntax, so binary garbage gets the syntax error; here a bad byte is inside a string.
    if let bad = JSONParser.firstInvalidUTF8(bytes) {
      let byte = String(bytes[bad], radix: 16, uppercase: true)
      self.error(
        "invalid UTF-8 (byte 0x\(byte.count == 1 ? "0" + byte : byte)): JSON files must be UTF-8; re-save the file as UTF-8",
        at: bad, path: "")
      return nil
    }
    return node
  }

  func ref(_ offset: Int) -> SourceRef {
    let p = source.position(of: offset)
    return SourceRef(file: source.path, line: p.line, column: p.column)
  }

  mutating func error(_ message: String, at offset: Int, path: String) {
    diagnostics.error(message, at: ref(offset), path: path)
  }

  mutating func warning(_ message: String, at offset: Int, path: String) {
    diagnostics.warning(message, at: ref(offset), path: path)
  }

  /// The members of an object node after checking for unknown and duplicate fields; nil (with an error) when
  /// the node is not an object.
  ///
  /// Per object this is a scan, not a dictionary: scenario and fixture objects have a handful of fields, and
  /// building a hash table for each was a large share of loading. Past `Fields.scanLimit` members (only a
  /// generated or hostile file) it indexes them, so it stays linear however many there are.
  mutating func members(of node: JSONNode, path: String, allowed: [String], what: String)
    -> Fields?
  {
    guard let members = node.members else {
      error(
        "expected \(what) (a JSON object), found \(describe(node))", at: node.offset, path: path)
      return nil
    }
    let fields = Fields(members)
    for (i, m) in members.enumerated() {
      if let first = fields.firstIndex(of: m.key), first != i {
        let p = ref(members[first].keyOffset)
        error(
          "duplicate field '\(m.key)' (first written at line \(p.line), column \(p.column)); keep one",
          at: m.keyOffset, path: DecodeContext.child(path, m.key))
        continue
      }
      if !allowed.contains(m.key) {
        var message = "unknown field '\(m.key)' in \(what)"
        if let guess = DecodeContext.closest(to: m.key, in: allowed) {
          message += "; did you mean '\(guess)'?"
        } else {
          message += "; expected one of: " + allowed.joined(separator: ", ")
        }
        error(message, at: m.keyOffset, path: DecodeContext.child(path, m.key))
      }
    }
    return fields
  }

  /// Reports a missing required field, unless an unknown field already reported is a typo of it (one mistake,
  /// one message: `"sumary"` gets "did you mean 'summary'?", not also "missing 'summary'").
  mutating func missing(
    _ field: String, in members: Fields, allowed: [String], at offset: Int,
    path: String, hint: String
  ) {
    if typoCovers([field], in: members, allowed: allowed) { return }
    error("missing required field '\(field)' (\(hint))", at: offset, path: path)
  }

  /// Whether an unknown key in the object is a likely typo of one of `fields`.
  func typoCovers(_ fields: [String], in members: Fields, allowed: [String])
    -> Bool
  {
    members.keys.contains { key in
      !allowed.contains(key)
        && DecodeContext.closest(to: key, in: allowed).map(fields.contains) == true
    }
  }

  /// A string field; reports a wrong type and returns nil.
  mutating func string(_ node: JSONNode, path: String, what: String) -> String? {
    guard let s = node.string else {
      error("expected \(what) (a string), found \(describe(node))", at: node.offset, path: path)
      return nil
    }
    return s
  }

  /// A whole number within a range; reports anything else and returns nil.
  mutating func integer(_ node: JSONNode, path: String, what: String, range: ClosedRange<Int>)
    -> Int?
  {
    guard case .number(let n) = node.kind, n.rounded() == n, n >= Double(range.lowerBound),
      n <= Double(range.upperBound)
    else {
      error(
        "expected \(what) (a whole number from \(range.lowerBound) to \(range.upperBound)), found \(describe(node))",
        at: node.offset, path: path)
      return nil
    }
    return Int(n)
  }

  /// One of a fixed set of strings.
  mutating func oneOf<E: RawRepresentable & CaseIterable>(
    _ node: JSONNode, path: String, what: String, as: E.Type
  ) -> E? where E.RawValue == String {
    oneOf(node, path: path, what: what, allowed: Array(E.allCases))
  }

  /// One of the allowed values (by raw value), or nil after reporting what the allowed ones are.
  mutating func oneOf<E: RawRepresentable>(
    _ node: JSONNode, path: String, what: String, allowed values: [E]
  ) -> E? where E.RawValue == String {
    let allowed = values.map(\.rawValue)
    guard let s = node.string else {
      error(
        "expected \(what): one of \(allowed.map { "\"\($0)\"" }.joined(separator: ", ")); found \(describe(node))",
        at: node.offset, path: path)
      return nil
    }
    guard let v = values.first(where: { $0.rawValue == s }) else {
      var message =
        "unknown \(what) \"\(s)\"; expected one of \(allowed.map { "\"\($0)\"" }.joined(separator: ", "))"
      if let guess = DecodeContext.closest(to: s, in: allowed) {
        message += " (did you mean \"\(guess)\"?)"
      }
      error(message, at: node.offset, path: path)
      return nil
    }
    return v
  }

  /// Checks `${...}` syntax in a string and records the variables it uses.
  mutating func templateReferences(
    _ text: String, offset: Int, path: String, into uses: inout [VariableUse]
  ) {
    do {
      for name in try Template.references(in: text) {
        uses.append(VariableUse(name: name, ref: ref(offset), path: path))
      }
    } catch {
      self.error(error.message, at: offset, path: path)
    }
  }

  /// A short description of a node for "found ..." messages.
  func describe(_ node: JSONNode) -> String {
    switch node.kind {
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .number(let n): return JSONWriter.formatNumber(n)
    case .string(let s): return s.count > 40 ? "a string" : JSONWriter.quoted(s)
    case .array: return "an array"
    case .object: return "an object"
    }
  }

  static func child(_ path: String, _ key: String) -> String {
    JSONPath.isPlainName(key) ? path + "." + key : path + "[" + JSONWriter.quoted(key) + "]"
  }

  static func child(_ path: String, _ index: Int) -> String { path + "[\(index)]" }

  /// The allowed word nearest to a typo, when it is close enough to be a likely intent.
  static func closest(to word: String, in candidates: [String]) -> String? {
    var best: (String, Int)?
    for c in candidates {
      let d = editDistance(word.lowercased(), c.lowercased())
      if d <= max(1, min(3, c.count / 3)), d < (best?.1 ?? Int.max) { best = (c, d) }
    }
    return best?.0
  }

  static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.unicodeScalars)
    let b = Array(b.unicodeScalars)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var prev = Array(0...b.count)
    var cur = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      cur[0] = i
      for j in 1...b.count {
        cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      swap(&prev, &cur)
    }
    return prev[b.count]
  }
}

/// A `${name}` reference and where it was written.
public struct VariableUse: Sendable, Hashable {
  public var name: String
  public var ref: SourceRef
  public var path: String
}

/// An object's fields by name; a name written twice means its first occurrence (the duplicate is an error).
struct Fields {
  /// Up to this many members, a scan beats building a hash table.
  static let scanLimit = 16

  private let members: [JSONNode.Member]
  /// First position of each name, for objects past `scanLimit` members.
  private let index: [String: Int]?

  init(_ members: [JSONNode.Member]) {
    self.members = members
    guard members.count > Self.scanLimit else {
      index = nil
      return
    }
    var index: [String: Int] = [:]
    index.reserveCapacity(members.count)
    for (i, m) in members.enumerated() where index[m.key] == nil { index[m.key] = i }
    self.index = index
  }

  func firstIndex(of key: String) -> Int? {
    if let index { return index[key] }
    return members.firstIndex { $0.key == key }
  }

  subscript(key: String) -> JSONNode.Member? {
    firstIndex(of: key).map { members[$0] }
  }

  var isEmpty: Bool { members.isEmpty }

  /// The distinct names, in order of first appearance.
  var keys: [String] {
    members.indices.filter { firstIndex(of: members[$0].key) == $0 }.map { members[$0].key }
  }
}
