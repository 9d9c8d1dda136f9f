/// The keys a run sends: the configured key for `key: valid`, and a well-formed wrong key for `key: invalid`.
public struct Credentials: Sendable {
  public var validKey: String
  public var invalidKey: String

  /// A wrong key shaped like a real one; short enough that it can never be mistaken for a leaked secret.
  public static let defaultInvalidKey = "sk-conformance-invalid"
  /// The key replay uses when none is configured: replay compares key kinds, never values.
  public static let fixtureKey = "anyint-fixture-key"

  public init(validKey: String, invalidKey: String = Credentials.defaultInvalidKey) {
    self.validKey = validKey
    self.invalidKey = invalidKey
  }

  public var keyClassifier: KeyClassifier { KeyClassifier(validKey: validKey) }
}
