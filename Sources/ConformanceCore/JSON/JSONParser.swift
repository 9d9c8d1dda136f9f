/// A JSON syntax error with the byte offset where reading stopped.
public struct JSONSyntaxError: Error, Sendable, Equatable {
  public var offset: Int
  public var message: String
}

/// A strict RFC 8259 JSON reader over UTF-8 bytes that records the offset of every value and key.
///
/// Written by hand because `JSONSerialization` reports neither positions nor duplicate keys, both of which
/// `validate` needs; it also bounds nesting depth so no input can exhaust the stack.
public struct JSONParser {
  public static let maximumDepth = 256

  private let bytes: [UInt8]
  private var index = 0
  private var depth = 0

  private init(bytes: [UInt8]) { self.bytes = bytes }

  /// Parses a complete document; anything but whitespace after the value is an error.
  public static func parseNode(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONNode {
    var p = JSONParser(bytes: bytes)
    // A UTF-8 byte order mark is tolerated at the very start.
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { p.index = 3 }
    p.skipWhitespace()
    if p.index >= bytes.count {
      throw JSONSyntaxError(offset: p.index, message: "the file holds no JSON value")
    }
    let node = try p.parseValue()
    p.skipWhitespace()
    if p.index < bytes.count {
      if bytes[p.index] == UInt8(ascii: "{") || bytes[p.index] == UInt8(ascii: "[") {
        throw JSONSyntaxError(
          offset: p.index,
          message:
            "unexpected \(p.describeCurrent()) after the JSON value; to hold several values in one file, wrap them in an array [ ..., ... ]"
        )
      }
      throw JSONSyntaxError(
        offset: p.index, message: "unexpected \(p.describeCurrent()) after the JSON value")
    }
    return node
  }

  /// The offset of the first byte that is not valid UTF-8, or nil when all of it is (RFC 8259 requires UTF-8
  /// for files). Answers from a gateway are read leniently instead: there a bad byte becomes U+FFFD.
  public static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
    // Plain ASCII, the common case, needs no decoding.
    guard let firstHigh = bytes.firstIndex(where: { $0 >= 0x80 }) else { return nil }
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes[firstHigh...].makeIterator()
    var offset = firstHigh
    while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let scalar): offset += scalar.count
      case .error: return offset
      case .emptyInput: return nil
      }
    }
  }

  /// Parses a complete document into a plain value.
  public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
    try parseNode(bytes).value
  }

  /// Parses a string holding a JSON document.
  public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
    try parse(Array(text.utf8))
  }

  private mutating func parseValue() throws(JSONSyntaxError) -> JSONNode {
    guard index < bytes.count else { throw error("unexpected end of input, expected a value") }
    let start = index
    switch bytes[index] {
    case UInt8(ascii: "{"): return try parseObject()
    case UInt8(ascii: "["): return try parseArray()
    case UInt8(ascii: "\""): return JSONNode(kind: .string(try parseString()), offset: start)
    case UInt8(ascii: "t"):
      try expectLiteral("true")
      return JSONNode(kind: .bool(true), offset: start)
    case UInt8(ascii: "f"):
      try expectLiteral("false")
      return JSONNode(kind: .bool(false), offset: start)
    case UInt8(ascii: "n"):
      try expectLiteral("null")
      return JSONNode(kind: .null, offset: start)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      return JSONNode(kind: .number(try parseNumber()), offset: start)
    case UInt8(ascii: "/"):
      throw error("JSON has no comments; remove the comment (or use a \"note\" field)")
    case UInt8(ascii: "'"):
      throw error("unexpected single quote; JSON strings use double quotes")
    default:
      throw error("unexpected \(describeCurrent()), expected a value")
    }
  }

  private mutating func parseObject() throws(JSONSyntaxError) -> JSONNode {
    let start = index
    try enter()
    index += 1
    var members: [JSONNode.Member] = []
    skipWhitespace()
    if peek(UInt8(ascii: "}")) {
      index += 1
      depth -= 1
      return JSONNode(kind: .object(members), offset: start)
    }
    while true {
      skipWhitespace()
      guard peek(UInt8(ascii: "\"")) else {
        if peek(UInt8(ascii: "/")) {
          throw error("JSON has no comments; remove the comment (or use a \"note\" field)")
        }
        throw error("unexpected \(describeCurrent()), expected a member name in double quotes")
      }
      let keyOffset = index
      let key = try parseString()
      skipWhitespace()
      guard peek(UInt8(ascii: ":")) else {
        throw error("unexpected \(describeCurrent()), expected ':' after member name \"\(key)\"")
      }
      index += 1
      skipWhitespace()
      let value = try parseValue()
      members.append(JSONNode.Member(key: key, keyOffset: keyOffset, value: value))
      skipWhitespace()
      if peek(UInt8(ascii: ",")) {
        let comma = index
        index += 1
        skipWhitespace()
        if peek(UInt8(ascii: "}")) {
          throw JSONSyntaxError(offset: comma, message: "trailing comma before '}'; remove it")
        }
        continue
      }
      if peek(UInt8(ascii: "}")) {
        index += 1
        depth -= 1
        return JSONNode(kind: .object(members), offset: start)
      }
      throw error("unexpected \(describeCurrent()), expected ',' or '}' after an object member")
    }
  }

  private mutating func parseArray() throws(JSONSyntaxError) -> JSONNode {
    let start = index
    try enter()
    index += 1
    var elements: [JSONNode] = []
    skipWhitespace()
    if peek(UInt8(ascii: "]")) {
      index += 1
      depth -= 1
      return JSONNode(kind: .array(elements), offset: start)
    }
    while true {
      skipWhitespace()
      elements.append(try parseValue())
      skipWhitespace()
      if peek(UInt8(ascii: ",")) {
        let comma = index
        index += 1
        skipWhitespace()
        if peek(UInt8(ascii: "]")) {
          throw JSONSyntaxError(offset: comma, message: "trailing comma before ']'; remove it")
        }
        continue
      }
      if peek(UInt8(ascii: "]")) {
        index += 1
        depth -= 1
        return JSONNode(kind: .array(elements), offset: start)
      }
      throw error("unexpected \(describeCurrent()), expected ',' or ']' after an array element")
    }
  }

  private mutating func enter() throws(JSONSyntaxError) {
    depth += 1
    if depth > JSONParser.maximumDepth {
      throw error("nesting deeper than \(JSONParser.maximumDepth) levels")
    }
  }

  private mutating func parseString() throws(JSONSyntaxError) -> String {
    let quote = index
    index += 1
    let contentStart = index
    // Fast path: no escapes.
    while index < bytes.count {
      let b = bytes[index]
      if b == UInt8(ascii: "\"") {
        let s = String(decoding: bytes[contentStart..<index], as: UTF8.self)
        index += 1
        return s
      }
      if b == UInt8(ascii: "\\") { break }
      if b < 0x20 { throw controlCharacter(b, quote: quote) }
      index += 1
    }
    var out: [UInt8] = Array(bytes[contentStart..<index])
    while index < bytes.count {
      let b = bytes[index]
      if b == UInt8(ascii: "\"") {
        index += 1
        return String(decoding: out, as: UTF8.self)
      }
      if b < 0x20 { throw controlCharacter(b, quote: quote) }
      if b != UInt8(ascii: "\\") {
        out.append(b)
        index += 1
        continue
      }
      index += 1
      guard index < bytes.count else { break }
      let e = bytes[index]
      index += 1
      switch e {
      case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
      case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
      case UInt8(ascii: "/"): out.append(UInt8(ascii: "/"))
      case UInt8(ascii: "b"): out.append(0x08)
      case UInt8(ascii: "f"): out.append(0x0C)
      case UInt8(ascii: "n"): out.append(0x0A)
      case UInt8(ascii: "r"): out.append(0x0D)
      case UInt8(ascii: "t"): out.append(0x09)
      case UInt8(ascii: "u"):
        var scalar = try parseHex4()
        if (0xD800...0xDBFF).contains(scalar) {
          if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
            bytes[index + 1] == UInt8(ascii: "u")
          {
            index += 2
            let low = try parseHex4()
            if (0xDC00...0xDFFF).contains(low) {
              scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else {
              scalar = 0xFFFD
            }
          } else {
            scalar = 0xFFFD
          }
        } else if (0xDC00...0xDFFF).contains(scalar) {
          scalar = 0xFFFD
        }
        let u = Unicode.Scalar(scalar) ?? "\u{FFFD}"
        out.append(contentsOf: Array(String(Character(u)).utf8))
      default:
        index -= 2
        throw error("invalid escape '\\\(String(UnicodeScalar(e)))' in a string")
      }
    }
    throw JSONSyntaxError(offset: quote, message: "unterminated string")
  }

  /// A line break inside a string almost always means a missing closing quote: point at the opening quote.
  private func controlCharacter(_ b: UInt8, quote: Int) -> JSONSyntaxError {
    if b == 0x0A || b == 0x0D {
      return JSONSyntaxError(
        offset: quote,
        message:
          "unterminated string: the line ends before the closing '\"' (write \\n for a line break inside a string)"
      )
    }
    return error("control character in a string; write it as an escape such as \\t or \\u0001")
  }

  private mutating func parseHex4() throws(JSONSyntaxError) -> UInt32 {
    guard index + 4 <= bytes.count else { throw error("\\u escape needs four hex digits") }
    var v: UInt32 = 0
    for _ in 0..<4 {
      let b = bytes[index]
      let d: UInt32
      switch b {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(b - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(b - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(b - UInt8(ascii: "A") + 10)
      default: throw error("\\u escape needs four hex digits")
      }
      v = v * 16 + d
      index += 1
    }
    return v
  }

  private mutating func parseNumber() throws(JSONSyntaxError) -> Double {
    let start = index
    if peek(UInt8(ascii: "-")) { index += 1 }
    guard index < bytes.count, isDigit(bytes[index]) else {
      throw error("a number needs digits after '-'")
    }
    if bytes[index] == UInt8(ascii: "0") {
      index += 1
      if index < bytes.count, isDigit(bytes[index]) {
        throw error("numbers must not have leading zeros")
      }
    } else {
      while index < bytes.count, isDigit(bytes[index]) { index += 1 }
    }
    if peek(UInt8(ascii: ".")) {
      index += 1
      guard index < bytes.count, isDigit(bytes[index]) else {
        throw error("a number needs digits after '.'")
      }
      while index < bytes.count, isDigit(bytes[index]) { index += 1 }
    }
    if peek(UInt8(ascii: "e")) || peek(UInt8(ascii: "E")) {
      index += 1
      if peek(UInt8(ascii: "+")) || peek(UInt8(ascii: "-")) { index += 1 }
      guard index < bytes.count, isDigit(bytes[index]) else {
        throw error("a number needs digits in its exponent")
      }
      while index < bytes.count, isDigit(bytes[index]) { index += 1 }
    }
    let text = String(decoding: bytes[start..<index], as: UTF8.self)
    guard let d = Double(text), d.isFinite else {
      throw JSONSyntaxError(offset: start, message: "number \(text) is out of range")
    }
    return d
  }

  private mutating func expectLiteral(_ word: StaticString) throws(JSONSyntaxError) {
    let w = word.utf8Start
    let n = word.utf8CodeUnitCount
    guard index + n <= bytes.count else {
      throw error("unexpected \(describeCurrent()), expected a value")
    }
    for i in 0..<n where bytes[index + i] != w[i] {
      throw error("unexpected \(describeCurrent()), expected a value")
    }
    index += n
  }

  private mutating func skipWhitespace() {
    while index < bytes.count {
      switch bytes[index] {
      case 0x20, 0x0A, 0x0D, 0x09: index += 1
      default: return
      }
    }
  }

  private func peek(_ b: UInt8) -> Bool { index < bytes.count && bytes[index] == b }

  private func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

  private func describeCurrent() -> String {
    guard index < bytes.count else { return "end of input" }
    let b = bytes[index]
    if b == UInt8(ascii: "'") { return "a single quote" }
    if b >= 0x21 && b < 0x7F { return "'\(String(UnicodeScalar(b)))'" }
    if b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D { return "whitespace" }
    return "byte 0x" + String(b, radix: 16)
  }

  private func error(_ message: String) -> JSONSyntaxError {
    JSONSyntaxError(offset: index, message: message)
  }
}
