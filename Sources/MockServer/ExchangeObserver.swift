import ConformanceCore

/// One request a server answered, with its times on the observer's clock.
public struct ServedExchange: Sendable {
  /// How the answer ended.
  public enum Outcome: Sendable, Equatable {
    /// Sent whole.
    case complete
    /// A stream cut on purpose (a recorded interruption or `--inject cut-stream`).
    case cut
    /// The connection was reset instead of answering (`--inject reset`).
    case reset
    /// The client went away (or stopped reading) before the answer was sent.
    case clientGone
  }

  public var request: HTTPRequest
  public var answer: ResponderAnswer
  public var receivedMs: Double
  public var finishedMs: Double
  public var outcome: Outcome
}

/// Told about every exchange a server serves (the traffic a client judgement reads). Called on connection
/// threads, so implementations must be thread-safe and quick.
public protocol ExchangeObserver: Sendable {
  /// Milliseconds on the observer's clock.
  func nowMs() -> Double
  func served(_ exchange: ServedExchange)
}
