/// Everything about one answer that expectations can be checked against.
public struct AnswerFacts: Sendable {
  public var status: Int?
  public var headers: HTTPHeaders
  public var envelope: Envelope
  public var body: JSONValue?
  public var bodyIsJSON: Bool
  public var situation: Situation?
  public var latencyMs: Double
  public var diagnoses: [Note]
  public var stream: StreamAnalysis?

  public init(
    status: Int?, headers: HTTPHeaders = HTTPHeaders(), envelope: Envelope = .none,
    body: JSONValue? = nil, bodyIsJSON: Bool = false,
    situation: Situation?, latencyMs: Double = 0, diagnoses: [Note] = []
  ) {
    self.status = status
    self.headers = headers
    self.envelope = envelope
    self.body = body
    self.bodyIsJSON = bodyIsJSON
    self.situation = situation
    self.latencyMs = latencyMs
    self.diagnoses = diagnoses
  }
}
