/// One expectation that did not hold: which check, what was expected, what was there, and where it is written.
public struct CheckFailure: Sendable, Equatable {
  public var kind: CheckKind
  public var expected: String
  public var actual: String
  /// The field in the scenario file that states the expectation.
  public var ref: SourceRef?
  /// A hint on top of expected/actual, when one helps.
  public var note: String?

  public init(
    _ kind: CheckKind, expected: String, actual: String, ref: SourceRef? = nil,
    note: String? = nil
  ) {
    self.kind = kind
    self.expected = expected
    self.actual = actual
    self.ref = ref
    self.note = note
  }

  /// A failure named as a report writes it (`status`, `steps.poll.poll.timeout`).
  public init(
    check: String, expected: String, actual: String, ref: SourceRef? = nil, note: String? = nil
  ) {
    self.init(CheckKind(name: check), expected: expected, actual: actual, ref: ref, note: note)
  }

  /// The check's name as reports write it.
  public var check: String { kind.name }
}
