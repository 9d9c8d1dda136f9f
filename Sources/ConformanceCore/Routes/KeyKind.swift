/// What kind of key a request carried; the key itself is never recorded.
public enum KeyKind: String, CaseIterable, Sendable, Codable {
  case valid
  case invalid
  case empty
  /// No key header at all.
  case none

  /// The keys a scenario can choose to send (`key` in format v1): every kind but `none`, which is `auth: none`.
  public static let sendable: [KeyKind] = [.valid, .invalid, .empty]
}
