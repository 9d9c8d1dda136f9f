import ConformanceCore

/// The SSE parser: never traps, and where the bytes are split into chunks does not change the events.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSSE(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let bytes = FuzzCheck.bytes(data, size)
  var whole = SSEParser()
  var events = whole.feed(bytes, atMs: 0)
  let end = whole.finish()
  events += end.events
  // The same bytes in pieces, split where the first byte says.
  let step = max(1, Int(bytes.first ?? 1) % 7 + 1)
  var pieces = SSEParser()
  var split: [SSEEvent] = []
  var i = 0
  while i < bytes.count {
    split += pieces.feed(Array(bytes[i..<min(bytes.count, i + step)]), atMs: 0)
    i += step
  }
  let splitEnd = pieces.finish()
  split += splitEnd.events
  FuzzCheck.require(
    events.map(\.data) == split.map(\.data) && events.map(\.name) == split.map(\.name),
    "chunking changed the events")
  FuzzCheck.require(
    end.partial == splitEnd.partial, "chunking changed whether the stream ended mid-event")
  return 0
}
