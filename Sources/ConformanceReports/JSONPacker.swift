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

  struct Node: Hashable {
    /// 0 for an array, k > 0 for an object of shape k - 1.
    var tag: Int
    var items: [Atom]
  }

  private var strings: [String] = []
  private var stringIDs: [String: Int] = [:]
  private var shapes: [[String]] = []
  private var shapeIDs: [[String]: Int] = [:]
  private var nodes: [Node] = []
  private var nodeIDs: [Node: Int] = [:]

  /// Strings shorter than this (in UTF-8 bytes) are always written in place: a table reference would not be
  /// shorter.
  static let minimumSharedString = 8

  public init() {}

  /// Adds a value and returns its atom, for use in `array` or `object`, or as the root of `bytes`.
  public mutating func add(_ value: JSONValue) -> Atom {
    switch value {
    case .null: return .null
    case .bool(let b): return .bool(b)
    case .number(let n): return .number(n.bitPattern)
    case .string(let s): return string(s)
    case .array(let items): return array(items.map { add($0) })
    case .object(let o): return object(o.members.map { ($0.key, add($0.value)) })
    }
  }

  public mutating func string(_ s: String) -> Atom {
    if let id = stringIDs[s] { return .string(id) }
    let id = strings.count
    strings.append(s)
    stringIDs[s] = id
    return .string(id)
  }

  public mutating func array(_ items: [Atom]) -> Atom {
    node(Node(tag: 0, items: items))
  }

  /// An object of already added members, in the order given.
  public mutating func object(_ members: [(String, Atom)]) -> Atom {
    let keys = members.map(\.0)
    let shape: Int
    if let id = shapeIDs[keys] {
      shape = id
    } else {
      shape = shapes.count
      shapes.append(keys)
      shapeIDs[keys] = shape
    }
    return node(Node(tag: shape + 1, items: members.map(\.1)))
  }

  private mutating func node(_ n: Node) -> Atom {
    if let id = nodeIDs[n] { return .node(id) }
    let id = nodes.count
    nodes.append(n)
    nodeIDs[n] = id
    return .node(id)
  }

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
    for n in nodes { n.items.forEach(use) }

    var tableOfNode = [Int](repeating: -1, count: nodes.count)
    var tableOfString = [Int](repeating: -1, count: strings.count)
    var table: [Atom] = []
    for (id, s) in strings.enumerated()
    where stringUses[id] > 1 && s.utf8.count >= Self.minimumSharedString {
      tableOfString[id] = table.count
      table.append(.string(id))
    }
    for id in nodes.indices where nodeUses[id] > 1 {
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
          out.append(contentsOf: "[-\(tableOfString[id] + 1)]".utf8)
        } else {
          JSONWriter.appendQuoted(strings[id], to: &out)
        }
      case .node(let id):
        if !inTable, tableOfNode[id] >= 0 {
          out.append(contentsOf: "[-\(tableOfNode[id] + 1)]".utf8)
          return
        }
        let n = nodes[id]
        out.append(UInt8(ascii: "["))
        out.append(contentsOf: "\(n.tag)".utf8)
        for item in n.items {
          out.append(UInt8(ascii: ","))
          write(item)
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
