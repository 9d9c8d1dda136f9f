/// The keys a run sends: the configured key for `key: valid`, and a well-formed wrong key for `key: invalid`.
public struct Credentials: Sendable {
  public var validKey: String
  public var invalidKey: String
  /// Headers added to every request (`-H 'Name: value'`); their values are secrets like the key.
  public var headers: [HTTPHeaders.Field] = []

  /// A wrong key shaped like a real one; short enough that it can never be mistaken for a leaked secret.
  public static let defaultInvalidKey = "sk-conformance-invalid"
  /// The key replay uses when none is configured: replay compares key kinds, never values.
  public static let fixtureKey = "anyint-fixture-key"

  public init(validKey: String, invalidKey: String = Credentials.defaultInvalidKey) {
    self.validKey = validKey
    self.invalidKey = invalidKey
  }

  public var keyClassifier: KeyClassifier { KeyClassifier(validKey: validKey) }

  /// Everything that must never reach a report, fixture or the console: the key and the added header values
  /// (but those of protocol headers such as `anthropic-version`, whose values are public, as the output boundary
  /// counts them: `SecretSources.publicHeaders`).
  public var secrets: [Secret] {
    [Secret(validKey, origin: "the key")]
      + headers.filter { !SecretSources.publicHeaders.contains($0.name.lowercased()) }.map {
        Secret($0.value, origin: "the value of the \($0.name.lowercased()) header")
      }
  }
}
