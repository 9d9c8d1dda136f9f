/// One event of an analysed stream: the name a scenario's `expect.stream.events` refers to, and when it arrived.
public struct StreamEventRecord: Sendable, Equatable {
  public var name: String
  public var atMs: Double

  public init(name: String, atMs: Double) {
    self.name = name
    self.atMs = atMs
  }
}

/// What a streamed answer turned out to be: its events, whether it reached its terminal event, a mid-stream
/// error, its pacing, and every way it broke the format's rules.
public struct StreamAnalysis: Sendable {
  /// The format the stream was judged by (given, or detected); nil when the answer was not an event stream.
  public var format: StreamExpectation.Format?
  /// Every dispatched event, in order.
  ///
  /// Names: Anthropic events by their `event:` name; for the data-only formats `"[DONE]"` for the terminator,
  /// `"error"` for an error payload, else the payload's `object` (e.g. `chat.completion.chunk`), else its
  /// `type`, else `"message"`. An OpenAI stream with named events (the Responses API) keeps those names.
  public var events: [StreamEventRecord]
  /// Whether the format's terminal event was received: `[DONE]` (or the Responses API's `response.completed`,
  /// `response.incomplete`, `response.failed`) for OpenAI, `message_stop` for Anthropic; for Gemini an event
  /// carrying a `finishReason` (or a prompt `blockReason`) followed by a clean end of stream.
  public var complete: Bool
  /// The first error reported inside the stream, if any.
  public var error: ErrorInfo?
  /// Milliseconds from sending to the first dispatched event (of any name, pings included).
  public var timeToFirstEventMs: Double?
  /// Milliseconds from sending to the end of the stream.
  public var durationMs: Double
  /// The longest wait between two consecutive events, in milliseconds; nil with fewer than two events.
  public var longestGapMs: Double?
  /// The stream stopped while an event was being built (a field line without its blank line).
  public var endedMidEvent: Bool
  /// Human-readable one-liners, one per kind of rule broken, in the order first seen.
  public var problems: [String]
  /// The event-name summary a report was written with, when this analysis was read back from one (the
  /// report keeps the summary, not every event).
  public var reportedNames: String?
  /// The entries of `problems` that describe how the stream ended (cut short, no events, an unclean close):
  /// the `complete` check judges those; the rest break the format's order rules.
  public var endingProblems: [String] = []
  /// An OpenAI stream that finished its choices (a `finish_reason`) and ended cleanly without `[DONE]`.
  public var endedWithoutDone = false

  public init(
    format: StreamExpectation.Format?, events: [StreamEventRecord] = [], complete: Bool = false,
    error: ErrorInfo? = nil,
    timeToFirstEventMs: Double? = nil, durationMs: Double = 0, longestGapMs: Double? = nil,
    endedMidEvent: Bool = false,
    problems: [String] = [], endingProblems: [String] = []
  ) {
    self.format = format
    self.events = events
    self.complete = complete
    self.error = error
    self.timeToFirstEventMs = timeToFirstEventMs
    self.durationMs = durationMs
    self.longestGapMs = longestGapMs
    self.endedMidEvent = endedMidEvent
    self.problems = problems
    self.endingProblems = endingProblems
  }

  /// The observed event names, in order.
  public var eventNames: [String] { events.map(\.name) }

  /// Whether `expected` occurs in the observed names as a subsequence: each expected name appears, in the
  /// given order, though other events (pings, extra deltas) may come between them. An empty list matches.
  ///
  /// `["message_start", "content_block_delta", "message_stop"]` matches `message_start, ping,
  /// content_block_start, content_block_delta, content_block_delta, content_block_stop, message_delta,
  /// message_stop`; a repeated name must be observed as many times as it is expected.
  public func eventsMatch(_ expected: [String]) -> Bool {
    eventsMismatch(expected) == nil
  }

  /// Why `expected` is not a subsequence of the observed names: which expected name was not found after the
  /// ones already matched, and what was observed; nil when `eventsMatch(expected)` holds.
  public func eventsMismatch(_ expected: [String]) -> String? {
    var position = 0
    var previous: (name: String, at: Int)?
    for (k, name) in expected.enumerated() {
      var found: Int?
      while position < events.count {
        defer { position += 1 }
        if events[position].name == name {
          found = position
          break
        }
      }
      guard let at = found else {
        var text = "expected event \"\(name)\" (\(k + 1) of \(expected.count))"
        if let previous {
          text +=
            " after \"\(previous.name)\" (observed event \(previous.at + 1)), but it did not come"
        } else {
          text += ", but it never came"
        }
        return text + "; observed: " + Self.summarize(eventNames)
      }
      previous = (name, at)
    }
    return nil
  }

  /// A compact list of names: runs of one name become `name ×n`, and a long list is cut short.
  public static func summarize(_ names: [String], limit: Int = 24) -> String {
    guard !names.isEmpty else { return "no events" }
    var groups: [String] = []
    var i = 0
    while i < names.count {
      var j = i + 1
      while j < names.count && names[j] == names[i] { j += 1 }
      groups.append(j - i > 1 ? "\(names[i]) ×\(j - i)" : names[i])
      i = j
    }
    if groups.count > limit {
      return groups[0..<limit].joined(separator: ", ") + ", … (\(groups.count - limit) more)"
    }
    return groups.joined(separator: ", ")
  }
}
