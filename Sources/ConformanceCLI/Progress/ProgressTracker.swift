import ConformanceCore
import Foundation
import Synchronization

/// What a run has done so far: counts by outcome, which scenarios are running and since when. Fed by the
/// runner's start and result callbacks; read by the status line.
final class ProgressTracker: Sendable {
  struct Snapshot: Sendable {
    var total: Int
    var done = 0
    var passed = 0
    var failed = 0
    var errored = 0
    var skipped = 0
    var elapsed: Double = 0
    /// The scenario running longest, and for how many seconds.
    var longest: (id: String, seconds: Double)?
  }

  private struct State {
    var snapshot: Snapshot
    var running: [Int: (id: String, since: ContinuousClock.Instant)] = [:]
  }

  private let state: Mutex<State>
  private let startedAt = ContinuousClock.now

  init(total: Int) { state = Mutex(State(snapshot: Snapshot(total: total))) }

  func started(_ index: Int, id: String) {
    let now = ContinuousClock.now
    state.withLock { $0.running[index] = (id, now) }
  }

  func finished(_ index: Int, _ result: ScenarioResult) {
    state.withLock { s in
      s.running.removeValue(forKey: index)
      s.snapshot.done += 1
      switch result.outcome {
      case .passed: s.snapshot.passed += 1
      case .failed: s.snapshot.failed += 1
      case .errored: s.snapshot.errored += 1
      case .skipped: s.snapshot.skipped += 1
      }
    }
  }

  func snapshot() -> Snapshot {
    let now = ContinuousClock.now
    return state.withLock { s in
      var out = s.snapshot
      out.elapsed = Self.seconds(now - startedAt)
      if let oldest = s.running.values.min(by: { $0.since < $1.since }) {
        out.longest = (oldest.id, Self.seconds(now - oldest.since))
      }
      return out
    }
  }

  static func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
  }
}

extension ProgressTracker.Snapshot {
  /// A running scenario is named once it has run this long.
  static let slowAfterSeconds = 5.0

  /// `42/300 done: 40 passed, 1 failed, 1 errored | 12.3/s | ETA 21 s | running music.poll for 12 s`.
  var text: String {
    var counts = "\(passed) passed, \(failed) failed"
    if errored > 0 { counts += ", \(errored) errored" }
    if skipped > 0 { counts += ", \(skipped) skipped" }
    var out = "\(done)/\(total) done: \(counts)"
    if elapsed > 0, done > 0 {
      let rate = Double(done) / elapsed
      out += " | \(Self.rate(rate))/s"
      if done < total {
        let eta = Double(total - done) / rate
        out += " | ETA " + (eta < 1 ? "<1 s" : Self.time(eta))
      }
    }
    if let longest, longest.seconds >= Self.slowAfterSeconds {
      out += " | running \(longest.id) for \(Self.time(longest.seconds))"
    }
    return out
  }

  static func rate(_ r: Double) -> String {
    r >= 10 ? "\(Int(r.rounded()))" : String(format: "%.1f", r)
  }

  /// "8 s", "2 min 5 s", "1 h 3 min".
  static func time(_ seconds: Double) -> String {
    let s = Int(seconds.rounded())
    if s < 60 { return "\(s) s" }
    if s < 3600 { return "\(s / 60) min \(s % 60) s" }
    return "\(s / 3600) h \(s % 3600 / 60) min"
  }
}
