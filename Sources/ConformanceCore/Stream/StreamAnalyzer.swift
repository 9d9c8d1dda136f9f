/// Turns the timed chunks of a streamed body into a `StreamAnalysis`: parses the events, names them, judges
/// them by their format's rules, and measures their pacing. Pure: no clock, no I/O.
public enum StreamAnalyzer {
  /// Analyses a stream; with `format` nil the format is detected from the events alone.
  ///
  /// `totalMs` is the time from sending to the end of the body; `durationMs` is the later of it and the
  /// last chunk's arrival.
  public static func analyze(
    chunks: [TransportReply.Chunk], format: StreamExpectation.Format?, totalMs: Double
  ) -> StreamAnalysis {
    analyze(
      chunks: chunks, format: format, totalMs: totalMs, path: "", contentType: nil, fault: nil)
  }

  /// Analyses a transport reply to a request for `path`, detecting the format from the path, the
  /// `content-type` header and the events when `format` is nil.
  ///
  /// A body without timed chunks (a plain fixture) counts as one chunk arriving at the first byte. A body
  /// fault means the connection did not end cleanly: it is reported, and a Gemini stream is then not complete.
  public static func analyze(reply: TransportReply, path: String, format: StreamExpectation.Format?)
    -> StreamAnalysis
  {
    var chunks = reply.chunks
    if chunks.isEmpty && !reply.response.body.isEmpty {
      chunks = [
        TransportReply.Chunk(atMs: reply.firstByteMs ?? reply.totalMs, bytes: reply.response.body)
      ]
    }
    return analyze(
      chunks: chunks, format: format, totalMs: reply.totalMs, path: path,
      contentType: reply.response.headers["content-type"],
      fault: reply.bodyFault)
  }

  /// Which stream format an answer is in.
  ///
  /// Anthropic when an event is named `message_start`, `content_block_*`, `message_delta` or `message_stop`,
  /// or the path is under `/anthropic/`; Gemini for a `:streamGenerateContent` path or when the first event is
  /// a `GenerateContentResponse` (has `candidates`, `promptFeedback` or `usageMetadata`); OpenAI otherwise.
  /// Nil when there are no events and the content type is given and is not `text/event-stream`: not a stream.
  public static func detectFormat(contentType: String?, path: String, events: [SSEEvent])
    -> StreamExpectation.Format?
  {
    if events.contains(where: { $0.name.map(AnthropicRules.flowNames.contains) ?? false }) {
      return .anthropicSSE
    }
    if events.isEmpty, let contentType,
      !contentType.lowercased().containsBytes(MediaType.eventStream)
    {
      return nil
    }
    if path.containsBytes("/anthropic/") { return .anthropicSSE }
    if path.containsBytes(":streamGenerateContent") { return .geminiSSE }
    if let first = events.first(where: { $0.data != "[DONE]" }),
      let object = parseJSON(first.data)?.objectValue,
      object["candidates"] != nil || object["promptFeedback"] != nil
        || object["usageMetadata"] != nil
    {
      return .geminiSSE
    }
    return .openaiSSE
  }

  static func analyze(
    chunks: [TransportReply.Chunk], format: StreamExpectation.Format?, totalMs: Double,
    path: String, contentType: String?,
    fault: TransportFault?
  ) -> StreamAnalysis {
    let parsed = SSEParser.parse(chunks)
    let detected =
      format ?? detectFormat(contentType: contentType, path: path, events: parsed.events)
    var state = StreamState()
    let terminal: String
    switch detected {
    case .openaiSSE?:
      var rules = OpenAIRules()
      for (i, e) in parsed.events.enumerated() { rules.observe(e, ordinal: i + 1, into: &state) }
      terminal = "[DONE]"
    case .anthropicSSE?:
      var rules = AnthropicRules()
      for (i, e) in parsed.events.enumerated() { rules.observe(e, ordinal: i + 1, into: &state) }
      terminal = "message_stop"
    case .geminiSSE?:
      var rules = GeminiRules()
      for (i, e) in parsed.events.enumerated() { rules.observe(e, ordinal: i + 1, into: &state) }
      terminal = "an event with a finishReason"
    case nil:
      terminal = ""
    }

    var complete = state.terminal != nil
    if detected == .geminiSSE { complete = complete && !parsed.partial && fault == nil }
    // An OpenAI stream that delivered a finish_reason and then ended cleanly is complete: openai-python
    // ends it normally without [DONE]. The missing terminator is a finding, not an interruption.
    var withoutDone = false
    if detected == .openaiSSE, !complete, state.finishReason != nil, state.error == nil,
      !parsed.partial, fault == nil
    {
      complete = true
      withoutDone = true
    }
    // How the stream ended: reported with the other problems, but judged by `complete`, not as order faults.
    var endings: [String] = []
    if detected != nil {
      if state.records.isEmpty && !parsed.partial { endings.append("the stream carried no events") }
      if parsed.partial {
        endings.append(
          "the stream ended in the middle of an event (a field line without its blank line)")
      }
      if state.terminal == nil && state.error == nil && !state.records.isEmpty && !withoutDone {
        endings.append("the stream ended before \(terminal)")
      }
    }
    if let fault { endings.append("the connection did not end cleanly: \(fault.message)") }
    for e in endings { state.problems.add(e) }

    var gap: Double?
    for (a, b) in zip(state.records, state.records.dropFirst()) {
      gap = Swift.max(gap ?? 0, b.atMs - a.atMs)
    }
    var analysis = StreamAnalysis(
      format: detected, events: state.records, complete: complete, error: state.error,
      timeToFirstEventMs: state.records.first?.atMs,
      durationMs: Swift.max(totalMs, chunks.last?.atMs ?? 0),
      longestGapMs: gap, endedMidEvent: parsed.partial, problems: state.problems.lines,
      endingProblems: endings)
    analysis.endedWithoutDone = withoutDone
    return analysis
  }

  static func parseJSON(_ data: String) -> JSONValue? {
    try? JSONParser.parse(data)
  }
}

/// What the per-format rules build up while walking the events.
struct StreamState {
  /// The last `finish_reason` an OpenAI chunk carried.
  var finishReason: String?
  var records: [StreamEventRecord] = []
  var error: ErrorInfo?
  /// The name of the terminal event, once seen.
  var terminal: String?
  var problems = ProblemLog()

  mutating func record(_ name: String, _ event: SSEEvent) {
    records.append(StreamEventRecord(name: name, atMs: event.atMs))
  }

  /// Keeps the first error: later ones are usually consequences of it.
  mutating func noteError(_ info: ErrorInfo) {
    if error == nil { error = info }
  }

  /// Reports an event that came after the terminal one.
  mutating func checkAfterTerminal(_ name: String, ordinal: Int) {
    if let terminal {
      problems.add("event \"\(name)\" after the terminal \(terminal)", at: ordinal)
    }
  }

  /// Reports a payload that should have been JSON.
  mutating func notJSON(_ event: SSEEvent, ordinal: Int) {
    let sample = event.data.count > 40 ? String(event.data.prefix(40)) + "…" : event.data
    problems.add("event data is not JSON: \"\(sample)\"", at: ordinal, key: "not JSON")
  }

  /// Records an event whose payload is not JSON under its name (or `message`), reporting the payload.
  mutating func recordNotJSON(_ event: SSEEvent, ordinal: Int) {
    let name = event.name ?? "message"
    checkAfterTerminal(name, ordinal: ordinal)
    notJSON(event, ordinal: ordinal)
    record(name, event)
  }
}

/// Problems grouped by kind, so a thousand deltas out of order make one line, not a thousand.
struct ProblemLog {
  private var order: [String] = []
  private var entries: [String: (message: String, first: Int?, more: Int)] = [:]

  /// Adds a problem seen at 1-based event `ordinal`; problems with the same `key` (default: the message) are
  /// counted on the first one's line.
  mutating func add(_ message: String, at ordinal: Int? = nil, key: String? = nil) {
    let k = key ?? message
    if var entry = entries[k] {
      entry.more += 1
      entries[k] = entry
    } else {
      order.append(k)
      entries[k] = (message, ordinal, 0)
    }
  }

  var lines: [String] {
    order.compactMap { k in
      guard let e = entries[k] else { return nil }
      guard let first = e.first else { return e.message }
      return e.more == 0
        ? "\(e.message) (event \(first))" : "\(e.message) (event \(first), and \(e.more) more)"
    }
  }
}
