/// An option with a type: the spec that documents it, and how the strings given for it become a value.
///
/// Declare an option once, as a static constant of its group (`OutputOptions.reportDir`); a command lists the
/// specs it takes and reads values with `parsed.get(OutputOptions.reportDir)`, never by a string name.
struct Option<Value: Sendable>: Sendable {
  let spec: OptionSpec
  /// Turns the values given for the option (none when it was not given; one "" per use of a flag) into a value.
  let read: @Sendable ([String]) throws(UsageError) -> Value

  init(_ spec: OptionSpec, read: @escaping @Sendable ([String]) throws(UsageError) -> Value) {
    self.spec = spec
    self.read = read
  }

  var name: String { spec.name }

  /// The same option documented differently for one command.
  func withHelp(_ help: String) -> Option<Value> { Option(spec.withHelp(help), read: read) }

  /// The same option with other spellings too, such as a short `-H`.
  func withAliases(_ aliases: [String]) -> Option<Value> {
    Option(spec.withAliases(aliases), read: read)
  }

  /// An option whose last value is parsed by a function (nil when it was not given).
  static func custom(
    _ name: String, _ placeholder: String, _ help: String,
    parse: @escaping @Sendable (String?) throws(UsageError) -> Value
  ) -> Option {
    Option(OptionSpec(name, value: placeholder, help)) { values throws(UsageError) in
      try parse(values.last)
    }
  }

  /// One of an enumeration's raw values; the error lists them (`--format for list takes text or json, not 'x'`).
  static func choice(
    _ name: String, _ placeholder: String, default fallback: Value, label: String? = nil,
    _ help: String
  ) -> Option where Value: RawRepresentable<String> & CaseIterable {
    Option(OptionSpec(name, value: placeholder, help)) { values throws(UsageError) in
      guard let raw = values.last else { return fallback }
      guard let v = Value(rawValue: raw) else {
        throw UsageError(
          .invalidValue, option: name,
          "\(label ?? name) takes \(Self.wordList(Value.allCases.map(\.rawValue))), not '\(raw)'")
      }
      return v
    }
  }

  /// `a`, `a or b`, `a, b or c`.
  static func wordList(_ words: [String]) -> String {
    guard let last = words.last else { return "" }
    return words.count == 1 ? last : words.dropLast().joined(separator: ", ") + " or " + last
  }
}

extension Option where Value == String? {
  /// A value option; nil when it was not given.
  static func value(_ name: String, _ placeholder: String, _ help: String) -> Option {
    Option(OptionSpec(name, value: placeholder, help)) { $0.last }
  }
}

extension Option where Value == String {
  /// A value option with its default.
  static func value(_ name: String, _ placeholder: String, default fallback: String, _ help: String)
    -> Option
  {
    Option(OptionSpec(name, value: placeholder, help)) { $0.last ?? fallback }
  }
}

extension Option where Value == Bool {
  /// A flag: true when given.
  static func flag(_ name: String, aliases: [String] = [], _ help: String) -> Option {
    Option(OptionSpec(name, aliases: aliases, help)) { !$0.isEmpty }
  }
}

extension Option where Value == [String] {
  /// An option that may be given several times; its values in order.
  static func repeated(_ name: String, _ placeholder: String, _ help: String) -> Option {
    Option(OptionSpec(name, value: placeholder, repeatable: true, help)) { $0 }
  }
}

extension Option where Value == Int {
  /// A whole number within a range, or the default.
  static func integer(
    _ name: String, _ placeholder: String = "N", default fallback: Int, range: ClosedRange<Int>,
    _ help: String
  ) -> Option {
    Option(OptionSpec(name, value: placeholder, help)) { values throws(UsageError) in
      guard let raw = values.last else { return fallback }
      guard let v = Int(raw), range.contains(v) else {
        throw UsageError(
          .invalidValue, option: name,
          "\(name) takes a whole number from \(range.lowerBound) to \(range.upperBound), not '\(raw)'"
        )
      }
      return v
    }
  }
}
