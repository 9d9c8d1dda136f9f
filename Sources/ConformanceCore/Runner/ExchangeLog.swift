import Synchronization

/// One request as sent and what came back, for `--verbose`: everything in it is redacted, and key headers show
/// the key's kind, never its value.
public struct ExchangeDump: Sendable {
  public var request: RequestSummary
  /// The answer's status; nil when there was no answer (then `fault` says why).
  public var status: Int?
  public var headers: [HTTPHeaders.Field]
  public var bodyBytes: Int
  public var bodyExcerpt: String?
  public var fault: String?
  public var latencyMs: Double

  public init(
    request: RequestSummary, status: Int?, headers: [HTTPHeaders.Field] = [], bodyBytes: Int = 0,
    bodyExcerpt: String? = nil, fault: String? = nil, latencyMs: Double
  ) {
    self.request = request
    self.status = status
    self.headers = headers
    self.bodyBytes = bodyBytes
    self.bodyExcerpt = bodyExcerpt
    self.fault = fault
    self.latencyMs = latencyMs
  }
}

/// Collects every exchange of a verbose run by scenario id, until the scenario's console line takes them.
public final class ExchangeLog: Sendable {
  private let dumps = Mutex<[String: [ExchangeDump]]>([:])

  public init() {}

  public func append(_ dump: ExchangeDump, scenario id: String) {
    dumps.withLock { $0[id, default: []].append(dump) }
  }

  /// The scenario's exchanges in the order they were sent, removed from the log.
  public func take(_ id: String) -> [ExchangeDump] {
    dumps.withLock { $0.removeValue(forKey: id) ?? [] }
  }
}
