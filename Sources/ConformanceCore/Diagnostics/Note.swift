/// A named finding about a request or answer, with a fix (header mismatches and the like).
public struct Diagnosis: Sendable, Equatable {
  public var id: String
  public var message: String

  public init(id: String, message: String) {
    self.id = id
    self.message = message
  }
}
