import Synchronization
import Testing

@testable import ConformanceCore

/// Time limits are deadlines on one shared timer thread; they behave as the sleeping-task race did. No test
/// here depends on how fast the machine is: limits are either far away or the work never ends by itself.
@Suite(.timeLimit(.minutes(2))) struct TimeLimitTests {
  /// Work that only ends when cancelled.
  static func untilCancelled() async -> String {
    while !Task.isCancelled { try? await Task.sleep(for: .milliseconds(5)) }
    return "cancelled"
  }

  @Test func workThatFinishesGivesItsValue() async {
    let v = await withTimeLimit(milliseconds: 600_000) { 42 }
    #expect(v == 42)
  }

  @Test func workPastTheLimitIsCancelledAndGivesNil() async {
    let v = await withTimeLimit(milliseconds: 20) { await Self.untilCancelled() }
    #expect(v == nil)
  }

  /// A short limit armed while a long one is pending still fires (the timer re-arms for the earlier one).
  @Test func anEarlierDeadlineArmedLaterStillFires() async {
    let long = Task { await withTimeLimit(milliseconds: 3_600_000) { await Self.untilCancelled() } }
    try? await Task.sleep(for: .milliseconds(20))
    let short = await withTimeLimit(milliseconds: 30) { await Self.untilCancelled() }
    #expect(short == nil)
    long.cancel()
    #expect(await long.value == nil)
  }

  @Test func cancellingTheCallerCountsAsTheLimit() async {
    let started = Flag()
    let task = Task {
      await withTimeLimit(milliseconds: 600_000) {
        started.set()
        return await Self.untilCancelled()
      }
    }
    while !started.isSet { try? await Task.sleep(for: .milliseconds(5)) }
    task.cancel()
    #expect(await task.value == nil)
  }

  @Test func manyLimitsAtOnceEachGiveTheirOwnValue() async {
    let values = await withTaskGroup(of: Int?.self) { group in
      for i in 0..<2_000 { group.addTask { await withTimeLimit(milliseconds: 600_000) { i } } }
      var all: [Int] = []
      for await v in group { if let v { all.append(v) } }
      return all.sorted()
    }
    #expect(values == Array(0..<2_000))
  }

  @Test func disarmingSaysWhetherTheActionWasStillPending() async {
    let timer = DeadlineTimer.shared
    let far = timer.schedule(afterMs: 3_600_000) {}
    #expect(timer.cancel(far))
    #expect(!timer.cancel(far))
    let ran = Flag()
    let soon = timer.schedule(afterMs: 1) { ran.set() }
    while !ran.isSet { try? await Task.sleep(for: .milliseconds(5)) }
    #expect(!timer.cancel(soon))
  }
}

/// A flag set from one task and watched from another.
final class Flag: Sendable {
  private let value = Atomic<Bool>(false)
  func set() { value.store(true, ordering: .releasing) }
  var isSet: Bool { value.load(ordering: .acquiring) }
}
