/// Which faults `--inject` asks for, how often, and how they are chosen.
public struct FaultPlan: Sendable, Equatable {
  public enum Kind: String, CaseIterable, Sendable {
    /// 429 with `Retry-After`.
    case rateLimit = "rate-limit"
    /// 429, quota exhausted (no `Retry-After`: waiting does not refill a quota).
    case quota
    /// 503, upstream temporarily unavailable.
    case upstream
    /// 529 overloaded, on Anthropic routes.
    case overloaded
    /// A stream cut in the middle of an event.
    case cutStream = "cut-stream"
    /// The answer, unchanged, after added latency (`--slow-ms`).
    case slow
    /// The connection reset instead of an answer.
    case reset
    /// A created task ends in its documented failure state.
    case taskFail = "task-fail"
  }

  public struct Injection: Sendable, Equatable {
    public var kind: Kind
    /// The fraction of eligible requests faulted, 0 to 1.
    public var rate: Double

    public init(kind: Kind, rate: Double = 1) {
      self.kind = kind
      self.rate = rate
    }
  }

  public var injections: [Injection]
  /// Makes every choice deterministic: the same seed and traffic fault the same requests.
  public var seed: UInt64
  /// Only the first N copies of each distinct request are faulted (nil: every copy may be).
  public var injectFirst: Int?
  /// The `Retry-After` (seconds) a `rate-limit` answer carries.
  public var retryAfterSeconds: Int
  /// The latency `slow` adds, in milliseconds.
  public var slowMs: Int

  public init(
    injections: [Injection] = [], seed: UInt64 = UInt64.random(in: 0...UInt64.max),
    injectFirst: Int? = nil, retryAfterSeconds: Int = 1, slowMs: Int = 3000
  ) {
    self.injections = injections
    self.seed = seed
    self.injectFirst = injectFirst
    self.retryAfterSeconds = retryAfterSeconds
    self.slowMs = slowMs
  }

  /// Parses one `--inject KIND[:RATE]` value; the error says what is allowed.
  public static func injection(_ spec: String) -> Result<Injection, FaultSpecError> {
    let parts = spec.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
    let name = String(parts[0])
    guard let kind = Kind(rawValue: name) else {
      return .failure(
        FaultSpecError(
          "--inject: unknown fault '\(name)'; use one of \(Kind.allCases.map(\.rawValue).joined(separator: ", ")), optionally with :RATE (a fraction, e.g. rate-limit:0.5)"
        ))
    }
    guard parts.count == 2 else { return .success(Injection(kind: kind)) }
    guard let rate = Double(parts[1]), rate.isFinite, (0...1).contains(rate) else {
      return .failure(
        FaultSpecError(
          "--inject \(spec): RATE must be a fraction from 0 to 1 (e.g. \(name):0.25), not '\(parts[1])'"
        ))
    }
    return .success(Injection(kind: kind, rate: rate))
  }

  /// A uniform number in [0, 1) for one copy of one request and one kind: a function of the seed only, so
  /// the choice does not depend on arrival order or timing.
  func roll(_ identity: String, copy: Int, kind: Kind) -> Double {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in "\(seed)|\(identity)|\(copy)|\(kind.rawValue)".utf8 {
      h ^= UInt64(b)
      h = h &* 0x100_0000_01b3
    }
    // splitmix64's finaliser spreads FNV's low-entropy high bits.
    h = (h ^ (h >> 30)) &* 0xbf58_476d_1ce4_e5b9
    h = (h ^ (h >> 27)) &* 0x94d0_49bb_1331_11eb
    h ^= h >> 31
    return Double(h >> 11) / Double(UInt64(1) << 53)
  }
}

/// A bad `--inject` value.
public struct FaultSpecError: Error, Sendable {
  public var message: String
  init(_ message: String) { self.message = message }
}
