/// A row of the route family table: everything the harness knows about a family, as data. Adding a family is
/// one of these (plus its routes and fixtures); nothing else in the code names a family.
public struct FamilyProfile: Sendable {
  public var family: Family
  /// `OpenAI-compatible`, `AI Music (Suno-compatible)`.
  public var displayName: String
  /// Path prefixes that name the family (`/openai/`), for inferring it from a request.
  public var prefixes: [String]
  /// How the family's routes take the key.
  public var auth: AuthScheme
  /// Headers the family documents beside the key (sent with `auth: family`, checked on refusals).
  public var extraHeaders: [RequiredHeader]
  /// The error envelope the family documents.
  public var envelope: EnvelopeKind
  /// The Models API that lists the models this family's routes accept.
  public var modelsPath: String
  /// Whether a route names its model in the path (Gemini's `models/{model}:generateContent`), not in the body.
  public var modelInPath: Bool
  /// Harmless bodies `diagnose` probes with, by the path's ending.
  public var probeBodies: [ProbeBody]

  public init(
    _ family: Family, displayName: String, prefixes: [String], auth: AuthScheme,
    extraHeaders: [RequiredHeader] = [], envelope: EnvelopeKind = .openai,
    modelsPath: String = "/openai/v1/models", modelInPath: Bool = false,
    probeBodies: [ProbeBody] = []
  ) {
    self.family = family
    self.displayName = displayName
    self.prefixes = prefixes
    self.auth = auth
    self.extraHeaders = extraHeaders
    self.envelope = envelope
    self.modelsPath = modelsPath
    self.modelInPath = modelInPath
    self.probeBodies = probeBodies
  }

  /// The display name with its indefinite article: "an OpenAI-compatible", "a Media".
  public var withArticle: String {
    let vowel = displayName.first.map { "AEIOU".contains($0) } ?? false
    return (vowel ? "an " : "a ") + displayName
  }

  /// The documented headers in words: `Authorization: Bearer`, `x-api-key + anthropic-version: 2023-06-01`.
  public var documentedHeaders: String {
    ([auth.description] + extraHeaders.map { "\($0.name): \($0.value)" }).joined(separator: " + ")
  }

  /// The extra headers as a parenthesis for messages: ` (with anthropic-version: 2023-06-01)`, or "".
  public var extraHeadersNote: String {
    extraHeaders.isEmpty
      ? ""
      : " (with " + extraHeaders.map { "\($0.name): \($0.value)" }.joined(separator: ", ") + ")"
  }
}
