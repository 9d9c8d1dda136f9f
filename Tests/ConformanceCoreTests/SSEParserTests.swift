import Testing

@testable import ConformanceCore

/// One parser case: a whole stream and what the spec says it yields.
struct SSECase: Sendable, CustomTestStringConvertible {
  var name: String
  var stream: String
  var events: [SSEEvent]
  var partial = false

  var testDescription: String { name }
}

/// A small deterministic generator, so random chunkings are the same on every run.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Splits bytes into random pieces (some empty), all at time 0.
func randomChunks(_ bytes: [UInt8], using rng: inout SplitMix64) -> [[UInt8]] {
  var out: [[UInt8]] = []
  var i = 0
  while i < bytes.count {
    let n = Int.random(in: 0...9, using: &rng)
    let end = min(bytes.count, i + n)
    out.append(Array(bytes[i..<end]))
    i = end
  }
  return out
}

/// Feeds pieces to a fresh parser, every piece at time 0.
func parsePieces(_ pieces: [[UInt8]]) -> (events: [SSEEvent], partial: Bool) {
  var parser = SSEParser()
  var events: [SSEEvent] = []
  for piece in pieces { events += parser.feed(piece, atMs: 0) }
  let end = parser.finish()
  return (events + end.events, end.partial)
}

private func ev(_ data: String, name: String? = nil, id: String? = nil) -> SSEEvent {
  SSEEvent(name: name, data: data, id: id, atMs: 0)
}

@Suite struct SSEParserTests {
  static let cases: [SSECase] = [
    SSECase(name: "one data line", stream: "data: hello\n\n", events: [ev("hello")]),
    SSECase(
      name: "named event", stream: "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n",
      events: [ev(#"{"type":"message_stop"}"#, name: "message_stop")]),
    SSECase(
      name: "data lines join with LF", stream: "data: a\ndata:b\ndata:  c\n\n",
      events: [ev("a\nb\n c")]),
    SSECase(
      name: "one space after the colon is dropped, no more", stream: "data:x\n\ndata:  x\n\n",
      events: [ev("x"), ev(" x")]),
    SSECase(
      name: "comments are ignored",
      stream: ": keep-alive\ndata: a\n: mid-event comment\ndata: b\n\n:\n\n", events: [ev("a\nb")]),
    SSECase(
      name: "a line without a colon is a field with an empty value", stream: "data\ndata\n\n",
      events: [ev("\n")]),
    SSECase(name: "an empty data line still dispatches", stream: "data:\n\n", events: [ev("")]),
    SSECase(
      name: "an event without data is not dispatched", stream: "event: ping\n\ndata: x\n\n",
      events: [ev("x")]),
    SSECase(
      name: "event name does not carry over", stream: "event: a\ndata: 1\n\ndata: 2\n\n",
      events: [ev("1", name: "a"), ev("2")]),
    SSECase(
      name: "an empty event name is the default", stream: "event:\ndata: 1\n\n", events: [ev("1")]),
    SSECase(
      name: "unknown fields are ignored", stream: "foo: bar\ndata : spaced name\ndata: ok\n\n",
      events: [ev("ok")]),
    SSECase(
      name: "the last event ID carries over until changed or cleared",
      stream: "id: 1\ndata: a\n\ndata: b\n\nid: 2\ndata: c\n\nid\ndata: d\n\n",
      events: [ev("a", id: "1"), ev("b", id: "1"), ev("c", id: "2"), ev("d")]),
    SSECase(
      name: "an id with NUL is ignored", stream: "id: 7\ndata: a\n\nid: x\u{0}y\ndata: b\n\n",
      events: [ev("a", id: "7"), ev("b", id: "7")]),
    SSECase(
      name: "CRLF line endings", stream: "event: e\r\ndata: a\r\ndata: b\r\n\r\n",
      events: [ev("a\nb", name: "e")]),
    SSECase(
      name: "CR line endings", stream: "event: e\rdata: a\rdata: b\r\rdata: c\r\r",
      events: [ev("a\nb", name: "e"), ev("c")]),
    SSECase(
      name: "mixed line endings", stream: "data: a\r\ndata: b\rdata: c\n\r\ndata: d\n\r",
      events: [ev("a\nb\nc"), ev("d")]),
    SSECase(name: "CR CR is two line ends, not one", stream: "data: a\r\r", events: [ev("a")]),
    SSECase(name: "a leading BOM is dropped", stream: "\u{FEFF}data: a\n\n", events: [ev("a")]),
    SSECase(
      name: "a BOM after the start is not dropped", stream: "data: a\n\n\u{FEFF}data: b\n\n",
      events: [ev("a")]),
    SSECase(
      name: "UTF-8 data", stream: "data: héllo wörld 🌍 中文\n\n", events: [ev("héllo wörld 🌍 中文")]),
    SSECase(
      name: "colons in the value are kept", stream: "data: {\"a\":\"b:c\"}\n\n",
      events: [ev(#"{"a":"b:c"}"#)]),
    SSECase(
      name: "a trailing event without its blank line is not dispatched",
      stream: "data: a\n\ndata: b\n", events: [ev("a")], partial: true),
    SSECase(
      name: "an unfinished field line is partial", stream: "data: a\n\nda", events: [ev("a")],
      partial: true),
    SSECase(
      name: "a trailing event name alone is partial", stream: "event: message_stop\n", events: [],
      partial: true),
    SSECase(
      name: "an unfinished comment is not an event", stream: "data: a\n\n: keep-al",
      events: [ev("a")]),
    SSECase(
      name: "a finished comment is not an event", stream: "data: a\n\n: ping\n", events: [ev("a")]),
    SSECase(name: "an empty stream", stream: "", events: []),
    SSECase(name: "blank lines only", stream: "\n\n\r\n\r", events: []),
  ]

  @Test(arguments: cases)
  func parsesAWholeStream(_ c: SSECase) {
    let result = parsePieces([Array(c.stream.utf8)])
    #expect(result.events == c.events)
    #expect(result.partial == c.partial)
  }

  @Test(arguments: cases)
  func oneByteAtATimeGivesTheSameResult(_ c: SSECase) {
    let result = parsePieces(Array(c.stream.utf8).map { [$0] })
    #expect(result.events == c.events)
    #expect(result.partial == c.partial)
  }

  @Test(arguments: cases)
  func everyTwoPieceSplitGivesTheSameResult(_ c: SSECase) {
    let bytes = Array(c.stream.utf8)
    for cut in 0...bytes.count {
      let result = parsePieces([Array(bytes[..<cut]), Array(bytes[cut...])])
      #expect(result.events == c.events, "split at byte \(cut)")
      #expect(result.partial == c.partial, "split at byte \(cut)")
    }
  }

  @Test(arguments: SampleStreams.all)
  func realisticStreamsParseTheSameInAnyChunking(_ sample: SampleStream) {
    let bytes = Array(sample.text.utf8)
    let whole = parsePieces([bytes])
    #expect(whole.events.count == sample.events.count)
    #expect(!whole.partial)
    #expect(parsePieces(bytes.map { [$0] }).events == whole.events)
    var rng = SplitMix64(state: 42)
    for _ in 0..<50 {
      let result = parsePieces(randomChunks(bytes, using: &rng))
      #expect(result.events == whole.events)
      #expect(result.partial == whole.partial)
    }
  }

  @Test func crAndLFInSeparateChunksAreOneLineEnd() {
    var parser = SSEParser()
    #expect(parser.feed(Array("data: a\r".utf8), atMs: 1).isEmpty)
    // Were this LF a line of its own, it would dispatch "a" now.
    #expect(parser.feed(Array("\n".utf8), atMs: 2).isEmpty)
    #expect(parser.feed(Array("data: b\r".utf8), atMs: 3).isEmpty)
    #expect(parser.feed(Array("\n\r".utf8), atMs: 4) == [SSEEvent(data: "a\nb", atMs: 4)])
    #expect(parser.feed(Array("\n".utf8), atMs: 5).isEmpty)
    #expect(parser.finish().partial == false)
  }

  @Test func aCharacterSplitAcrossChunksDecodesWhole() {
    let bytes = Array("data: 🌍é\n\n".utf8)
    var parser = SSEParser()
    var events: [SSEEvent] = []
    events += parser.feed(Array(bytes[0..<8]), atMs: 0)  // "data: " and half of the globe
    events += parser.feed(Array(bytes[8..<11]), atMs: 0)  // the rest of it and half of é
    events += parser.feed(Array(bytes[11...]), atMs: 0)
    #expect(events.map(\.data) == ["🌍é"])
  }

  @Test func eventsCarryTheArrivalTimeOfTheChunkThatCompletedThem() {
    var parser = SSEParser()
    #expect(parser.feed(Array("data: a\n".utf8), atMs: 10).isEmpty)
    let second = parser.feed(Array("\ndata: b\n\ndata: c".utf8), atMs: 25)
    #expect(second == [SSEEvent(data: "a", atMs: 25), SSEEvent(data: "b", atMs: 25)])
    #expect(parser.feed(Array("\n\n".utf8), atMs: 40) == [SSEEvent(data: "c", atMs: 40)])
  }

  @Test func retryKeepsTheLastValidValue() {
    var parser = SSEParser()
    _ = parser.feed(Array("retry: 1500\n\n".utf8), atMs: 0)
    #expect(parser.retryMs == 1500)
    _ = parser.feed(Array("retry: 2s\nretry:\nretry: -1\n\n".utf8), atMs: 0)
    #expect(parser.retryMs == 1500)
    _ = parser.feed(Array("retry:250\n\n".utf8), atMs: 0)
    #expect(parser.retryMs == 250)
  }

  @Test func finishResetsTheParserForReuse() {
    var parser = SSEParser()
    _ = parser.feed(Array("id: 9\nevent: x\ndata: half".utf8), atMs: 0)
    #expect(parser.finish().partial)
    #expect(
      parser.feed(Array("data: fresh\n\n".utf8), atMs: 1) == [SSEEvent(data: "fresh", atMs: 1)])
    #expect(parser.finish() == ([], false))
  }

  @Test func parseTakesTimedChunks() {
    let chunks = [
      TransportReply.Chunk(atMs: 5, bytes: Array("data: 1\n\nda".utf8)),
      TransportReply.Chunk(atMs: 9, bytes: Array("ta: 2\n\ndata: 3".utf8)),
    ]
    let result = SSEParser.parse(chunks)
    #expect(result.events == [SSEEvent(data: "1", atMs: 5), SSEEvent(data: "2", atMs: 9)])
    #expect(result.partial)
  }

  @Test func invalidUTF8BecomesReplacementCharacters() {
    let result = parsePieces([Array("data: a".utf8) + [0xFF, 0xC3] + Array("\n\n".utf8)])
    #expect(result.events.map(\.data) == ["a\u{FFFD}\u{FFFD}"])
  }
}
