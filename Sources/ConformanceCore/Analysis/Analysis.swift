/// Everything derived from one answer (or fault): what came back, what shape it has, which row of the retry
/// table it falls in, what the request's headers and the answer's behaviour say, and what the SDKs would do.
///
/// Values are as received: an analysis is not redacted; whoever writes it out (the exchange record) is.
public struct Analysis: Sendable {
  /// The answer; nil when there was none (a network fault, no fixture) or its plain body did not arrive whole.
  public var reply: TransportReply?
  public var fault: TransportFault?
  public var latencyMs: Double
  /// The body as JSON, when it is JSON.
  public var body: JSONValue?
  public var envelope: Envelope
  /// For an event stream: its events, completeness, timing and any mid-stream error.
  public var stream: StreamAnalysis?
  /// Nil only for a fault that is no network fault (no fixture): nothing to classify.
  public var classification: Classification?
  /// What the request's headers did wrong, by the family's row (401, 403 and header-naming 400 answers).
  public var diagnoses: [Note]
  /// Undocumented behaviour and doc/SDK divergences in the answer.
  public var findings: [Note]
  /// What each official SDK would do with the answer.
  public var sdk: [SDKDecision]

  public var status: Int? { reply?.response.status }
  public var situation: Situation? { classification?.situation }

  /// What expectations are checked against.
  public var facts: AnswerFacts {
    guard let reply else {
      return AnswerFacts(status: nil, situation: situation, latencyMs: latencyMs)
    }
    var facts = AnswerFacts(
      status: reply.response.status, headers: reply.response.headers, envelope: envelope,
      body: body, bodyIsJSON: body != nil, situation: situation, latencyMs: latencyMs,
      diagnoses: diagnoses)
    facts.stream = stream
    return facts
  }
}
