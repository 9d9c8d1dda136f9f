/// The forms of a secret a redactor finds besides the plain text. All of them, always, in the tool; the tests
/// switch one off at a time to show that each form's case needs it.
struct RedactionForms: OptionSet, Sendable, Hashable {
  let rawValue: Int

  /// `%XX` in either hex case (each byte of a multi-byte character alone) and `+` for a space.
  static let percent = RedactionForms(rawValue: 1 << 0)
  /// JSON and other backslash escapes: `\uXXXX` in either case and surrogate pairs, `\/`, `\"`, `\n`, `\xHH`,
  /// a backslash before ASCII punctuation (Markdown).
  static let backslash = RedactionForms(rawValue: 1 << 1)
  /// XML and HTML character references: `&amp;`, `&#65;`, `&#x41;`.
  static let references = RedactionForms(rawValue: 1 << 2)
  /// The offset-stable core of the standard base64 encoding, at each of the three byte offsets.
  static let base64 = RedactionForms(rawValue: 1 << 3)
  /// The same for base64url (`-` and `_`).
  static let base64url = RedactionForms(rawValue: 1 << 4)
  /// A prefix or suffix of at least `Secret.minimumLength` bytes (a secret cut off at an excerpt's edge).
  static let cutOff = RedactionForms(rawValue: 1 << 5)
  /// The secret without the whitespace around it, as well as it was given.
  static let trimmed = RedactionForms(rawValue: 1 << 6)

  static let all: RedactionForms = [
    .percent, .backslash, .references, .base64, .base64url, .cutOff, .trimmed,
  ]
}
