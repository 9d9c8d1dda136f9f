import ConformanceCore

/// Where `run` sends requests: the fixture mock (a fixture set, offline) or a live gateway.
struct TargetOptions {
  enum Kind: String, CaseIterable, Sendable {
    case fixtures, live
  }

  static let kind: Option<Kind> = .choice(
    "--target", "fixtures|live", default: .fixtures,
    "where requests go (default fixtures: the recorded fixture mock, offline)")
  static let fixtures: Option<String> = .value(
    "--fixtures", "DIR", default: Defaults.fixturesDirectory,
    "fixture set for --target fixtures (default \(Defaults.fixturesDirectory))")
  static let noDelays: Option<Bool> = .flag(
    "--no-delays", "replay fixtures without their recorded delays and pacing")

  static let options = [kind.spec, fixtures.spec]

  var kind: Kind
  var fixtures: String
  var live: LiveOptions
  var honourDelays: Bool

  init(_ parsed: ParsedArguments) throws(UsageError) {
    kind = try parsed.get(Self.kind)
    fixtures = try parsed.get(Self.fixtures)
    live = try LiveOptions(parsed)
    honourDelays = !(try parsed.get(Self.noDelays))
    switch kind {
    case .fixtures:
      if let name = parsed.firstGiven(LiveOptions.options) {
        throw UsageError(
          .conflictingOptions, option: name, "\(name) only applies to --target live")
      }
    case .live:
      if parsed.given(Self.fixtures.spec) {
        throw UsageError(
          .conflictingOptions, option: Self.fixtures.name,
          "--fixtures only applies to --target fixtures")
      }
    }
  }
}
