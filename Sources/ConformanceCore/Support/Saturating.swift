/// Conversions for numbers that come from outside (headers, bodies, fixture and report fields, options):
/// out-of-range values clamp instead of trapping, and NaN becomes zero.
///
/// `Int(d)` traps on NaN, infinities and anything at or beyond 2^63; a gateway answering
/// `Retry-After: 1e300` or a report holding `"durationMs": 1e300` must be a reported fact, never a crash.
extension Int {
  /// `d` rounded toward zero and clamped to `Int`'s range; NaN is 0. Never traps.
  public init(saturating d: Double) {
    if d.isNaN {
      self = 0
    } else if d >= 0x1p63 {
      self = .max
    } else if d < -0x1p63 {
      self = .min
    } else {
      self = Int(d)
    }
  }

  /// `d` rounded to the nearest whole number, then clamped like `init(saturating:)`.
  public init(saturatingRounded d: Double) {
    self.init(saturating: d.rounded())
  }

  /// `d` clamped into `range` (NaN gives the lower bound).
  public init(clamping d: Double, to range: ClosedRange<Int>) {
    let v = Int(saturating: d.isNaN ? Double(range.lowerBound) : d)
    self = Swift.min(Swift.max(v, range.lowerBound), range.upperBound)
  }
}

public enum Saturating {
  /// The longest sleep the tool ever asks for (a day): longer waits from outside are capped, and
  /// `Duration`/`Task.sleep` never see a value they cannot hold.
  public static let maxSleepMs = 86_400_000

  /// A sleep of `ms` milliseconds, clamped to 0...`maxSleepMs`.
  public static func sleepDuration(ms: Double) -> Duration {
    .milliseconds(Int(clamping: ms, to: 0...maxSleepMs))
  }

  /// A sleep of `ms` milliseconds, clamped to 0...`maxSleepMs`.
  public static func sleepDuration(ms: Int) -> Duration {
    .milliseconds(Swift.min(Swift.max(ms, 0), maxSleepMs))
  }

  /// A whole number for a message: "120", or for values beyond any sensible count the number as
  /// it is ("1e+297", "inf"), so a message never traps on and never hides what the answer said.
  public static func whole(_ d: Double) -> String {
    if d.isFinite, abs(d) < 9.0e15 { return String(Int(d.rounded(.towardZero))) }
    return "\(d)"
  }
}
