/// One expectation that did not hold: which check, what was expected, what was there, and where it is written.
public struct CheckFailure: Sendable, Equatable {
  /// `status`, `envelope`, `error.type`, `situation`, `retry`, `headers.retry-after`, `json $.data[0].id`, ...
  public var check: String
  public var expected: String
  public var actual: String
  /// The field in the scenario file that states the expectation.
  public var ref: SourceRef?
  /// A hint on top of expected/actual, when one helps.
  public var note: String?

  public init(
    check: String, expected: String, actual: String, ref: SourceRef? = nil, note: String? = nil
  ) {
    self.check = check
    self.expected = expected
    self.actual = actual
    self.ref = ref
    self.note = note
  }
}
