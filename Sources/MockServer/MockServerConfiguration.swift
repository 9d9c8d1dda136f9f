import ConformanceCore

/// How a mock server listens, paces its answers, classifies keys and protects itself from bad clients.
public struct MockServerConfiguration: Sendable {
  /// The key the server accepts as valid when `ANYINT_API_KEY` is not set: a test key, never a real secret.
  public static let defaultTestKey = "sk-anyint-mock"
  /// The environment variable that holds the valid key.
  public static let keyEnvironmentVariable = "ANYINT_API_KEY"

  /// The valid key for an environment: `ANYINT_API_KEY` when set and not empty, else `defaultTestKey`.
  public static func validKey(environment: [String: String]) -> String {
    if let key = environment[keyEnvironmentVariable], !key.isEmpty { return key }
    return defaultTestKey
  }

  /// Address to bind; loopback by default so the mock is never reachable from elsewhere by accident.
  public var host: String
  /// Port to bind; 0 lets the system pick a free one (`start()` returns it).
  public var port: Int
  /// The key requests must carry to count as `valid`; it is compared, never logged or echoed.
  public var validKey: String
  /// Other secrets kept out of answers that echo the request (`--secret-env` values), besides the valid key.
  public var secrets: [Secret] = []
  /// Whether recorded `delayMs` values (response and chunk pacing) are reproduced.
  public var honourDelays: Bool
  /// Milliseconds added before every fixture answer (hit or miss), to model a slower gateway in benchmarks.
  public var extraDelayMs: Int
  public var limits: Limits
  public var timeouts: Timeouts

  public init(
    host: String = "127.0.0.1", port: Int = 0,
    validKey: String = MockServerConfiguration.defaultTestKey, honourDelays: Bool = true,
    extraDelayMs: Int = 0, limits: Limits = Limits(), timeouts: Timeouts = Timeouts()
  ) {
    self.host = host
    self.port = port
    self.validKey = validKey
    self.honourDelays = honourDelays
    self.extraDelayMs = extraDelayMs
    self.limits = limits
    self.timeouts = timeouts
  }

  /// Size limits; a request over one is answered with its status code and the connection is closed.
  public struct Limits: Sendable, Equatable {
    /// Longest request line (method, target, version) before `414 URI Too Long`.
    public var maxRequestLineBytes: Int
    /// Largest header section (all field lines) before `431 Request Header Fields Too Large`.
    public var maxHeaderBytes: Int
    /// Largest request body before `413 Content Too Large`.
    public var maxBodyBytes: Int
    /// Open connections served at once; one more is answered `503 Service Unavailable` and closed.
    public var maxConnections: Int

    public init(
      maxRequestLineBytes: Int = 8 * 1024, maxHeaderBytes: Int = 64 * 1024,
      maxBodyBytes: Int = 10 * 1024 * 1024, maxConnections: Int = 2048
    ) {
      self.maxRequestLineBytes = maxRequestLineBytes
      self.maxHeaderBytes = maxHeaderBytes
      self.maxBodyBytes = maxBodyBytes
      self.maxConnections = maxConnections
    }
  }

  /// Time limits; each one closes the connection when it passes.
  public struct Timeouts: Sendable, Equatable {
    /// How long a kept-alive connection may wait for its next request (closed quietly).
    public var idle: Duration
    /// How long a request may take to arrive once its first byte has (answered `408`): the slow-client limit.
    public var request: Duration
    /// How long one write may stall because the client does not read.
    public var write: Duration
    /// After an error answer, how long to keep reading (and discarding) input so the client sees the
    /// answer instead of a connection reset.
    public var linger: Duration

    public init(
      idle: Duration = .seconds(15), request: Duration = .seconds(10),
      write: Duration = .seconds(30), linger: Duration = .seconds(2)
    ) {
      self.idle = idle
      self.request = request
      self.write = write
      self.linger = linger
    }
  }
}

extension MockServerConfiguration: CustomStringConvertible {
  /// A summary for logs; the key is never part of it.
  public var description: String {
    "MockServerConfiguration(host: \(host), port: \(port), validKey: <redacted>, honourDelays: \(honourDelays), extraDelayMs: \(extraDelayMs), "
      + "limits: \(limits), timeouts: \(timeouts))"
  }
}
