import Testing

@testable import ConformanceCore

/// Streams end to end through the replay transport: classification, the `stream` expectation, and timing.
@Suite struct StreamRunnerTests {
  static let openaiChunks = """
    [{"json": {"id": "c1", "object": "chat.completion.chunk", "choices": [{"index": 0, "delta": {"role": "assistant", "content": ""}}]}},
     {"delayMs": 5, "json": {"id": "c1", "object": "chat.completion.chunk", "choices": [{"index": 0, "delta": {"content": "pong"}}]}},
     {"json": {"id": "c1", "object": "chat.completion.chunk", "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}},
     {"data": "data: [DONE]\\n\\n"}]
    """

  static func anthropicEvents(cutAfter: Int? = nil, error: Bool = false, swap: Bool = false)
    -> String
  {
    var events = [
      #"{"event": "message_start", "json": {"type": "message_start", "message": {"id": "msg_1", "type": "message", "role": "assistant", "content": []}}}"#,
      #"{"event": "content_block_start", "json": {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}}}"#,
      #"{"event": "ping", "json": {"type": "ping"}}"#,
      #"{"event": "content_block_delta", "json": {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "pong"}}}"#,
      #"{"event": "content_block_stop", "json": {"type": "content_block_stop", "index": 0}}"#,
      #"{"event": "message_delta", "json": {"type": "message_delta", "delta": {"stop_reason": "end_turn"}}}"#,
      #"{"event": "message_stop", "json": {"type": "message_stop"}}"#,
    ]
    if swap { events.swapAt(1, 3) }
    if error {
      events =
        Array(events.prefix(4)) + [
          #"{"event": "error", "json": {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}}"#
        ]
    }
    if let cut = cutAfter { events = Array(events.prefix(cut)) }
    return "[" + events.joined(separator: ",") + "]"
  }

  static func fixtures(anthropic: String, truncate: Bool = false) -> String {
    """
    [{"id": "openai", "request": {"method": "POST", "path": "/openai/v1/chat/completions", "anyBody": true},
      "response": {"status": 200, "headers": {"content-type": "text/event-stream"}, "chunks": \(openaiChunks)}},
     {"id": "anthropic", "request": {"method": "POST", "path": "/anthropic/v1/messages", "anyBody": true},
      "response": {"status": 200, "headers": {"content-type": "text/event-stream"}, "truncate": \(truncate), "chunks": \(anthropic)}}]
    """
  }

  static let openaiScenario = #"""
    {"id": "s", "summary": "s", "request": {"method": "POST", "path": "/openai/v1/chat/completions", "json": {"model": "m", "stream": true}},
     "expect": {"status": 200, "situation": "success", "stream": {"format": "openai-sse", "complete": true, "minEvents": 3, "events": ["chat.completion.chunk", "[DONE]"]}}}
    """#

  static let anthropicScenario = #"""
    {"id": "a", "summary": "a", "request": {"method": "POST", "path": "/anthropic/v1/messages", "json": {"model": "m", "stream": true}},
     "expect": {"status": 200, "stream": {"format": "anthropic-sse", "complete": true, "events": ["message_start", "content_block_delta", "message_stop"]}}}
    """#

  @Test func aCompleteOpenAIStreamPassesWithItsTiming() async {
    let r = await StepHarness(fixtures: Self.fixtures(anthropic: Self.anthropicEvents())).run(
      Self.openaiScenario)
    #expect(r.outcome == .passed, "\(r.failures)")
    let s = r.observed?.stream
    #expect(s?.complete == true)
    #expect(s?.events.count == 4)
    #expect(s?.timeToFirstEventMs != nil)
    #expect(r.situation == .success)
  }

  @Test func aCompleteAnthropicStreamPasses() async {
    let r = await StepHarness(fixtures: Self.fixtures(anthropic: Self.anthropicEvents())).run(
      Self.anthropicScenario)
    #expect(r.outcome == .passed, "\(r.failures)")
    #expect(r.observed?.stream?.format == .anthropicSSE)
  }

  @Test(arguments: 0..<7)
  func aStreamCutAtAnEventBoundaryIsInterrupted(after cut: Int) async {
    let r = await StepHarness(
      fixtures: Self.fixtures(anthropic: Self.anthropicEvents(cutAfter: cut), truncate: true)
    ).run(Self.anthropicScenario)
    #expect(r.situation == .interruptedStream, "\(r.classificationReason ?? "")")
    #expect(r.retry == .usually)
    #expect(r.outcome == .failed)
    #expect(r.failures.contains { $0.check == "stream.complete" })
    #expect(r.classificationReason?.contains("without message_stop") == true)
  }

  @Test func aStreamCutMidEventSaysSo() async {
    let cut =
      "["
      + #"{"event": "message_start", "json": {"type": "message_start", "message": {"id": "m"}}}"#
      + #", {"data": "event: content_block_start\ndata: {\"type\": \"content_bl"}"# + "]"
    let r = await StepHarness(fixtures: Self.fixtures(anthropic: cut, truncate: true)).run(
      Self.anthropicScenario)
    #expect(r.situation == .interruptedStream)
    #expect(r.observed?.stream?.endedMidEvent == true)
    #expect(r.classificationReason?.contains("cut in the middle of an event") == true)
  }

  @Test func aMidStreamOverloadIsUpstreamUnavailableAndTheSDKNoteIsGiven() async {
    let scenario = Self.anthropicScenario.replacingOccurrences(
      of: #""complete": true"#, with: #""complete": false, "error": "overloaded_error""#
    )
    .replacingOccurrences(
      of: #", "events": ["message_start", "content_block_delta", "message_stop"]"#, with: "")
    let r = await StepHarness(fixtures: Self.fixtures(anthropic: Self.anthropicEvents(error: true)))
      .run(scenario)
    #expect(r.outcome == .passed, "\(r.failures)")
    #expect(r.situation == .upstreamUnavailable)
    #expect(
      r.classificationReason?.contains("no official SDK retries an error that arrives after a 200")
        == true)
    #expect(r.observed?.stream?.error?.typeString == "overloaded_error")
  }

  @Test func anOutOfOrderAnthropicStreamFailsWithTheOrderProblem() async {
    let r = await StepHarness(fixtures: Self.fixtures(anthropic: Self.anthropicEvents(swap: true)))
      .run(Self.anthropicScenario)
    #expect(r.outcome == .failed)
    #expect(
      r.failures.contains {
        $0.check == "stream.order" && $0.actual.contains("content_block_delta")
      }, "\(r.failures)")
  }

  @Test func expectingAStreamFromAPlainAnswerFails() async {
    let fixtures =
      #"[{"id": "plain", "request": {"method": "POST", "path": "/openai/v1/chat/completions", "anyBody": true}, "response": {"status": 400, "json": {"error": {"message": "bad", "type": "invalid_request_error"}}}}]"#
    let r = await StepHarness(fixtures: fixtures).run(Self.openaiScenario)
    #expect(
      r.failures.contains { $0.check == "stream" && $0.actual.contains("plain body") },
      "\(r.failures)")
  }
}
