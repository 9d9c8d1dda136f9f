/// What the probe with the documented headers learned about the model in its body: usable, refused (and
/// whether the Models API lists it for the key), or not reached.
public struct ModelCheck: Sendable {
  public var id: String
  public var outcome: RouteProbe.Outcome
  /// The Models API's answer, when the model was refused.
  public var note: Note?

  public init(id: String, outcome: RouteProbe.Outcome, note: Note?) {
    self.id = id
    self.outcome = outcome
    self.note = note
  }

  public var advice: String {
    let status = outcome.status.map(String.init) ?? "no answer"
    guard let situation = outcome.situation else {
      return "model \(id): could not be judged (\(status): \(outcome.detail))"
    }
    switch situation {
    case .modelUnavailable, .accessBlocked:
      return
        "model \(id) was refused with the documented headers (\(status) \(situation.rawValue)): "
        + (note.map { "\($0.message) [\($0.id)]" } ?? outcome.detail)
    case .invalidAPIKey:
      return "model \(id): not reached, the key itself was refused (\(status))"
    default:
      return outcome.result == .accepted
        ? "model \(id) is usable with this key on this route (\(status) \(situation.rawValue))"
        : "model \(id): the documented probe was \(outcome.result.rawValue) (\(status) \(situation.rawValue))"
    }
  }
}
