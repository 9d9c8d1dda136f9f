/// A parsed JSON value that remembers where each part came from, so `validate` can point at the exact field.
///
/// Positions are byte offsets into the source; `SourceText` turns them into `line:column` only when a
/// diagnostic is printed, which keeps parsing linear even for single-line files.
public struct JSONNode: Sendable {
  public enum Kind: Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONNode])
    case object([Member])
  }

  public struct Member: Sendable {
    public var key: String
    public var keyOffset: Int
    public var value: JSONNode
  }

  public var kind: Kind
  /// Byte offset of the first character of this value in its source.
  public var offset: Int

  public init(kind: Kind, offset: Int) {
    self.kind = kind
    self.offset = offset
  }

  /// The plain value, without positions. Later duplicate keys win, as in most JSON readers.
  public var value: JSONValue {
    switch kind {
    case .null: return .null
    case .bool(let b): return .bool(b)
    case .number(let n): return .number(n)
    case .string(let s): return .string(s)
    case .array(let a): return .array(a.map(\.value))
    case .object(let members):
      return .object(
        JSONObject(lastWins: members.map { JSONObject.Member(key: $0.key, value: $0.value.value) }))
    }
  }

  public var typeName: String {
    switch kind {
    case .null: return "null"
    case .bool: return "boolean"
    case .number: return "number"
    case .string: return "string"
    case .array: return "array"
    case .object: return "object"
    }
  }

  public var members: [Member]? {
    if case .object(let m) = kind { return m }
    return nil
  }

  public var elements: [JSONNode]? {
    if case .array(let a) = kind { return a }
    return nil
  }

  public var string: String? {
    if case .string(let s) = kind { return s }
    return nil
  }

  public subscript(key: String) -> JSONNode? {
    members?.last(where: { $0.key == key })?.value
  }
}

/// A source file's text with a line index, for turning byte offsets into 1-based line and column numbers.
///
/// Each lookup is a binary search for the line plus a bounded scan: alongside the line starts, the index keeps
/// the number of characters (Unicode scalars: bytes that are not UTF-8 continuation bytes) before every
/// `stride`-th byte, so a column never needs a walk from the start of its line. One long minified line with
/// thousands of scenarios costs the same per lookup as a pretty-printed file.
public struct SourceText: Sendable {
  public let path: String
  public let bytes: [UInt8]
  private let lineStarts: [Int]
  /// `scalarsBefore[k]` is the number of scalar starts in `bytes[0 ..< k * stride]`.
  private let scalarsBefore: [Int]
  private static let stride = 64

  public init(path: String, bytes: [UInt8]) {
    self.path = path
    self.bytes = bytes
    var starts = [0]
    var checkpoints: [Int] = []
    checkpoints.reserveCapacity(bytes.count / Self.stride + 2)
    var scalars = 0
    bytes.withUnsafeBufferPointer { buf in
      for i in 0..<buf.count {
        if i % Self.stride == 0 { checkpoints.append(scalars) }
        let b = buf[i]
        if b & 0xC0 != 0x80 { scalars += 1 }
        if b == UInt8(ascii: "\n") { starts.append(i + 1) }
      }
    }
    if bytes.count % Self.stride == 0 { checkpoints.append(scalars) }
    lineStarts = starts
    scalarsBefore = checkpoints
  }

  /// The number of scalar starts in `bytes[0 ..< offset]`, from the nearest checkpoint at or below it.
  private func scalars(before offset: Int) -> Int {
    let k = offset / Self.stride
    var count = scalarsBefore[k]
    var i = k * Self.stride
    while i < offset {
      if bytes[i] & 0xC0 != 0x80 { count += 1 }
      i += 1
    }
    return count
  }

  /// Line and column (both 1-based; the column counts characters, not bytes) of a byte offset.
  public func position(of offset: Int) -> (line: Int, column: Int) {
    let clamped = max(0, min(offset, bytes.count))
    var lo = 0
    var hi = lineStarts.count - 1
    while lo < hi {
      let mid = (lo + hi + 1) / 2
      if lineStarts[mid] <= clamped { lo = mid } else { hi = mid - 1 }
    }
    var start = lineStarts[lo]
    // An editor does not show a UTF-8 byte order mark, so it takes no column.
    if lo == 0 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) && clamped >= 3 { start = 3 }
    return (lo + 1, 1 + scalars(before: clamped) - scalars(before: start))
  }
}
