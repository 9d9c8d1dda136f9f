/// A header a family documents beside the key, with the diagnoses for a request that lacks it or sends a value
/// the docs do not list.
public struct RequiredHeader: Sendable {
  public var name: String
  /// The value sent with `auth: family`.
  public var value: String
  /// Every value the docs accept.
  public var accepted: Set<String>
  /// The diagnosis for a refused request without the header, and for one with another value.
  public var missing: NoteID?
  public var unknown: NoteID?

  public init(
    _ name: String, value: String, accepted: Set<String>? = nil, missing: NoteID? = nil,
    unknown: NoteID? = nil
  ) {
    self.name = name
    self.value = value
    self.accepted = accepted ?? [value]
    self.missing = missing
    self.unknown = unknown
  }
}
