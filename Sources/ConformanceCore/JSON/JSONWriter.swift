/// Serializes `JSONValue`s: compact, pretty (two-space indent, member order kept) or canonical.
///
/// Canonical form sorts object members by key and uses no whitespace; two bodies are the same request body
/// exactly when their canonical forms are equal, which is how fixtures are matched.
public enum JSONWriter {
  public enum Style: Sendable {
    case compact
    case pretty
    case canonical
  }

  public static func string(_ value: JSONValue, style: Style = .compact) -> String {
    String(decoding: bytes(value, style: style), as: UTF8.self)
  }

  public static func bytes(_ value: JSONValue, style: Style = .compact) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(256)
    write(value, style: style, indent: 0, into: &out)
    if style == .pretty { out.append(0x0A) }
    return out
  }

  /// Appends a value's JSON to a byte buffer (bytes, not `String`, because appending bytes is several times
  /// faster and reports of large runs are mostly this).
  public static func write(_ value: JSONValue, style: Style, indent: Int, into out: inout [UInt8]) {
    switch value {
    case .null: out.append(contentsOf: "null".utf8)
    case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
    case .number(let n): out.append(contentsOf: formatNumber(n).utf8)
    case .string(let s): appendQuoted(s, to: &out)
    case .array(let a):
      if a.isEmpty {
        out.append(contentsOf: "[]".utf8)
        return
      }
      out.append(UInt8(ascii: "["))
      for (i, v) in a.enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        if style == .pretty { newline(indent + 1, &out) }
        write(v, style: style, indent: indent + 1, into: &out)
      }
      if style == .pretty { newline(indent, &out) }
      out.append(UInt8(ascii: "]"))
    case .object(let o):
      if o.isEmpty {
        out.append(contentsOf: "{}".utf8)
        return
      }
      out.append(UInt8(ascii: "{"))
      let members =
        style == .canonical
        ? o.members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) } : o.members
      for (i, m) in members.enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        if style == .pretty { newline(indent + 1, &out) }
        appendQuoted(m.key, to: &out)
        out.append(UInt8(ascii: ":"))
        if style == .pretty { out.append(0x20) }
        write(m.value, style: style, indent: indent + 1, into: &out)
      }
      if style == .pretty { newline(indent, &out) }
      out.append(UInt8(ascii: "}"))
    }
  }

  private static func newline(_ indent: Int, _ out: inout [UInt8]) {
    out.append(0x0A)
    for _ in 0..<indent {
      out.append(0x20)
      out.append(0x20)
    }
  }

  /// Integers print without a fraction; other numbers use the shortest form that reads back exactly.
  public static func formatNumber(_ n: Double) -> String {
    if n.rounded() == n, abs(n) < 9.0e15 {
      return String(Int64(n))
    }
    return "\(n)"
  }

  public static func quoted(_ s: String) -> String {
    var out: [UInt8] = []
    appendQuoted(s, to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  public static func appendQuoted(_ s: String, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    let done: Void? = s.utf8.withContiguousStorageIfAvailable { appendEscaped($0, to: &out) }
    if done == nil { Array(s.utf8).withUnsafeBufferPointer { appendEscaped($0, to: &out) } }
    out.append(UInt8(ascii: "\""))
  }

  /// Appends text with JSON's escapes; runs that need none (nearly all of a report) are copied whole.
  private static func appendEscaped(_ text: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
    var run = 0
    for i in 0..<text.count {
      let b = text[i]
      if b >= 0x20 && b != UInt8(ascii: "\"") && b != UInt8(ascii: "\\") { continue }
      if run < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: text[run..<i])) }
      run = i + 1
      switch b {
      case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
      case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
      case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
      case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
      case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
      case 0x08: out.append(contentsOf: [0x5C, UInt8(ascii: "b")])
      case 0x0C: out.append(contentsOf: [0x5C, UInt8(ascii: "f")])
      default:
        let hex = Array("0123456789abcdef".utf8)
        out.append(contentsOf: [
          0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)],
        ])
      }
    }
    if run < text.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: text[run...])) }
  }
}
