/// The result of one scenario: what it is (id, summary, tags, family, where it is written), its exchange record
/// (the scenario's own exchange, or for a step scenario its last request step's answer with every step's
/// failures, and the worst outcome), and its steps.
///
/// The record's fields read and write through the result (`result.outcome`, `result.situation`): one copy of
/// each, never two kept in step.
@dynamicMemberLookup
public struct ScenarioResult: Sendable {
  public var id: String
  public var summary: String
  public var tags: [String]
  public var family: Family?
  public var source: SourceRef
  public var record: ExchangeRecord
  /// The steps of a multi-step scenario, in order (empty for a single exchange).
  public var steps: [StepResult] = []
  /// The scenario's position in the whole selection (kept when the run is one shard of several).
  public var index: Int?

  public init(
    id: String, summary: String, tags: [String], family: Family?, source: SourceRef,
    outcome: Outcome, durationMs: Double = 0
  ) {
    self.id = id
    self.summary = summary
    self.tags = tags
    self.family = family
    self.source = source
    record = ExchangeRecord()
    record.outcome = outcome
    record.durationMs = durationMs
  }

  /// The result of a scenario that has not produced an exchange (yet).
  public init(_ scenario: Scenario, outcome: Outcome = .errored) {
    self.init(
      id: scenario.id, summary: scenario.summary, tags: scenario.tags, family: scenario.family,
      source: scenario.source, outcome: outcome)
  }

  public subscript<T>(dynamicMember path: WritableKeyPath<ExchangeRecord, T>) -> T {
    get { record[keyPath: path] }
    set { record[keyPath: path] = newValue }
  }

  public subscript<T>(dynamicMember path: KeyPath<ExchangeRecord, T>) -> T {
    record[keyPath: path]
  }
}
