/// A route family's id (`openai`, `anthropic`, ...): what scenarios, reports and fixtures call it. What a family
/// documents is in its row of the route catalog (`FamilyProfile`).
public struct Family: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
  public let rawValue: String

  public init(rawValue: String) { self.rawValue = rawValue }
  public init(_ rawValue: String) { self.rawValue = rawValue }

  public static let openai = Family("openai")
  public static let anthropic = Family("anthropic")
  public static let gemini = Family("gemini")
  public static let media = Family("media")
  public static let music = Family("music")

  public var description: String { rawValue }

  public static func < (a: Family, b: Family) -> Bool { a.rawValue < b.rawValue }

}
