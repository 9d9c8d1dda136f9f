/// What came back, as the report shows it.
public struct Observed: Sendable {
  public var status: Int
  public var envelope: EnvelopeKind
  public var error: ErrorInfo?
  public var headers: [HTTPHeaders.Field]
  public var latencyMs: Double
  public var firstByteMs: Double?
  public var bodyBytes: Int
  /// The HTTP version the answer came in ("1.1", "2"); nil for replayed answers.
  public var httpVersion: String?
  /// Where the time went on the wire; nil for replayed answers.
  public var timings: WireTimings?
  /// The start of the body, for reading a failure without the fixture at hand.
  public var bodyExcerpt: String?
  /// For an event stream: its events, completeness, timing and any mid-stream error.
  public var stream: StreamAnalysis?

  public init(
    status: Int, envelope: EnvelopeKind, error: ErrorInfo?, headers: [HTTPHeaders.Field],
    latencyMs: Double, firstByteMs: Double?, bodyBytes: Int,
    bodyExcerpt: String?
  ) {
    self.status = status
    self.envelope = envelope
    self.error = error
    self.headers = headers
    self.latencyMs = latencyMs
    self.firstByteMs = firstByteMs
    self.bodyBytes = bodyBytes
    self.bodyExcerpt = bodyExcerpt
  }
}
