/// Something that can carry one request to a gateway (or a stand-in for one) and bring back what it answered.
///
/// Transports never throw: every fault is a value, so a network problem becomes a reported outcome. A transport
/// must answer within `timeout` (with a `.timeout` fault if need be) and stop work when its task is cancelled.
public protocol Transport: Sendable {
  func send(_ request: HTTPRequest, timeout: Duration) async -> TransportResult
}

public typealias TransportResult = Result<TransportReply, TransportFault>

/// What a transport brought back: the response and when its parts arrived.
public struct TransportReply: Sendable {
  public var response: HTTPResponse
  /// Milliseconds from sending to the first body byte (or to the headers when there is no body).
  public var firstByteMs: Double?
  /// Milliseconds from sending to the end of the body.
  public var totalMs: Double
  /// Body pieces as they arrived, with their arrival time: what stream checks measure pacing from.
  public var chunks: [Chunk]
  /// Set when the connection ended before the body was complete; `response.body` holds what did arrive.
  public var bodyFault: TransportFault?
  /// The HTTP version the answer came in ("1.0", "1.1", "2", "3"); nil when there was no wire (replay).
  public var httpVersion: String?
  /// Where the time went on the wire; nil when there was no wire (replay).
  public var timings: WireTimings?
  /// Facts the transport saw about the exchange itself (a proxy in the path), reported with the answer's.
  public var findings: [Note] = []

  public struct Chunk: Sendable {
    public var atMs: Double
    public var bytes: [UInt8]
    public init(atMs: Double, bytes: [UInt8]) {
      self.atMs = atMs
      self.bytes = bytes
    }
  }

  public init(
    response: HTTPResponse, firstByteMs: Double? = nil, totalMs: Double = 0, chunks: [Chunk] = [],
    bodyFault: TransportFault? = nil
  ) {
    self.response = response
    self.firstByteMs = firstByteMs
    self.totalMs = totalMs
    self.chunks = chunks
    self.bodyFault = bodyFault
  }
}

/// Where an exchange's time went, as libcurl (and Hurl) measure it: each value is milliseconds from the start of
/// the request to the end of that phase, so they grow from `dnsMs` to `totalMs`. A reused connection has no DNS,
/// connect or TLS phase (those are then 0), and `tlsMs` is 0 for plain HTTP.
public struct WireTimings: Sendable, Equatable {
  public var dnsMs: Double
  public var connectMs: Double
  public var tlsMs: Double
  public var firstByteMs: Double
  public var totalMs: Double

  public init(
    dnsMs: Double, connectMs: Double, tlsMs: Double, firstByteMs: Double, totalMs: Double
  ) {
    self.dnsMs = dnsMs
    self.connectMs = connectMs
    self.tlsMs = tlsMs
    self.firstByteMs = firstByteMs
    self.totalMs = totalMs
  }
}

/// Why no (complete) answer came back, with a one-line message a person can act on.
public struct TransportFault: Error, Sendable, Equatable {
  public enum Kind: String, Sendable, Codable {
    case invalidURL = "invalid-url"
    case dns
    case connectionRefused = "connection-refused"
    case tls
    case timeout
    case connectionReset = "connection-reset"
    case truncated
    /// Bytes came back, but not an HTTP response.
    case badResponse = "bad-response"
    /// The proxy in the path failed or refused: the gateway was not reached through it.
    case proxy
    /// The request cannot be put on the wire as given (a header value holding a line break).
    case invalidRequest = "invalid-request"
    case tooLarge = "too-large"
    case noFixture = "no-fixture"
    case cancelled
    case other
  }

  public var kind: Kind
  public var message: String

  public init(_ kind: Kind, _ message: String) {
    self.kind = kind
    self.message = message
  }

  /// Whether the fault means the gateway was not reached (situation `unreachable`) rather than a harness problem.
  public var isNetworkFault: Bool {
    switch kind {
    case .noFixture, .invalidURL, .invalidRequest, .cancelled: return false
    default: return true
    }
  }
}

/// A transport backed by a closure, for test doubles; it enforces the time limit around the closure.
public struct ClosureTransport: Transport {
  private let handler: @Sendable (HTTPRequest, Duration) async -> TransportResult

  public init(_ handler: @escaping @Sendable (HTTPRequest, Duration) async -> TransportResult) {
    self.handler = handler
  }

  public func send(_ request: HTTPRequest, timeout: Duration) async -> TransportResult {
    let handler = self.handler
    let ms = Int(timeout.milliseconds.rounded(.up))
    if let r = await withTimeLimit(milliseconds: ms, { await handler(request, timeout) }) {
      return r
    }
    return .failure(TransportFault(.timeout, "no answer within \(ms) ms"))
  }
}
