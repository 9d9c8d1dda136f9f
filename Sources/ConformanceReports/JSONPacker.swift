import ConformanceCore

/// Packs JSON so that repeated parts are written once: the HTML report embeds its data this way, which keeps a
/// 10,000-scenario page a few megabytes where the plain JSON would be several times that.
///
/// Every distinct value is hash-consed as it is added (children first), so building costs one pass. The
/// packed form is itself JSON:
///
///     {"packed": 1, "shapes": [[key, ...], ...], "table": [value, ...], "root": value}
///
/// where a value is a JSON string, number, boolean or null as it is, or an array whose first element says
/// what it is: `[0, items...]` an array, `[k, values...]` (k > 0) an object with the keys of `shapes[k - 1]`,
/// and `[-i]` (i > 0) the value `table[i - 1]`. Values used more than once (and strings long enough to be
/// worth it) go to the table; everything else is written in place. The page's script reverses this in a few
/// lines (`unpack` in `HTMLScript`).
public struct JSONPacker {
  /// A value as the packer holds it: scalars in place, strings and composites by their id.
  public enum Atom: Hashable, Sendable {
    case null
    case bool(Bool)
    case number(UInt64)
    case string(Int)
    case node(Int)
  }

  private var strings: [String] = []
  private var stringIDs: [String: Int] = [:]
  private var shapes: [[String]] = []
  private var shapeIDs: [[String]: Int] = [:]
  private var nodes = PackedNodeTable()
  private var numbers: [UInt64] = []
  private var numberIDs: [UInt64: Int] = [:]
  /// The items of the nodes being built, innermost last (each `add` of a composite pushes its items here,
  /// interns them, and pops them).
  private var pending: [UInt64] = []

  /// Strings shorter than this (in UTF-8 bytes) are always written in place: a table reference would not be
  /// shorter.
  static let minimumSharedString = 8

  /// The shape each count of keys (modulo 16) was last seen with: objects of one table mostly follow each
  /// other, and comparing a few short keys is cheaper than hashing them all.
  private var recentShapes = [Int](repeating: -1, count: 16)

  public init() {}

  /// A packer whose tables have room for about `values` distinct values (no rehashing as they grow).
  public init(reservingValues values: Int) {
    let n = max(0, values)
    nodes = PackedNodeTable(reserving: n)
    strings.reserveCapacity(n / 2)
    stringIDs.reserveCapacity(n / 2)
  }

  /// Adds a value and returns its atom, for use in `array` or `object`, or as the root of `bytes`.
  public mutating func add(_ value: JSONValue) -> Atom {
    switch value {
    case .null: return .null
    case .bool(let b): return .bool(b)
    case .number(let n): return .number(n.bitPattern)
    case .string(let s): return string(s)
    case .array(let items):
      let base = pending.count
      for v in items {
        let a = add(v)
        pending.append(word(a))
      }
      return intern(tag: 0, from: base)
    case .object(let o):
      let base = pending.count
      var keys: [String] = []
      keys.reserveCapacity(o.members.count)
      for m in o.members {
        keys.append(m.key)
        let a = add(m.value)
        pending.append(word(a))
      }
      return intern(tag: shape(keys) + 1, from: base)
    }
  }

  // Each table is looked up once per value, inserting when the value is new (`[key, default: next]`), not
  // looked up and then set (two hashes of every new value).

  public mutating func string(_ s: String) -> Atom {
    let next = strings.count
    let id = Self.lookUp(&stringIDs[s, default: next])
    if id == next { strings.append(s) }
    return .string(id)
  }

  public mutating func array(_ items: [Atom]) -> Atom {
    let base = pending.count
    for a in items { pending.append(word(a)) }
    return intern(tag: 0, from: base)
  }

  /// An object of already added members, in the order given.
  public mutating func object(_ members: [(String, Atom)]) -> Atom {
    let base = pending.count
    for m in members { pending.append(word(m.1)) }
    return intern(tag: shape(members.map(\.0)) + 1, from: base)
  }

  /// The node of the items pushed since `base`, which are popped.
  private mutating func intern(tag: Int, from base: Int) -> Atom {
    let id = nodes.intern(tag: tag, items: pending[base...])
    pending.removeSubrange(base...)
    return .node(id)
  }

  // An item is one word: its kind in the low 3 bits, the rest its value (a number by its id in `numbers`).

  private mutating func word(_ a: Atom) -> UInt64 {
    switch a {
    case .null: return 0
    case .bool(let b): return b ? 1 << 3 | 1 : 1
    case .number(let bits):
      let next = numbers.count
      let id = Self.lookUp(&numberIDs[bits, default: next])
      if id == next { numbers.append(bits) }
      return UInt64(id) << 3 | 2
    case .string(let id): return UInt64(id) << 3 | 3
    case .node(let id): return UInt64(id) << 3 | 4
    }
  }

  private func atom(_ w: UInt64) -> Atom {
    let v = Int(truncatingIfNeeded: w >> 3)
    switch w & 7 {
    case 1: return .bool(v != 0)
    case 2: return .number(numbers[v])
    case 3: return .string(v)
    case 4: return .node(v)
    default: return .null
    }
  }

  private mutating func shape(_ keys: [String]) -> Int {
    let slot = keys.count & 15
    let recent = recentShapes[slot]
    if recent >= 0, shapes[recent] == keys { return recent }
    let next = shapes.count
    let id = Self.lookUp(&shapeIDs[keys, default: next])
    if id == next { shapes.append(keys) }
    recentShapes[slot] = id
    return id
  }

  /// Reads a table slot through `inout`, so that a missing key is inserted by the same lookup.
  private static func lookUp(_ slot: inout Int) -> Int { slot }

  /// The packed document with `root` as its value, as compact JSON.
  public func bytes(root: Atom) -> [UInt8] {
    // How often each distinct value is referred to: once per distinct parent node, plus the root.
    var nodeUses = [Int](repeating: 0, count: nodes.count)
    var stringUses = [Int](repeating: 0, count: strings.count)
    func use(_ a: Atom) {
      switch a {
      case .node(let id): nodeUses[id] += 1
      case .string(let id): stringUses[id] += 1
      default: break
      }
    }
    use(root)
    for w in nodes.words { use(atom(w)) }

    var tableOfNode = [Int](repeating: -1, count: nodes.count)
    var tableOfString = [Int](repeating: -1, count: strings.count)
    var table: [Atom] = []
    for (id, s) in strings.enumerated()
    where stringUses[id] > 1 && s.utf8.count >= Self.minimumSharedString {
      tableOfString[id] = table.count
      table.append(.string(id))
    }
    for id in 0..<nodes.count where nodeUses[id] > 1 {
      tableOfNode[id] = table.count
      table.append(.node(id))
    }

    var out: [UInt8] = []
    out.reserveCapacity(1 << 16)
    func write(_ a: Atom, inTable: Bool = false) {
      switch a {
      case .null: out.append(contentsOf: "null".utf8)
      case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
      case .number(let bits):
        out.append(contentsOf: JSONWriter.formatNumber(Double(bitPattern: bits)).utf8)
      case .string(let id):
        if !inTable, tableOfString[id] >= 0 {
          Self.appendReference(tableOfString[id], to: &out)
        } else {
          JSONWriter.appendQuoted(strings[id], to: &out)
        }
      case .node(let id):
        if !inTable, tableOfNode[id] >= 0 {
          Self.appendReference(tableOfNode[id], to: &out)
          return
        }
        out.append(UInt8(ascii: "["))
        Self.appendDecimal(nodes.tags[id], to: &out)
        for k in nodes.starts[id]..<nodes.starts[id + 1] {
          out.append(UInt8(ascii: ","))
          write(atom(nodes.words[k]))
        }
        out.append(UInt8(ascii: "]"))
      }
    }
    out.append(contentsOf: "{\"packed\":1,\"shapes\":[".utf8)
    for (i, keys) in shapes.enumerated() {
      if i > 0 { out.append(UInt8(ascii: ",")) }
      JSONWriter.write(.array(keys.map(JSONValue.string)), style: .compact, indent: 0, into: &out)
    }
    out.append(contentsOf: "],\"table\":[".utf8)
    for (i, a) in table.enumerated() {
      if i > 0 { out.append(UInt8(ascii: ",")) }
      write(a, inTable: true)
    }
    out.append(contentsOf: "],\"root\":".utf8)
    write(root)
    out.append(UInt8(ascii: "}"))
    return out
  }

  /// `[-(index + 1)]`, a reference to the table's entry `index`.
  private static func appendReference(_ index: Int, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "["))
    out.append(UInt8(ascii: "-"))
    appendDecimal(index + 1, to: &out)
    out.append(UInt8(ascii: "]"))
  }

  /// A non-negative integer in decimal (no `String` made for it).
  static func appendDecimal(_ n: Int, to out: inout [UInt8]) {
    guard n >= 0 else {
      out.append(contentsOf: String(n).utf8)
      return
    }
    let start = out.count
    var v = n
    repeat {
      out.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: v % 10))
      v /= 10
    } while v > 0
    out[start...].reverse()
  }

  /// Reverses `bytes`: the original value (used by tests; the page does this in its script).
  public static func unpack(_ packed: JSONValue) -> JSONValue? {
    guard let shapes = packed["shapes"]?.arrayValue, let table = packed["table"]?.arrayValue,
      let root = packed["root"]
    else { return nil }
    let keys = shapes.map { $0.arrayValue?.compactMap(\.stringValue) ?? [] }
    func decode(_ v: JSONValue, depth: Int) -> JSONValue? {
      guard depth < 512, case .array(let a) = v else { return v }
      guard let tag = a.first?.intValue else { return nil }
      if tag < 0 {
        guard -tag - 1 < table.count else { return nil }
        return decode(table[-tag - 1], depth: depth + 1)
      }
      let items = a.dropFirst().compactMap { decode($0, depth: depth + 1) }
      guard items.count == a.count - 1 else { return nil }
      if tag == 0 { return .array(items) }
      guard tag - 1 < keys.count, keys[tag - 1].count == items.count else { return nil }
      return .object(JSONObject(zip(keys[tag - 1], items).map { .init(key: $0, value: $1) }))
    }
    return decode(root, depth: 0)
  }
}
