import ConformanceCore

/// Parses a complete request head (request line, header lines, empty line) per RFC 9112, strictly: what a
/// lenient parser would guess at (folded lines, spaces before the colon, conflicting framing) is refused.
enum RequestHeadParser {
  static let cr = UInt8(ascii: "\r")
  static let lf = UInt8(ascii: "\n")
  static let space = UInt8(ascii: " ")
  static let tab = UInt8(ascii: "\t")

  /// Parses `bytes`, which end with the empty line; line ends are LF with an optional CR before it.
  static func parse(_ bytes: ArraySlice<UInt8>, maxBodyBytes: Int) throws(RequestRefusal)
    -> RequestHead
  {
    var lines: [Range<Int>] = []
    var lineStart = bytes.startIndex
    for i in bytes.indices where bytes[i] == lf {
      var end = i
      if end > lineStart && bytes[end - 1] == cr { end -= 1 }
      lines.append(lineStart..<end)
      lineStart = i + 1
    }
    guard let requestLine = lines.first else { throw .malformedRequestLine }
    var head = try parseRequestLine(bytes[requestLine])
    var control = ControlFields()
    for range in lines.dropFirst() where !range.isEmpty {
      let (name, value) = try parseField(bytes[range])
      control.note(name, value)
      head.headers.add(String(decoding: name, as: UTF8.self), value)
    }
    head.framing = try framing(control, minorVersion: head.minorVersion, maxBodyBytes: maxBodyBytes)
    let tokens = control.connection.flatMap(listItems)
    head.keepAlive =
      head.minorVersion >= 1 ? !tokens.contains("close") : tokens.contains("keep-alive")
    if let expect = control.expect.first.map({ trimmed(Substring($0)).lowercased() }),
      !expect.isEmpty
    {
      guard expect == "100-continue" else { throw .unsupportedExpectation }
      head.expectsContinue = head.minorVersion >= 1
    }
    return head
  }

  /// The values of the fields that steer how the request is read, picked out while parsing so the header
  /// list is not searched again for each.
  struct ControlFields {
    var contentLength: [String] = []
    var transferEncoding: [String] = []
    var connection: [String] = []
    var expect: [String] = []

    private static let names = (
      contentLength: Array("content-length".utf8),
      transferEncoding: Array("transfer-encoding".utf8),
      connection: Array("connection".utf8), expect: Array("expect".utf8)
    )

    mutating func note(_ name: ArraySlice<UInt8>, _ value: String) {
      switch name.count {
      case 14 where Self.matches(name, Self.names.contentLength): contentLength.append(value)
      case 17 where Self.matches(name, Self.names.transferEncoding): transferEncoding.append(value)
      case 10 where Self.matches(name, Self.names.connection): connection.append(value)
      case 6 where Self.matches(name, Self.names.expect): expect.append(value)
      default: break
      }
    }

    /// Case-insensitive for the letters and `-` these names are made of (`| 0x20` lower-cases a letter and
    /// leaves `-` as it is).
    private static func matches(_ name: ArraySlice<UInt8>, _ lower: [UInt8]) -> Bool {
      zip(name, lower).allSatisfy { $0 | 0x20 == $1 }
    }
  }

  /// `METHOD SP target SP HTTP/1.x`, with exactly one space between the parts.
  static func parseRequestLine(_ line: ArraySlice<UInt8>) throws(RequestRefusal) -> RequestHead {
    guard let sp1 = line.firstIndex(of: space), let sp2 = line[(sp1 + 1)...].firstIndex(of: space)
    else { throw .malformedRequestLine }
    let method = line[line.startIndex..<sp1]
    let target = line[(sp1 + 1)..<sp2]
    let version = line[(sp2 + 1)...]
    guard !method.isEmpty, method.allSatisfy(isTokenByte) else { throw .malformedRequestLine }
    guard !target.isEmpty, target.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
      throw .malformedRequestLine
    }
    let minor: Int
    switch Array(version) {
    case Array("HTTP/1.1".utf8): minor = 1
    case Array("HTTP/1.0".utf8): minor = 0
    case let v
    where v.count == 8 && v.starts(with: "HTTP/".utf8) && isDigit(v[5]) && v[6] == UInt8(ascii: ".")
      && isDigit(v[7]):
      throw .unsupportedVersion
    default:
      throw .malformedRequestLine
    }
    return RequestHead(
      method: String(decoding: method, as: UTF8.self),
      target: try originForm(String(decoding: target, as: UTF8.self)), minorVersion: minor,
      headers: HTTPHeaders(), framing: .none, keepAlive: false, expectsContinue: false)
  }

  /// The target as `/path?query`: absolute-form (`http://host/path`) loses its scheme and authority.
  static func originForm(_ target: String) throws(RequestRefusal) -> String {
    if target.hasPrefix("/") || target == "*" { return target }
    let lower = target.lowercased()
    for scheme in ["http://", "https://"] where lower.hasPrefix(scheme) {
      let rest = target.dropFirst(scheme.count)
      guard let cut = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) else { return "/" }
      let tail = String(rest[cut...])
      return tail.hasPrefix("?") ? "/" + tail : tail
    }
    throw .malformedRequestLine
  }

  /// `name: value`: a token name right before the colon, and a value of visible characters, spaces and tabs.
  static func parseField(_ line: ArraySlice<UInt8>) throws(RequestRefusal) -> (
    name: ArraySlice<UInt8>, value: String
  ) {
    guard let first = line.first, first != space, first != tab else { throw .foldedHeader }
    guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { throw .malformedHeader }
    let name = line[line.startIndex..<colon]
    guard !name.isEmpty, name.allSatisfy(isTokenByte) else { throw .malformedHeader }
    var value = line[(colon + 1)...]
    while let b = value.first, b == space || b == tab { value = value.dropFirst() }
    while let b = value.last, b == space || b == tab { value = value.dropLast() }
    guard value.allSatisfy({ $0 == tab || ($0 >= 0x20 && $0 != 0x7F) }) else {
      throw .malformedHeader
    }
    return (name, String(decoding: value, as: UTF8.self))
  }

  /// How the body is delimited: `Transfer-Encoding: chunked`, a `Content-Length`, or no body.
  static func framing(_ fields: ControlFields, minorVersion: Int, maxBodyBytes: Int)
    throws(RequestRefusal) -> RequestHead.Framing
  {
    let codings = fields.transferEncoding.flatMap(listItems)
    let lengths = fields.contentLength
    if !fields.transferEncoding.isEmpty {
      // Both at once is the classic request-smuggling shape; HTTP/1.0 has no transfer codings.
      guard lengths.isEmpty else { throw .conflictingFraming }
      guard minorVersion >= 1, codings.last == "chunked" else { throw .badTransferEncoding }
      guard codings.count == 1 else { throw .unsupportedTransferEncoding }
      return .chunked
    }
    guard !lengths.isEmpty else { return .none }
    var length: Int?
    for item in lengths.flatMap({ $0.split(separator: ",", omittingEmptySubsequences: false) }) {
      let digits = trimmed(item)
      guard !digits.isEmpty, digits.utf8.allSatisfy(isDigit) else { throw .badContentLength }
      // More digits than any allowed body needs is too large, whatever the exact number.
      guard digits.count <= 18, let n = Int(digits) else { throw .bodyTooLarge }
      if let length, length != n { throw .badContentLength }
      length = n
    }
    guard let length else { throw .badContentLength }
    if length > maxBodyBytes { throw .bodyTooLarge }
    return length == 0 ? .none : .length(length)
  }

  /// The lower-cased, trimmed items of a comma-separated header value.
  static func listItems(_ value: String) -> [String] {
    value.split(separator: ",").map { trimmed($0).lowercased() }.filter { !$0.isEmpty }
  }

  /// The text without leading and trailing spaces and tabs (HTTP's optional whitespace).
  static func trimmed(_ s: Substring) -> Substring {
    var s = s
    while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
    while let c = s.last, c == " " || c == "\t" { s.removeLast() }
    return s
  }

  static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

  /// Token characters (RFC 9110 `tchar`): letters, digits and ``!#$%&'*+-.^_`|~``.
  static func isTokenByte(_ b: UInt8) -> Bool {
    switch b {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"):
      return true
    default: return Self.tokenSymbols.contains(b)
    }
  }

  private static let tokenSymbols: Set<UInt8> = Set("!#$%&'*+-.^_`|~".utf8)
}
