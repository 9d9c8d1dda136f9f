/// Parses arguments against a command spec: `--name value`, `--name=value`, flags, `--` to end options.
enum ArgumentParser {
  static func parse(_ args: [String], spec: CommandSpec) throws(UsageError) -> ParsedArguments {
    var out = ParsedArguments()
    out.declared = Set(spec.options.map(\.name))
    var i = 0
    var optionsEnded = false
    while i < args.count {
      let arg = args[i]
      i += 1
      if optionsEnded || !arg.hasPrefix("-") || arg == "-" {
        guard spec.positional != nil else {
          throw UsageError(
            .unexpectedArgument, option: arg,
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
      var word = arg
      var inline: String?
      if let short = attachedShort(arg, in: spec) {
        // `-H'Name: value'`, as curl takes it (and `-H=...`).
        word = short
        let rest = arg.dropFirst(short.count)
        inline = String(rest.hasPrefix("=") ? rest.dropFirst() : rest)
      } else if let eq = arg.firstIndex(of: "=") {
        word = String(arg[..<eq])
        inline = String(arg[arg.index(after: eq)...])
      }
      guard let option = spec.options.first(where: { $0.matches(word) }) else {
        throw unknown(word, in: spec)
      }
      let name = option.name
      if option.isFlag {
        if inline != nil {
          throw UsageError(.valueForFlag, option: name, "\(word) is a flag and takes no value")
        }
        out.values[name, default: []].append("")
        continue
      }
      let value: String
      if let inline {
        value = inline
      } else {
        guard i < args.count else {
          throw UsageError(
            .missingValue, option: name, "\(word) needs a value (\(option.value ?? "VALUE"))")
        }
        value = args[i]
        i += 1
      }
      if !option.repeatable, out.values[name] != nil {
        throw UsageError(.repeatedOption, option: name, "\(word) is given twice; give it once")
      }
      out.values[name, default: []].append(value)
    }
    return out
  }

  /// A short option that takes a value with the value attached (`-Hvalue`), if `arg` is one.
  static func attachedShort(_ arg: String, in spec: CommandSpec) -> String? {
    guard !arg.hasPrefix("--"), arg.count > 2 else { return nil }
    let short = String(arg.prefix(2))
    guard let option = spec.options.first(where: { $0.matches(short) }), !option.isFlag else {
      return nil
    }
    return short
  }

  static func unknown(_ word: String, in spec: CommandSpec) -> UsageError {
    // Only the option-like start is echoed: a misspelt option may have a header line or a token glued to it.
    let word = String(word.prefix { $0 != ":" && $0 != " " })
    var message = "unknown option '\(word)' for '\(spec.name)'"
    if let guess = closest(to: word, in: spec.options.map(\.name), within: 3) {
      message += "; did you mean '\(guess)'?"
    }
    return UsageError(
      .unknownOption, option: word,
      message + " (see 'anyint-conformance \(spec.name) --help')")
  }

  /// The candidate nearest to a word by edit distance, when it is within `limit` edits; of two as near, the one
  /// sharing the longer start with the word (`--retry`: `--retries`, not `--rate`).
  static func closest(to word: String, in candidates: [String], within limit: Int) -> String? {
    func rank(_ c: String) -> (Int, Int) {
      (editDistance(c, word), -zip(c, word).prefix(while: { $0 == $1 }).count)
    }
    guard let guess = candidates.min(by: { rank($0) < rank($1) }),
      editDistance(guess, word) <= limit
    else { return nil }
    return guess
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
