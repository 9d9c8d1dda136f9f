/// A command line parsed against a command's spec: the values given for each option, and the positional
/// arguments in order. Values are read through typed `Option`s.
struct ParsedArguments: Sendable {
  /// Values by option name, in the order given; a flag holds one "" per use.
  var values: [String: [String]] = [:]
  var positionals: [String] = []
  var helpRequested = false
  /// The options the command declares, so that reading any other is caught in debug builds.
  var declared: Set<String> = []

  /// The option's value (its default when it was not given).
  func get<Value>(_ option: Option<Value>) throws(UsageError) -> Value {
    assert(declared.contains(option.name), "\(option.name) is read but not declared")
    return try option.read(values[option.name] ?? [])
  }

  /// Whether the option was given at all.
  func given(_ spec: OptionSpec) -> Bool { values[spec.name] != nil }

  /// The first of these options that was given, in the order listed.
  func firstGiven(_ specs: [OptionSpec]) -> String? { specs.first(where: given)?.name }
}
