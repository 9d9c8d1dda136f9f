import Testing

@testable import ConformanceCore

/// A realistic stream, written event by event from the upstream docs, with the names analysis must give it.
struct SampleStream: Sendable, CustomTestStringConvertible {
  var name: String
  var format: StreamExpectation.Format
  var path: String
  /// Each event's raw text, blank line included; the last one is the format's terminal event.
  var events: [String]
  var names: [String]
  /// Line ends are CRLF, so an event is dispatched one byte before its text ends.
  var crlf = false

  var text: String { events.joined() }
  var testDescription: String { name }

  /// Byte offsets after which a cut leaves no event half-received.
  var boundaries: Set<Int> {
    var out: Set<Int> = [0]
    var offset = 0
    for e in events {
      offset += e.utf8.count
      out.insert(offset)
      if crlf { out.insert(offset - 1) }
    }
    return out
  }

  /// How many events a parser has dispatched after the first `cut` bytes.
  func dispatched(after cut: Int) -> Int {
    var offset = 0
    var n = 0
    for e in events {
      offset += e.utf8.count
      if cut >= offset - (crlf ? 1 : 0) { n += 1 }
    }
    return n
  }
}

enum SampleStreams {
  /// Chat Completions with `stream_options.include_usage`: role chunk, content, finish chunk, usage chunk, [DONE].
  static let openai = SampleStream(
    name: "openai chat completion", format: .openaiSSE, path: "/openai/v1/chat/completions",
    events: [
      #"data: {"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini","system_fingerprint":"fp_44709d6fcb","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}],"usage":null}"#
        + "\n\n",
      #"data: {"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":"Héllo"},"logprobs":null,"finish_reason":null}],"usage":null}"#
        + "\n\n",
      #"data: {"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}],"usage":null}"#
        + "\n\n",
      #"data: {"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini","choices":[],"usage":{"prompt_tokens":9,"completion_tokens":2,"total_tokens":11}}"#
        + "\n\n",
      "data: [DONE]\n\n",
    ],
    names: Array(repeating: "chat.completion.chunk", count: 4) + ["[DONE]"])

  /// The same stream framed with CRLF, as some proxies re-frame it.
  static let openaiCRLF = SampleStream(
    name: "openai chat completion, CRLF", format: .openaiSSE, path: "/openai/v1/chat/completions",
    events: openai.events.map { $0.replacingLF() }, names: openai.names, crlf: true)

  /// A text block and a tool_use block, with a ping, as in Anthropic's streaming guide.
  static let anthropic = SampleStream(
    name: "anthropic messages", format: .anthropicSSE, path: "/anthropic/v1/messages",
    events: [
      "event: message_start\n"
        + #"data: {"type":"message_start","message":{"id":"msg_014p7gG3wDgGV9EUtLvnow3U","type":"message","role":"assistant","model":"claude-opus-4-7","stop_sequence":null,"usage":{"input_tokens":472,"output_tokens":2},"content":[],"stop_reason":null}}"#
        + "\n\n",
      "event: content_block_start\n"
        + #"data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"#
        + "\n\n",
      "event: ping\n" + #"data: {"type": "ping"}"# + "\n\n",
      "event: content_block_delta\n"
        + #"data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Okay, let's check the weather — ☀️"}}"#
        + "\n\n",
      "event: content_block_stop\n" + #"data: {"type":"content_block_stop","index":0}"# + "\n\n",
      "event: content_block_start\n"
        + #"data: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_01T1x1fJ34qAmk2tNTrN7Up6","name":"get_weather","input":{}}}"#
        + "\n\n",
      "event: content_block_delta\n"
        + #"data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":""}}"#
        + "\n\n",
      "event: content_block_delta\n"
        + #"data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"location\": \"San Fra"}}"#
        + "\n\n",
      "event: content_block_delta\n"
        + #"data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"ncisco\"}"}}"#
        + "\n\n",
      "event: content_block_stop\n" + #"data: {"type":"content_block_stop","index":1}"# + "\n\n",
      "event: message_delta\n"
        + #"data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":89}}"#
        + "\n\n",
      "event: message_stop\n" + #"data: {"type":"message_stop"}"# + "\n\n",
    ],
    names: [
      "message_start", "content_block_start", "ping", "content_block_delta", "content_block_stop",
      "content_block_start",
      "content_block_delta", "content_block_delta", "content_block_delta", "content_block_stop",
      "message_delta", "message_stop",
    ])

  /// Gemini alt=sse: each event a GenerateContentResponse, CRLF-framed as Google sends it; the last has finishReason.
  static let gemini = SampleStream(
    name: "gemini streamGenerateContent", format: .geminiSSE,
    path: "/gemini/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
    events: [
      #"data: {"candidates": [{"content": {"parts": [{"text": "Once upon"}],"role": "model"},"index": 0}],"usageMetadata": {"promptTokenCount": 5,"totalTokenCount": 5},"modelVersion": "gemini-2.5-flash","responseId": "tTCwacuEBMvnitYP06qsgQY"}"#
        + "\r\n\r\n",
      #"data: {"candidates": [{"content": {"parts": [{"text": " a time…"}],"role": "model"},"index": 0}],"usageMetadata": {"promptTokenCount": 5,"totalTokenCount": 5},"modelVersion": "gemini-2.5-flash","responseId": "tTCwacuEBMvnitYP06qsgQY"}"#
        + "\r\n\r\n",
      #"data: {"candidates": [{"content": {"parts": [{"text": ""}],"role": "model"},"finishReason": "STOP","index": 0}],"usageMetadata": {"promptTokenCount": 5,"candidatesTokenCount": 6,"totalTokenCount": 11},"modelVersion": "gemini-2.5-flash","responseId": "tTCwacuEBMvnitYP06qsgQY"}"#
        + "\r\n\r\n",
    ],
    names: ["message", "message", "message"], crlf: true)

  static let all = [openai, openaiCRLF, anthropic, gemini]
}

extension String {
  fileprivate func replacingLF() -> String {
    var out = ""
    for c in self { out += c == "\n" ? "\r\n" : String(c) }
    return out
  }
}

/// Chunks at 10 ms steps, starting at 100 ms.
func timed(_ text: String, pieces: Int = 1) -> [TransportReply.Chunk] {
  let bytes = Array(text.utf8)
  guard pieces > 1, bytes.count > pieces else {
    return [TransportReply.Chunk(atMs: 100, bytes: bytes)]
  }
  let size = (bytes.count + pieces - 1) / pieces
  return stride(from: 0, to: bytes.count, by: size).enumerated().map { k, start in
    TransportReply.Chunk(
      atMs: 100 + 10 * Double(k), bytes: Array(bytes[start..<min(bytes.count, start + size)]))
  }
}

func analyze(_ text: String, _ format: StreamExpectation.Format?, pieces: Int = 1) -> StreamAnalysis
{
  StreamAnalyzer.analyze(chunks: timed(text, pieces: pieces), format: format, totalMs: 500)
}

@Suite struct StreamAnalysisTests {
  @Test(arguments: SampleStreams.all)
  func aWholeStreamIsCompleteAndClean(_ s: SampleStream) {
    let a = analyze(s.text, s.format, pieces: 7)
    #expect(a.format == s.format)
    #expect(a.eventNames == s.names)
    #expect(a.complete)
    #expect(a.error == nil)
    #expect(!a.endedMidEvent)
    #expect(a.problems == [])
    #expect(a.eventsMatch(s.names))
  }

  @Test(arguments: SampleStreams.all)
  func theFormatIsDetectedFromPathOrEvents(_ s: SampleStream) {
    #expect(
      StreamAnalyzer.analyze(chunks: timed(s.text), format: nil, totalMs: 1).format == s.format)
    let reply = TransportReply(
      response: HTTPResponse(
        status: 200, headers: HTTPHeaders([("content-type", "text/event-stream")]),
        body: Array(s.text.utf8)),
      firstByteMs: 12, totalMs: 30)
    let a = StreamAnalyzer.analyze(reply: reply, path: s.path, format: nil)
    #expect(a.format == s.format)
    #expect(a.complete)
    #expect(a.timeToFirstEventMs == 12)
  }

  /// The stream cut after every byte: complete only once the terminal event is whole, mid-event exactly
  /// when the cut is not at an event boundary, and the same events as the uncut stream up to the cut.
  @Test(arguments: SampleStreams.all)
  func aStreamCutAnywhereIsJudgedByWhatArrived(_ s: SampleStream) {
    let bytes = Array(s.text.utf8)
    let boundaries = s.boundaries
    var rng = SplitMix64(state: UInt64(bytes.count))
    for cut in 0...bytes.count {
      let prefix = Array(bytes[..<cut])
      let chunks = randomChunks(prefix, using: &rng).enumerated().map {
        TransportReply.Chunk(atMs: Double($0), bytes: $1)
      }
      let a = StreamAnalyzer.analyze(chunks: chunks, format: s.format, totalMs: 0)
      let n = s.dispatched(after: cut)
      // An OpenAI stream that has delivered its finish_reason and ends cleanly is complete without [DONE].
      let finished =
        s.format == .openaiSSE && boundaries.contains(cut)
        && s.events.prefix(n).contains { $0.contains(#""finish_reason":""#) }
      #expect(a.eventNames == Array(s.names.prefix(n)), "cut at byte \(cut)")
      #expect(a.complete == (n == s.events.count || finished), "cut at byte \(cut)")
      #expect(a.endedWithoutDone == (finished && n < s.events.count), "cut at byte \(cut)")
      #expect(a.endedMidEvent == !boundaries.contains(cut), "cut at byte \(cut)")
      #expect(
        a.problems.contains { $0.contains("in the middle of an event") } == a.endedMidEvent,
        "cut at byte \(cut)")
      if n > 0 && n < s.events.count && !finished {
        #expect(a.problems.contains { $0.contains("ended before") }, "cut at byte \(cut)")
      }
    }
  }

  @Test func timeToFirstEventAndDurationComeFromChunkTimes() {
    let chunks = [
      TransportReply.Chunk(
        atMs: 120, bytes: Array("data: {\"object\":\"chat.completion.chunk\"}\n".utf8)),
      TransportReply.Chunk(
        atMs: 180, bytes: Array("\ndata: {\"object\":\"chat.completion.chunk\"}\n\n".utf8)),
      TransportReply.Chunk(atMs: 400, bytes: Array("data: [DONE]\n\n".utf8)),
    ]
    let a = StreamAnalyzer.analyze(chunks: chunks, format: .openaiSSE, totalMs: 450)
    #expect(a.timeToFirstEventMs == 180)
    #expect(a.events.map(\.atMs) == [180, 180, 400])
    #expect(a.durationMs == 450)
    #expect(a.longestGapMs == 220)
    #expect(
      StreamAnalyzer.analyze(chunks: chunks, format: .openaiSSE, totalMs: 0).durationMs == 400)
    let none = StreamAnalyzer.analyze(chunks: [], format: .openaiSSE, totalMs: 30)
    #expect(none.timeToFirstEventMs == nil)
    #expect(none.longestGapMs == nil)
    #expect(none.problems == ["the stream carried no events"])
  }

  @Test func anAnthropicOverloadedErrorMidStreamIsTheStreamError() {
    let events = SampleStreams.anthropic.events
    let text =
      events[0..<4].joined() + "event: error\n"
      + #"data: {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}"#
      + "\n\n"
    let a = analyze(text, .anthropicSSE, pieces: 5)
    #expect(a.error?.typeString == "overloaded_error")
    #expect(a.error?.messageString == "Overloaded")
    #expect(a.eventNames.last == "error")
    #expect(!a.complete)
    #expect(!a.endedMidEvent)
    // An error ends an Anthropic stream by design: no "ended before message_stop" on top of it.
    #expect(a.problems == [])
    #expect(a.eventsMatch(["message_start", "content_block_delta", "error"]))
    #expect(!a.eventsMatch(["message_start", "message_stop"]))
  }

  static let outOfOrder: [(String, [(String, String)], [String])] = [
    (
      "a delta before its block starts",
      [
        ("message_start", #"{"type":"message_start","message":{}}"#),
        ("content_block_delta", block("content_block_delta", 0)),
      ],
      [
        "content_block_delta for index 0 before its content_block_start (event 2)",
        "the stream ended before message_stop",
      ]
    ),
    (
      "message_stop before message_start",
      [("message_stop", #"{"type":"message_stop"}"#)],
      ["message_stop before message_start (event 1)"]
    ),
    (
      "a delta after its block stopped, and events after message_stop",
      [
        ("message_start", #"{"type":"message_start","message":{}}"#),
        ("content_block_start", block("content_block_start", 0)),
        ("content_block_stop", block("content_block_stop", 0)),
        ("content_block_delta", block("content_block_delta", 0)),
        ("message_stop", #"{"type":"message_stop"}"#), ("ping", #"{"type":"ping"}"#),
        ("ping", #"{"type":"ping"}"#),
      ],
      [
        "content_block_delta for index 0 after its content_block_stop (event 4)",
        "event \"ping\" after the terminal message_stop (event 6, and 1 more)",
      ]
    ),
    (
      "message_stop with a block still open, and a second message_start",
      [
        ("message_start", #"{"type":"message_start","message":{}}"#),
        ("content_block_start", block("content_block_start", 2)),
        ("message_start", #"{"type":"message_start","message":{}}"#),
        ("message_delta", #"{"type":"message_delta","delta":{}}"#),
        ("message_stop", #"{"type":"message_stop"}"#),
      ],
      [
        "a second message_start (event 3)",
        "message_delta while content block 2 is still open (event 4)",
        "message_stop while content block 2 is still open (event 5)",
      ]
    ),
    (
      "a block started twice, after message_delta, and one without an index",
      [
        ("message_start", #"{"type":"message_start","message":{}}"#),
        ("content_block_start", block("content_block_start", 0)),
        ("content_block_stop", block("content_block_stop", 0)),
        ("message_delta", #"{"type":"message_delta","delta":{}}"#),
        ("content_block_start", block("content_block_start", 0)),
        ("content_block_stop", #"{"type":"content_block_stop"}"#),
      ],
      [
        "content_block_start for index 0, which was already started (event 5)",
        "content_block_start after message_delta (event 5)",
        "content_block_stop without an integer index (event 6)",
        "the stream ended before message_stop",
      ]
    ),
    (
      "deltas before their start are grouped into one line",
      (0..<3).map { _ in ("content_block_delta", block("content_block_delta", 1)) },
      [
        "content_block_delta before message_start (event 1, and 2 more)",
        "content_block_delta for index 1 before its content_block_start (event 1, and 2 more)",
        "the stream ended before message_stop",
      ]
    ),
    (
      "an event name that disagrees with its type, a missing name, a [DONE], and data that is not JSON",
      [
        ("message_start", #"{"type":"message_stop"}"#), ("", #"{"type":"ping"}"#), ("ping", "pong"),
        ("message_stop", #"{"type":"message_stop"}"#), ("", "[DONE]"),
      ],
      [
        "event \"message_start\" carries type \"message_stop\" (event 1)",
        "an event without an event: name (Anthropic names every event) (event 2)",
        "event data is not JSON: \"pong\" (event 3)",
        "a [DONE] terminator: Anthropic streams end with message_stop and send no [DONE] (event 5)",
      ]
    ),
  ]

  @Test(arguments: 0..<outOfOrder.count)
  func anthropicOrderProblemsAreReported(_ k: Int) {
    let (_, events, expected) = Self.outOfOrder[k]
    let text = events.map { ($0.0.isEmpty ? "" : "event: \($0.0)\n") + "data: \($0.1)\n\n" }
      .joined()
    let a = analyze(text, .anthropicSSE)
    #expect(a.problems == expected)
  }

  static let openaiErrors: [(String, String, ErrorInfo)] = [
    (
      "OpenAI error object",
      #"data: {"error":{"message":"The server had an error while processing your request. Sorry about that!","type":"server_error","param":null,"code":null}}"#
        + "\n\n",
      ErrorInfo(
        type: "server_error",
        message: "The server had an error while processing your request. Sorry about that!")
    ),
    (
      "error with a code",
      #"data: {"error":{"message":"Rate limit reached","type":"rate_limit_error","code":"rate_limit_exceeded"}}"#
        + "\n\n",
      ErrorInfo(
        type: "rate_limit_error", code: "rate_limit_exceeded", message: "Rate limit reached")
    ),
    (
      "a bare error string", #"data: {"error":"upstream reset"}"# + "\n\n",
      ErrorInfo(message: "upstream reset")
    ),
    (
      "a Responses API error event",
      "event: error\n"
        + #"data: {"type":"error","code":"ERR_SOMETHING","message":"Something went wrong","param":null,"sequence_number":1}"#
        + "\n\n",
      ErrorInfo(code: "ERR_SOMETHING", message: "Something went wrong")
    ),
  ]

  @Test(arguments: 0..<openaiErrors.count)
  func anOpenAIErrorInTheStreamIsTheStreamError(_ k: Int) {
    let (_, errorEvent, expected) = Self.openaiErrors[k]
    let first = SampleStreams.openai.events[0]
    let a = analyze(first + errorEvent, .openaiSSE)
    #expect(a.error == expected)
    #expect(a.eventNames == ["chat.completion.chunk", "error"])
    #expect(!a.complete)
    #expect(a.problems == [])
    // Some servers still send [DONE] after the error: the stream is then complete, and the error stays.
    let withDone = analyze(first + errorEvent + "data: [DONE]\n\n", .openaiSSE)
    #expect(withDone.complete)
    #expect(withDone.error == expected)
  }

  @Test func openaiProblems() {
    let a = analyze(
      "data: hello\n\ndata: [DONE]\n\n" + SampleStreams.openai.events[1] + "data: [DONE]\n\n",
      .openaiSSE)
    #expect(a.eventNames == ["message", "[DONE]", "chat.completion.chunk", "[DONE]"])
    #expect(a.complete)
    #expect(
      a.problems == [
        "event data is not JSON: \"hello\" (event 1)",
        "event \"chat.completion.chunk\" after the terminal [DONE] (event 3)",
        "event \"[DONE]\" after the terminal [DONE] (event 4)",
      ])
  }

  @Test func aResponsesAPIStreamEndsAtItsTerminalEvent() {
    func named(_ name: String, _ json: String) -> String { "event: \(name)\ndata: \(json)\n\n" }
    let head =
      named(
        "response.created",
        #"{"type":"response.created","sequence_number":0,"response":{"id":"resp_1","object":"response","status":"in_progress"}}"#
      )
      + named(
        "response.output_text.delta",
        #"{"type":"response.output_text.delta","sequence_number":1,"item_id":"msg_1","output_index":0,"content_index":0,"delta":"Hi"}"#
      )
    let ok = analyze(
      head
        + named(
          "response.completed",
          #"{"type":"response.completed","sequence_number":2,"response":{"status":"completed"}}"#),
      nil)
    #expect(ok.format == .openaiSSE)
    #expect(
      ok.eventNames == ["response.created", "response.output_text.delta", "response.completed"])
    #expect(ok.complete)
    #expect(ok.problems == [])
    let failed = analyze(
      head
        + named(
          "response.failed",
          #"{"type":"response.failed","sequence_number":2,"response":{"status":"failed","error":{"code":"server_error","message":"boom"}}}"#
        ),
      .openaiSSE)
    #expect(failed.complete)
    #expect(failed.error == ErrorInfo(code: "server_error", message: "boom"))
  }

  @Test func aGeminiErrorEventCarriesGooglesStatusAsItsType() {
    let error =
      #"data: {"error": {"code": 503, "message": "The model is overloaded. Please try again later.", "status": "UNAVAILABLE"}}"#
      + "\r\n\r\n"
    let a = analyze(SampleStreams.gemini.events[0] + error, .geminiSSE)
    #expect(a.eventNames == ["message", "error"])
    #expect(a.error?.typeString == "UNAVAILABLE")
    #expect(a.error?.codeString == "503")
    #expect(a.error?.messageString == "The model is overloaded. Please try again later.")
    #expect(!a.complete)
    #expect(a.problems == [])
  }

  @Test func geminiEndings() {
    let blocked = analyze(
      #"data: {"promptFeedback": {"blockReason": "SAFETY"}, "usageMetadata": {"promptTokenCount": 8}}"#
        + "\r\n\r\n", nil)
    #expect(blocked.format == .geminiSSE)
    #expect(blocked.complete)
    let after = analyze(
      SampleStreams.gemini.text + SampleStreams.gemini.events[0] + "data: [DONE]\r\n\r\n",
      .geminiSSE)
    #expect(after.complete)
    #expect(
      after.problems == [
        "event \"message\" after the terminal event with a finishReason (event 4)",
        "a [DONE] terminator: Gemini streams send no [DONE] (event 5)",
      ])
    let notJSON = analyze("data: {\"candidates\": [\r\n\r\n", .geminiSSE)
    #expect(notJSON.problems.first == "event data is not JSON: \"{\"candidates\": [\" (event 1)")
  }

  @Test func aConnectionFaultAfterTheLastGeminiEventLeavesItIncomplete() {
    var reply = TransportReply(
      response: HTTPResponse(
        status: 200, headers: HTTPHeaders([("Content-Type", "text/event-stream")])), totalMs: 90,
      chunks: timed(SampleStreams.gemini.text, pieces: 3))
    #expect(
      StreamAnalyzer.analyze(reply: reply, path: SampleStreams.gemini.path, format: nil).complete)
    reply.bodyFault = TransportFault(.connectionReset, "the connection was reset by the peer")
    let a = StreamAnalyzer.analyze(reply: reply, path: SampleStreams.gemini.path, format: nil)
    #expect(!a.complete)
    #expect(
      a.problems == ["the connection did not end cleanly: the connection was reset by the peer"])
    #expect(a.durationMs == 120)
  }

  static let detection: [(String, String?, String, StreamExpectation.Format?)] = [
    ("anthropic by name", nil, "/openai/v1/chat/completions", .anthropicSSE),
    ("anthropic by path", "text/event-stream", "/anthropic/v1/messages", .anthropicSSE),
    (
      "gemini by path", "text/event-stream; charset=utf-8",
      "/gemini/v1beta/models/m:streamGenerateContent?alt=sse", .geminiSSE
    ),
    ("openai otherwise", nil, "/openai/v1/chat/completions", .openaiSSE),
    ("a JSON answer is not a stream", "application/json", "/anthropic/v1/messages", nil),
    ("no content type and no events", nil, "/openai/v1/chat/completions", .openaiSSE),
  ]

  @Test(arguments: 0..<detection.count)
  func detectsTheFormat(_ k: Int) {
    let (name, contentType, path, expected) = Self.detection[k]
    let events: [SSEEvent] =
      switch name {
      case "anthropic by name": [SSEEvent(name: "message_start", data: "{}")]
      case "openai otherwise": [SSEEvent(data: #"{"object":"chat.completion.chunk"}"#)]
      default: []
      }
    #expect(
      StreamAnalyzer.detectFormat(contentType: contentType, path: path, events: events) == expected)
    let jsonReply = TransportReply(
      response: HTTPResponse(
        status: 401, headers: HTTPHeaders([("content-type", "application/json")]),
        body: Array("{}".utf8)))
    #expect(
      StreamAnalyzer.analyze(reply: jsonReply, path: "/anthropic/v1/messages", format: nil).format
        == nil)
  }

  static let matching: [([String], Bool)] = [
    ([], true),
    (["message_start", "message_stop"], true),
    (
      ["message_start", "ping", "content_block_delta", "content_block_delta", "message_stop"], true
    ),
    (
      [
        "content_block_delta", "content_block_delta", "content_block_delta", "content_block_delta",
        "content_block_delta",
      ], false
    ),
    (["message_stop", "message_start"], false),
    (["message_start", "error"], false),
  ]

  @Test(arguments: 0..<matching.count)
  func expectedEventsMatchAsASubsequence(_ k: Int) {
    let (expected, matches) = Self.matching[k]
    let a = analyze(SampleStreams.anthropic.text, .anthropicSSE)
    #expect(a.eventsMatch(expected) == matches)
    #expect((a.eventsMismatch(expected) == nil) == matches)
  }

  @Test func aMismatchSaysWhichEventWasMissingAndWhatCame() {
    let a = analyze(SampleStreams.anthropic.text, .anthropicSSE)
    #expect(
      a.eventsMismatch(["message_start", "message_stop", "message_start"])
        == "expected event \"message_start\" (3 of 3) after \"message_stop\" (observed event 12), but it did not come; observed: "
        + "message_start, content_block_start, ping, content_block_delta, content_block_stop, content_block_start, "
        + "content_block_delta ×3, content_block_stop, message_delta, message_stop")
    #expect(
      a.eventsMismatch(["error"])?.hasPrefix(
        "expected event \"error\" (1 of 1), but it never came; observed: ") == true)
    #expect(
      StreamAnalysis(format: .openaiSSE).eventsMismatch(["[DONE]"])
        == "expected event \"[DONE]\" (1 of 1), but it never came; observed: no events")
    #expect(
      StreamAnalysis.summarize((0..<30).map { "e\($0)" }, limit: 3) == "e0, e1, e2, … (27 more)")
  }
}

private func block(_ type: String, _ index: Int) -> String {
  #"{"type":"\#(type)","index":\#(index)}"#
}
