/// A named observation with a one-line fix: a diagnosis (about the request sent) or a finding (about the
/// gateway's answer). What an id means in general is its `NoteID` entry.
public struct Note: Sendable, Equatable {
  public var id: NoteID
  public var message: String

  public init(_ id: NoteID, _ message: String) {
    self.id = id
    self.message = message
  }

  public var kind: NoteID.Kind { id.kind }
}
