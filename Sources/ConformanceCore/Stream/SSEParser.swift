/// One dispatched server-sent event.
public struct SSEEvent: Sendable, Equatable {
  /// The `event:` field; nil when the event had none (or an empty one), which the spec calls `message`.
  public var name: String?
  /// The `data:` lines joined with `\n`.
  public var data: String
  /// The last event ID at dispatch: like a browser's `lastEventId`, it carries over to later events until an
  /// `id:` line changes it; nil while no ID (or the empty ID) is in force.
  public var id: String?
  /// Arrival time of the chunk that completed the event (the one holding its blank line).
  public var atMs: Double

  public init(name: String? = nil, data: String, id: String? = nil, atMs: Double = 0) {
    self.name = name
    self.data = data
    self.id = id
    self.atMs = atMs
  }
}

/// An incremental `text/event-stream` parser following the WHATWG "event stream interpretation" rules.
///
/// Bytes may be fed in pieces split anywhere (mid-line, mid-UTF-8 sequence, between `\r` and `\n`); the result
/// is the same as feeding the whole stream at once. Rules applied: lines end in `\r\n`, `\n` or `\r`; a leading
/// UTF-8 byte order mark is dropped; a blank line dispatches the event being built, but only if it had at least
/// one `data:` line; a line starting with `:` is a comment; `field:value` loses one space after the colon and a
/// line without a colon is a field with an empty value; `data:` lines join with `\n`; `event:`, `id:` (ignored
/// when it contains NUL) and `retry:` (ASCII digits only) are understood and other fields ignored; an event
/// still being built when the stream ends is not dispatched.
public struct SSEParser: Sendable {
  /// The latest valid `retry:` value, in milliseconds.
  public private(set) var retryMs: Int?

  private var line: [UInt8] = []
  /// The previous byte was a `\r` that ended a line: a `\n` right after it belongs to the same line end.
  private var afterCR = false
  private var atStreamStart = true
  private var data: [UInt8] = []
  private var hasData = false
  private var eventName: [UInt8] = []
  private var lastEventID: String = ""
  /// A field line was seen since the last dispatch, so an event is being built.
  private var building = false

  public init() {}

  /// Parses one more piece of the stream; returns the events it completed, stamped with `atMs`.
  public mutating func feed(_ bytes: [UInt8], atMs: Double) -> [SSEEvent] {
    var out: [SSEEvent] = []
    bytes.withUnsafeBufferPointer { buf in
      var i = 0
      let n = buf.count
      while i < n {
        if afterCR {
          afterCR = false
          if buf[i] == UInt8(ascii: "\n") {
            i += 1
            continue
          }
        }
        var j = i
        while j < n && buf[j] != UInt8(ascii: "\n") && buf[j] != UInt8(ascii: "\r") { j += 1 }
        if j > i { line.append(contentsOf: buf[i..<j]) }
        if j == n { break }
        afterCR = buf[j] == UInt8(ascii: "\r")
        if let event = processLine(atMs: atMs) { out.append(event) }
        line.removeAll(keepingCapacity: true)
        i = j + 1
      }
    }
    return out
  }

  /// Ends the stream and resets the parser for reuse.
  ///
  /// `events` is always empty: the spec does not dispatch an event whose blank line never came, and every
  /// complete event was already returned by `feed`. `partial` is true when such an undispatched event was
  /// pending: a field line without its blank line, or an unfinished line that is not a comment.
  public mutating func finish() -> (events: [SSEEvent], partial: Bool) {
    let unfinishedLine = !line.isEmpty && line.first != UInt8(ascii: ":")
    let partial = building || unfinishedLine
    self = SSEParser()
    return ([], partial)
  }

  private mutating func processLine(atMs: Double) -> SSEEvent? {
    if atStreamStart {
      atStreamStart = false
      if line.starts(with: [0xEF, 0xBB, 0xBF]) { line.removeFirst(3) }
    }
    if line.isEmpty { return dispatch(atMs: atMs) }
    if line[0] == UInt8(ascii: ":") { return nil }
    building = true
    let colon = line.firstIndex(of: UInt8(ascii: ":")) ?? line.count
    var valueStart = Swift.min(colon + 1, line.count)
    if valueStart < line.count && line[valueStart] == UInt8(ascii: " ") { valueStart += 1 }
    let field = line[0..<colon]
    let value = line[valueStart...]
    if field.elementsEqual("data".utf8) {
      if hasData { data.append(UInt8(ascii: "\n")) }
      data.append(contentsOf: value)
      hasData = true
    } else if field.elementsEqual("event".utf8) {
      eventName = Array(value)
    } else if field.elementsEqual("id".utf8) {
      if !value.contains(0) { lastEventID = String(decoding: value, as: UTF8.self) }
    } else if field.elementsEqual("retry".utf8) {
      if !value.isEmpty, value.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
        let ms = Int(String(decoding: value, as: UTF8.self))
      {
        retryMs = ms
      }
    }
    return nil
  }

  private mutating func dispatch(atMs: Double) -> SSEEvent? {
    defer {
      data.removeAll(keepingCapacity: true)
      eventName.removeAll(keepingCapacity: true)
      hasData = false
      building = false
    }
    guard hasData else { return nil }
    return SSEEvent(
      name: eventName.isEmpty ? nil : String(decoding: eventName, as: UTF8.self),
      data: String(decoding: data, as: UTF8.self),
      id: lastEventID.isEmpty ? nil : lastEventID,
      atMs: atMs)
  }
}

extension SSEParser {
  /// Parses a whole stream delivered as timed chunks; `partial` as in `finish()`.
  public static func parse(_ chunks: [TransportReply.Chunk]) -> (events: [SSEEvent], partial: Bool)
  {
    var parser = SSEParser()
    var events: [SSEEvent] = []
    for chunk in chunks { events += parser.feed(chunk.bytes, atMs: chunk.atMs) }
    let end = parser.finish()
    return (events + end.events, end.partial)
  }
}
