/// Replaces secrets, in every form `SecretScanner` recognises, with a placeholder.
///
/// It is also the only maker of `Redacted`, the one kind of value the output sinks accept: whatever leaves the
/// process (console and error lines, report files, fixtures, logs) has been through a redactor.
public struct Redactor: Sendable {
  public static let placeholder = "<redacted>"
  /// The placeholder inside XML and HTML text, where `<` must be written as a reference.
  public static let markupPlaceholder = "&lt;redacted&gt;"
  /// The placeholder inside the JSON an HTML page's script block holds (no `<`, `>` or `&` may appear there).
  public static let scriptPlaceholder = #"\u003credacted\u003e"#

  public let secrets: [Secret]
  let scanner: SecretScanner

  public init(secrets: [Secret]) {
    self.init(secrets: secrets, forms: .all)
  }

  /// A redactor reading only some forms (tests show with it that each form is needed).
  init(secrets: [Secret], forms: RedactionForms) {
    let unique = secrets.reduce(into: [Secret]()) { list, s in
      if !s.trimmed.isEmpty, !list.contains(where: { $0.value == s.value }) { list.append(s) }
    }
    self.secrets = unique
    scanner = SecretScanner(
      patterns: SecretPattern.patterns(for: unique, forms: forms), forms: forms)
  }

  /// Secrets named only by value (origin "a secret").
  public init(secrets: [String]) {
    self.init(secrets: secrets.map { Secret($0, origin: "a secret") })
  }

  /// The same secrets plus `more`.
  public func adding(_ more: [Secret]) -> Redactor {
    Redactor(secrets: secrets + more)
  }

  public var isEmpty: Bool { secrets.isEmpty }

  // MARK: The boundary

  /// Text cleared to leave the process.
  public func redact(_ text: String, placeholder: String = Redactor.placeholder) -> Redacted {
    Redacted(cleared: bytes(Array(text.utf8), placeholder: placeholder))
  }

  /// Bytes cleared to leave the process.
  public func redact(_ data: [UInt8], placeholder: String = Redactor.placeholder) -> Redacted {
    Redacted(cleared: bytes(data, placeholder: placeholder))
  }

  /// A redactor for output produced piece by piece (a report streamed to disk): a secret split across two
  /// pieces is still found.
  public func stream(placeholder: String = Redactor.placeholder) -> RedactingStream {
    RedactingStream(redactor: self, placeholder: Array(placeholder.utf8))
  }

  // MARK: Values (for code that must redact before it cuts or splits)

  public func string(_ s: String) -> String {
    guard !isEmpty else { return s }
    let b = Array(s.utf8)
    let r = bytes(b)
    return r == b ? s : String(decoding: r, as: UTF8.self)
  }

  public func bytes(_ b: [UInt8], placeholder: String = Redactor.placeholder) -> [UInt8] {
    let found = spans(in: b)
    return found.isEmpty ? b : Self.replace(b, found, with: Array(placeholder.utf8)).bytes
  }

  public func json(_ v: JSONValue) -> JSONValue {
    guard !isEmpty else { return v }
    switch v {
    case .string(let s): return .string(string(s))
    case .array(let a): return .array(a.map(json))
    case .object(let o):
      return .object(
        JSONObject(o.members.map { .init(key: string($0.key), value: json($0.value)) }))
    default: return v
    }
  }

  /// The start of a body for a report, at most `limit` bytes of it once redacted, with `...` when cut. The whole
  /// body is redacted first, so a cut never leaves part of a secret behind, and a cut through a placeholder
  /// drops the placeholder's start.
  public func excerpt(_ body: [UInt8], limit: Int = 512) -> String? {
    guard !body.isEmpty else { return nil }
    // Only the start can reach the excerpt: a match that begins before the limit ends within one match's length.
    let start = Array(body.prefix(limit + scanner.longestMatch + 64))
    let (out, holes) = Self.replace(start, spans(in: start), with: Array(Redactor.placeholder.utf8))
    guard out.count > limit || start.count < body.count else {
      return String(decoding: out, as: UTF8.self)
    }
    guard out.count > limit else { return String(decoding: out, as: UTF8.self) + "..." }
    var cut = limit
    if let hole = holes.first(where: { $0.lowerBound < cut && cut < $0.upperBound }) {
      cut = hole.lowerBound
    }
    while cut > 0, out[cut] & 0xC0 == 0x80 { cut -= 1 }
    return String(decoding: out[..<cut], as: UTF8.self) + "..."
  }

  /// The secret first found in `b`, if any (refusals name its origin, never its value).
  public func firstSecret(in b: [UInt8]) -> Secret? {
    spans(in: b).first.map { secrets[$0.secret] }
  }

  public func contains(_ text: String) -> Bool { firstSecret(in: Array(text.utf8)) != nil }

  /// Where secrets are in `b`.
  func spans(in b: [UInt8], before: UInt8? = nil) -> [SecretScanner.Span] {
    guard !isEmpty, !b.isEmpty else { return [] }
    return b.withUnsafeBufferPointer { scanner.spans(in: $0, before: before) }
  }

  /// `b` with each span replaced, and where the placeholders are in the result.
  static func replace(_ b: [UInt8], _ spans: [SecretScanner.Span], with placeholder: [UInt8]) -> (
    bytes: [UInt8], holes: [Range<Int>]
  ) {
    guard !spans.isEmpty else { return (b, []) }
    var out: [UInt8] = []
    out.reserveCapacity(b.count)
    var holes: [Range<Int>] = []
    var at = 0
    for s in spans {
      out += b[at..<s.range.lowerBound]
      holes.append(out.count..<(out.count + placeholder.count))
      out += placeholder
      at = s.range.upperBound
    }
    out += b[at...]
    return (out, holes)
  }
}

/// Bytes that went through a `Redactor`: the only thing the output sinks write. Only a redactor makes one.
public struct Redacted: Sendable, Equatable {
  public let bytes: [UInt8]

  fileprivate init(cleared bytes: [UInt8]) { self.bytes = bytes }

  public var text: String { String(decoding: bytes, as: UTF8.self) }
  public var isEmpty: Bool { bytes.isEmpty }
}

/// Redacts output that arrives in pieces: it holds back the end of what it has seen (as much as one match can
/// span) until more arrives, so a secret split between two pieces is found whole.
public struct RedactingStream: Sendable {
  let redactor: Redactor
  let placeholder: [UInt8]
  private var pending: [UInt8] = []
  private var before: UInt8?

  init(redactor: Redactor, placeholder: [UInt8]) {
    self.redactor = redactor
    self.placeholder = placeholder
  }

  private var window: Int { redactor.scanner.longestMatch + 64 }

  /// What can be written now (may be empty).
  public mutating func write(_ piece: [UInt8]) -> Redacted {
    pending += piece
    guard pending.count >= max(2 * window, 1 << 16) else { return Redacted(cleared: []) }
    return emit(upTo: pending.count - window)
  }

  /// Everything still held back.
  public mutating func finish() -> Redacted {
    emit(upTo: pending.count)
  }

  private mutating func emit(upTo limit: Int) -> Redacted {
    let spans = redactor.spans(in: pending, before: before)
    var cut = limit
    if cut < pending.count {
      // Never cut through a match, nor just after a backslash (it would escape what follows it).
      var moved = true
      while moved {
        moved = false
        if let s = spans.first(where: { $0.range.lowerBound < cut && cut < $0.range.upperBound }) {
          cut = s.range.lowerBound
          moved = true
        }
        while cut > 0, pending[cut - 1] == UInt8(ascii: "\\") {
          cut -= 1
          moved = true
        }
      }
    }
    let inside = spans.filter { $0.range.upperBound <= cut }
    let out = Redactor.replace(Array(pending[..<cut]), inside, with: placeholder).bytes
    if cut > 0 { before = pending[cut - 1] }
    pending.removeFirst(cut)
    return Redacted(cleared: out)
  }
}
