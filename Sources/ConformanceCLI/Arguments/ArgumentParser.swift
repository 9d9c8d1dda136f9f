/// A command-line option, documented once; `--help` is generated from these.
struct OptionSpec: Sendable {
  let name: String
  /// The placeholder for the value (`N`, `DIR`); nil for a flag.
  let value: String?
  let help: String
  let repeatable: Bool

  init(_ name: String, value: String? = nil, repeatable: Bool = false, _ help: String) {
    self.name = name
    self.value = value
    self.help = help
    self.repeatable = repeatable
  }
}

/// A command's arguments: its options and what its positional arguments mean.
struct CommandSpec: Sendable {
  let name: String
  let abstract: String
  let positional: String?
  let options: [OptionSpec]
  let discussion: String?

  init(
    name: String, abstract: String, positional: String? = nil, options: [OptionSpec],
    discussion: String? = nil
  ) {
    self.name = name
    self.abstract = abstract
    self.positional = positional
    self.options = options
    self.discussion = discussion
  }

  var help: String {
    var out = "\(abstract)\n\nusage: anyint-conformance \(name)"
    if !options.isEmpty { out += " [options]" }
    if let positional { out += " \(positional)" }
    out += "\n"
    if !options.isEmpty {
      out += "\noptions:\n"
      let shown = options.map { o in "  \(o.name)" + (o.value.map { " \($0)" } ?? "") }
      let width = min(34, (shown.map(\.count).max() ?? 0) + 2)
      for (o, s) in zip(options, shown) {
        let pad =
          s.count < width
          ? String(repeating: " ", count: width - s.count)
          : "\n" + String(repeating: " ", count: width)
        out += s + pad + o.help + (o.repeatable ? " (repeatable)" : "") + "\n"
      }
      out += "  --help" + String(repeating: " ", count: max(2, width - 8)) + "show this help\n"
    }
    if let discussion { out += "\n" + discussion + "\n" }
    return out
  }
}

/// A bad command line: the message says what was wrong and how to fix it (exit code 2).
struct UsageError: Error, Sendable, CustomStringConvertible {
  var message: String
  var description: String { message }
  init(_ message: String) { self.message = message }
}

/// Parsed arguments: option values by name, flags, and positional arguments in order.
struct ParsedArguments: Sendable {
  var values: [String: [String]] = [:]
  var flags: Set<String> = []
  var positionals: [String] = []
  var helpRequested = false

  func value(_ name: String) -> String? { values[name]?.last }
  func all(_ name: String) -> [String] { values[name] ?? [] }
  func flag(_ name: String) -> Bool { flags.contains(name) }

  /// A whole number option within a range, or the default.
  func integer(_ name: String, default d: Int, range: ClosedRange<Int>) throws(UsageError) -> Int {
    guard let raw = value(name) else { return d }
    guard let v = Int(raw), range.contains(v) else {
      throw UsageError(
        "\(name) takes a whole number from \(range.lowerBound) to \(range.upperBound), not '\(raw)'"
      )
    }
    return v
  }
}

/// Parses arguments against a command spec: `--name value`, `--name=value`, flags, `--` to end options.
enum ArgumentParser {
  static func parse(_ args: [String], spec: CommandSpec) throws(UsageError) -> ParsedArguments {
    var out = ParsedArguments()
    var i = 0
    var optionsEnded = false
    while i < args.count {
      let arg = args[i]
      i += 1
      if optionsEnded || !arg.hasPrefix("-") || arg == "-" {
        guard spec.positional != nil else {
          throw UsageError(
            "'\(spec.name)' takes no arguments, but got '\(arg)'; see 'anyint-conformance \(spec.name) --help'"
          )
        }
        out.positionals.append(arg)
        continue
      }
      if arg == "--" {
        optionsEnded = true
        continue
      }
      if arg == "--help" || arg == "-h" {
        out.helpRequested = true
        continue
      }
      var name = arg
      var inline: String?
      if let eq = arg.firstIndex(of: "=") {
        name = String(arg[..<eq])
        inline = String(arg[arg.index(after: eq)...])
      }
      guard let option = spec.options.first(where: { $0.name == name }) else {
        var message = "unknown option '\(name)' for '\(spec.name)'"
        let names = spec.options.map(\.name)
        if let guess = names.min(by: { editDistance($0, name) < editDistance($1, name) }),
          editDistance(guess, name) <= 3
        {
          message += "; did you mean '\(guess)'?"
        }
        throw UsageError(message + " (see 'anyint-conformance \(spec.name) --help')")
      }
      if option.value == nil {
        if inline != nil { throw UsageError("\(name) is a flag and takes no value") }
        out.flags.insert(name)
        continue
      }
      let value: String
      if let inline {
        value = inline
      } else {
        guard i < args.count else {
          throw UsageError("\(name) needs a value (\(option.value ?? "VALUE"))")
        }
        value = args[i]
        i += 1
      }
      if !option.repeatable, out.values[name] != nil {
        throw UsageError("\(name) is given twice; give it once")
      }
      out.values[name, default: []].append(value)
    }
    return out
  }

  static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
    var prev = Array(0...b.count)
    for i in 1...a.count {
      var cur = [i] + [Int](repeating: 0, count: b.count)
      for j in 1...b.count {
        cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      prev = cur
    }
    return prev[b.count]
  }
}
