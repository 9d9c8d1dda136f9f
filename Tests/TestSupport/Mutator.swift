/// A seeded source of mutants for fuzz-style tests: the same seed gives the same mutants on every machine.
public struct Mutator: RandomNumberGenerator, Sendable {
  private var state: UInt64

  public init(seed: UInt64) { state = seed }

  /// SplitMix64.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Values that have broken parsers and runners before: huge and odd numbers, control characters,
  /// workflow commands, unresolved variables, wrong types, deep nesting.
  public static let tokens: [String] = [
    "1e300", "-1e300", "-1", "0", "1.5", "99999999999999999999999999", "9223372036854775808",
    "null",
    "true", "\"\"", "[]", "{}", #""x\n::error file=a.json,line=1::injected""#, #""\u001b[31m""#,
    #""\r\nX-Injected: 1""#, #""${no_such_variable}""#, #""\u0000""#, "\"\u{FEFF}\"", "\"é\"",
    String(repeating: "[", count: 300), #"{"a":"#, "\"inf\"", "NaN", "--", "\u{7F}",
  ]

  /// One mutant of `input`: one to three random edits.
  public mutating func mutate(_ input: [UInt8]) -> [UInt8] {
    var b = input
    for _ in 0..<Int.random(in: 1...3, using: &self) { b = edit(b) }
    return b
  }

  mutating func edit(_ input: [UInt8]) -> [UInt8] {
    var b = input
    guard !b.isEmpty else { return Array(Self.tokens.randomElement(using: &self)!.utf8) }
    let at = Int.random(in: 0..<b.count, using: &self)
    switch Int.random(in: 0..<7, using: &self) {
    case 0:
      b[at] = UInt8.random(in: 0...255, using: &self)
    case 1:
      b.removeSubrange(at..<min(b.count, at + Int.random(in: 1...16, using: &self)))
    case 2:
      let piece = b[at..<min(b.count, at + Int.random(in: 1...32, using: &self))]
      b.insert(contentsOf: piece, at: Int.random(in: 0...b.count, using: &self))
    case 3:
      b.insert(contentsOf: Array(Self.tokens.randomElement(using: &self)!.utf8), at: at)
    case 4:
      // Replace the value after a colon with a token.
      guard let colon = b[at...].firstIndex(of: UInt8(ascii: ":")) else { return b }
      var end = colon + 1
      while end < b.count,
        ![UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]")].contains(b[end])
      {
        end += 1
      }
      b.replaceSubrange(
        (colon + 1)..<end, with: Array(Self.tokens.randomElement(using: &self)!.utf8))
    case 5:
      b.removeSubrange(at...)
    default:
      // Swap two bytes far apart (quotes and brackets move).
      let other = Int.random(in: 0..<b.count, using: &self)
      b.swapAt(at, other)
    }
    return b
  }
}
