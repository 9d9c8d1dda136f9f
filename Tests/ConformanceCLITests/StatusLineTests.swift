import ConformanceCore
import Foundation
import Testing

@testable import ConformanceCLI

/// The status line's text and how the console writer keeps result lines and the status line apart.
@Suite struct StatusLineTests {
  @Test(arguments: [
    (
      ProgressTracker.Snapshot(total: 300, done: 0, elapsed: 0.1),
      "0/300 done: 0 passed, 0 failed"
    ),
    (
      ProgressTracker.Snapshot(
        total: 300, done: 42, passed: 40, failed: 1, errored: 1, elapsed: 4.2),
      "42/300 done: 40 passed, 1 failed, 1 errored | 10/s | ETA 26 s"
    ),
    (
      ProgressTracker.Snapshot(
        total: 10, done: 3, passed: 3, elapsed: 200, longest: ("music.poll", 4.9)),
      "3/10 done: 3 passed, 0 failed | 0.0/s | ETA 7 min 47 s"
    ),
    (
      ProgressTracker.Snapshot(
        total: 10, done: 9, passed: 8, skipped: 1, elapsed: 9, longest: ("music.poll", 65)),
      "9/10 done: 8 passed, 0 failed, 1 skipped | 1.0/s | ETA 1 s | running music.poll for 1 min 5 s"
    ),
    (
      ProgressTracker.Snapshot(total: 2, done: 2, passed: 2, elapsed: 1),
      "2/2 done: 2 passed, 0 failed | 2.0/s"
    ),
  ])
  func statusText(_ snapshot: ProgressTracker.Snapshot, _ expected: String) {
    #expect(snapshot.text == expected)
  }

  @Test func aTrackerCountsOutcomesAndTheLongestRunning() async throws {
    let tracker = ProgressTracker(total: 3)
    let scenario = Scenario(
      id: "a", summary: "", tags: [], family: nil, body: .steps([]),
      source: SourceRef(file: "f", line: 1, column: 1))
    tracker.started(0, id: "slow")
    tracker.started(1, id: "fast")
    tracker.finished(1, ScenarioResult(scenario, outcome: .passed))
    let s = tracker.snapshot()
    #expect(s.done == 1 && s.passed == 1)
    #expect(s.longest?.id == "slow")
  }

  @Test func resultLinesClearAndRedrawTheStatusLine() {
    let terminal = BufferTerminal(isErrorTTY: true)
    let writer = ConsoleWriter(
      cli: CLI(environment: [:], terminal: terminal), tracker: ProgressTracker(total: 5),
      mode: ConsoleWriter.mode(quiet: false, terminal: terminal))
    #expect(writer.mode == .statusLine)
    writer.start()
    writer.out("PASS  a\n")
    writer.stop()
    #expect(terminal.stdout == "PASS  a\n")
    #expect(terminal.stderr.hasPrefix("\r\u{1B}[K0/5 done"))
    #expect(terminal.stderr.hasSuffix("\r\u{1B}[K"))
    #expect(ConsoleWriter.mode(quiet: true, terminal: terminal) == .off)
    #expect(ConsoleWriter.mode(quiet: false, terminal: BufferTerminal()) == .periodic)
  }
}
