import ConformanceCore
import Foundation
import Testing

@testable import ConformanceReports

/// `report.json` written and read back with the same field table: everything the report holds survives, and
/// writing what was read gives the same bytes.
@Suite struct ReportRoundTripTests {
  /// A run that sets every field the report writes: steps of each kind, a stream with an error, attempts,
  /// the SDK view, notes, failures with and without a note, a fault, a shard index.
  static func richRun() -> RunResult {
    var run = sampleRun()
    let ref = SourceRef(file: "scenarios/music/generate.json", line: 3, column: 7)
    var task = ScenarioResult(
      id: "music.generate.task", summary: "create, poll, callback", tags: ["async", "music"],
      family: .music, source: ref, outcome: .failed, durationMs: 754.4)
    task.index = 7
    var create = StepResult(id: "create", kind: .request)
    create.record.outcome = .passed
    create.record.durationMs = 12
    create.record.request = RequestSummary(
      method: "POST", target: "/suno/generate", auth: .bearer, key: .valid,
      headers: [.init(name: "authorization", value: "<valid key>")], bodyBytes: 70)
    create.record.observed = Observed(
      status: 200, envelope: .music, error: nil, headers: [], latencyMs: 11.6, firstByteMs: 2,
      bodyBytes: 55, bodyExcerpt: nil)
    create.record.situation = .success
    create.captured = ["task"]
    var poll = StepResult(id: "poll", kind: .poll)
    poll.polls = 3
    poll.states = ["PENDING", "TEXT_SUCCESS", "SUCCESS"]
    poll.record = create.record
    poll.record.attempts = [Attempt(status: 200, situation: .taskPending, delayMs: 250)]
    poll.record.failures = [
      CheckFailure(
        .pollTimeout, expected: "$.data.status equals \"SUCCESS\"", actual: "still PENDING",
        ref: ref)
    ]
    poll.record.outcome = .failed
    var hook = StepResult(id: "callback", kind: .webhook)
    hook.record.outcome = .skipped
    hook.record.message = "not run: an earlier step did not pass"
    hook.callbacks = [
      CallbackRecord(type: "text", taskID: "t1", shape: "flat", atMs: 120.4, duplicate: false),
      CallbackRecord(type: nil, taskID: nil, shape: "wrapped", atMs: 130, duplicate: true),
    ]
    task.steps = [create, poll, hook]
    task.record = poll.record
    task.failures = poll.record.failures.map {
      var f = $0
      f.kind = .step("poll", f.kind)
      return f
    }
    task.durationMs = 754.4
    var stream = StreamAnalysis(
      format: .anthropicSSE, events: [StreamEventRecord(name: "message_start", atMs: 3)],
      complete: false, error: ErrorInfo(type: "overloaded_error", message: "Overloaded"),
      timeToFirstEventMs: 3.2, durationMs: 40, longestGapMs: nil, endedMidEvent: true,
      problems: ["ended before message_stop"])
    stream.reportedNames = nil
    var streamed = ScenarioResult(
      id: "anthropic.messages.stream.error", summary: "error after 200", tags: [],
      family: .anthropic, source: ref, outcome: .passed, durationMs: 41)
    streamed.observed = Observed(
      status: 200, envelope: .none, error: nil,
      headers: [.init(name: "content-type", value: "text/event-stream")], latencyMs: 40,
      firstByteMs: 3, bodyBytes: 300, bodyExcerpt: "event: message_start")
    streamed.observed?.stream = stream
    streamed.situation = .upstreamUnavailable
    streamed.classificationReason = "an overloaded_error event after HTTP 200"
    streamed.diagnoses = [Note(.missingAnthropicVersion, "anthropic-version is missing")]
    streamed.findings = [Note(.errorAfter200, "an error event arrived after HTTP 200")]
    streamed.sdk = SDKRules.decisions(status: 200, headers: HTTPHeaders(), streamError: true)
    streamed.faultKind = .timeout
    streamed.failures = [
      CheckFailure(.json("$.data[*].id"), expected: "a string", actual: "absent")
    ]
    // A live run's connection and wire facts (whole milliseconds survive exactly).
    run.target = TargetInfo(kind: "live", baseURL: "https://gw.example/base")
    run.target.connection = ConnectionInfo(
      proxy: "http://proxy.example:3128", insecure: true, rewrites: [.init(from: "/openai", to: "")]
    )
    streamed.observed?.httpVersion = "2"
    streamed.observed?.timings = WireTimings(
      dnsMs: 1, connectMs: 4, tlsMs: 19, firstByteMs: 30, totalMs: 40)
    run.scenarios += [task, streamed]
    return run
  }

  @Test func writingWhatWasReadGivesTheSameBytes() throws {
    let first = JSONReport.render(Self.richRun())
    let read = try JSONReportReader.read(first, file: "report.json")
    let second = JSONReport.render(read)
    #expect(String(decoding: second, as: UTF8.self) == String(decoding: first, as: UTF8.self))
  }

  @Test func everyFieldSurvivesTheRoundTrip() throws {
    let run = Self.richRun()
    let read = try JSONReportReader.read(JSONReport.render(run), file: "report.json")
    #expect(read.scenarios.count == run.scenarios.count)
    #expect(read.target == run.target)
    #expect(read.startedAt == run.startedAt)
    for (a, b) in zip(run.scenarios, read.scenarios) {
      #expect(a.id == b.id && a.summary == b.summary && a.tags == b.tags && a.family == b.family)
      #expect(a.source == b.source && a.index == b.index && a.outcome == b.outcome)
      #expect(a.situation == b.situation && a.classificationReason == b.classificationReason)
      #expect(a.message == b.message && a.faultKind == b.faultKind)
      #expect(a.failures == b.failures && a.diagnoses == b.diagnoses && a.findings == b.findings)
      #expect(a.sdk.map(\.sdk) == b.sdk.map(\.sdk) && a.attempts == b.attempts)
      #expect(a.request?.headers == b.request?.headers && a.observed?.status == b.observed?.status)
      #expect(a.observed?.httpVersion == b.observed?.httpVersion)
      #expect(a.observed?.timings == b.observed?.timings)
      #expect(a.steps.map(\.id) == b.steps.map(\.id) && a.steps.map(\.kind) == b.steps.map(\.kind))
      for (s, t) in zip(a.steps, b.steps) {
        #expect(s.polls == t.polls && s.states == t.states && s.captured == t.captured)
        #expect(s.callbacks.map(\.shape) == t.callbacks.map(\.shape))
        #expect(s.record.failures == t.record.failures && s.record.outcome == t.record.outcome)
      }
    }
    let stream = try #require(read.scenarios.last?.observed?.stream)
    #expect(stream.format == .anthropicSSE && stream.events.count == 1 && stream.endedMidEvent)
    #expect(
      stream.error?.typeString == "overloaded_error" && stream.reportedNames == "message_start")
    // The check kinds come back as kinds, not only as names.
    #expect(read.scenarios[4].failures.first?.kind == .step("poll", .pollTimeout))
    #expect(read.scenarios[5].failures.first?.kind == .json("$.data[*].id"))
  }

  /// Names from another version (or a hand-edited file) stay what they were.
  @Test func checkNamesReadBackExactly() {
    for name in [
      "status", "error.type", "headers.retry-after", "json $.a[0]", "stream", "stream.order",
      "latencyMs", "capture.task", "steps.create.creates", "steps.a.b.poll.timeout",
      "steps.x.headers.y", "something.new", "steps.", "headers.",
    ] {
      #expect(CheckKind(name: name).name == name, "\(name)")
    }
    #expect(CheckKind(name: "steps.a.b.poll.timeout") == .step("a.b", .pollTimeout))
    #expect(CheckKind(name: "something.new") == .other("something.new"))
  }
}
