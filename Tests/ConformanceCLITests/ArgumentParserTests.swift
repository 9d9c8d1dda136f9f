import Testing

@testable import ConformanceCLI

/// The option parser and the typed options, table by table.
@Suite struct ArgumentParserTests {
  static let count: Option<Int> = .integer("--count", default: 3, range: 1...9, "a count")
  static let name: Option<String?> = .value("--name", "N", "a name")
  static let dir: Option<String> = .value("--dir", "DIR", default: "Reports", "a directory")
  static let tags: Option<[String]> = .repeated("--tag", "T", "a tag").withAliases(["-t"])
  static let quiet: Option<Bool> = .flag("--quiet", aliases: ["-q"], "say less")
  static let format = TextFormat.option(for: "test")

  static let spec = CommandSpec(
    name: "test", summary: "a test command", abstract: "A test command.", positional: "[PATH...]",
    options: [count.spec, name.spec, dir.spec, tags.spec, quiet.spec, format.spec])
  static let bare = CommandSpec(
    name: "bare", summary: "no arguments", abstract: "No arguments.", options: [name.spec])

  struct Good: Sendable, CustomTestStringConvertible {
    var args: [String]
    var count = 3
    var name: String? = nil
    var dir = "Reports"
    var tags: [String] = []
    var quiet = false
    var format = TextFormat.text
    var positionals: [String] = []
    var testDescription: String { args.joined(separator: " ") }
  }

  static let good: [Good] = [
    Good(args: []),
    Good(args: ["--count", "7"], count: 7),
    Good(args: ["--count=9"], count: 9),
    Good(args: ["--name", "x", "--dir=out"], name: "x", dir: "out"),
    Good(args: ["--name="], name: ""),
    Good(args: ["--name", "--dir"], name: "--dir"),
    Good(args: ["--tag", "a", "--tag=b", "--tag", "a"], tags: ["a", "b", "a"]),
    // A short option's value may be attached, as curl's -H takes it.
    Good(args: ["-t", "a", "-tb: c", "-t=d", "-t", "-q"], tags: ["a", "b: c", "d", "-q"]),
    Good(args: ["--quiet", "-q"], quiet: true),
    Good(args: ["-q"], quiet: true),
    Good(args: ["--format", "json"], format: .json),
    Good(args: ["a", "--quiet", "b"], quiet: true, positionals: ["a", "b"]),
    Good(args: ["--", "--quiet", "-"], positionals: ["--quiet", "-"]),
    Good(args: ["-"], positionals: ["-"]),
  ]

  @Test(arguments: good)
  func parsesAndReadsTypedValues(_ c: Good) throws {
    let p = try ArgumentParser.parse(c.args, spec: Self.spec)
    #expect(try p.get(Self.count) == c.count)
    #expect(try p.get(Self.name) == c.name)
    #expect(try p.get(Self.dir) == c.dir)
    #expect(try p.get(Self.tags) == c.tags)
    #expect(try p.get(Self.quiet) == c.quiet)
    #expect(try p.get(Self.format) == c.format)
    #expect(p.positionals == c.positionals)
    #expect(!p.helpRequested)
  }

  struct Bad: Sendable, CustomTestStringConvertible {
    var args: [String]
    var code: UsageError.Code
    var message: String
    var bare = false
    var testDescription: String { args.joined(separator: " ") }
  }

  static let bad: [Bad] = [
    Bad(
      args: ["--cont", "2"], code: .unknownOption,
      message:
        "unknown option '--cont' for 'test'; did you mean '--count'? (see 'anyint-conformance test --help')"
    ),
    Bad(
      args: ["--zzzzzzzz"], code: .unknownOption,
      message: "unknown option '--zzzzzzzz' for 'test' (see 'anyint-conformance test --help')"),
    // A header line glued to a misspelt option is not echoed (its value may be a secret).
    Bad(
      args: ["--tagX-Key: sk-secret-token"], code: .unknownOption,
      message:
        "unknown option '--tagX-Key' for 'test' (see 'anyint-conformance test --help')"),
    Bad(args: ["--count"], code: .missingValue, message: "--count needs a value (N)"),
    Bad(
      args: ["--name", "a", "--name", "b"], code: .repeatedOption,
      message: "--name is given twice; give it once"),
    Bad(
      args: ["--quiet=yes"], code: .valueForFlag, message: "--quiet is a flag and takes no value"),
    Bad(
      args: ["x"], code: .unexpectedArgument,
      message: "'bare' takes no arguments, but got 'x'; see 'anyint-conformance bare --help'",
      bare: true),
  ]

  @Test(arguments: bad)
  func rejectsBadCommandLines(_ c: Bad) {
    #expect {
      _ = try ArgumentParser.parse(c.args, spec: c.bare ? Self.bare : Self.spec)
    } throws: { error in
      guard let e = error as? UsageError else { return false }
      return e.code == c.code && e.message == c.message && e.exitCode == .invalidInput
    }
  }

  struct BadValue: Sendable, CustomTestStringConvertible {
    var args: [String]
    var message: String
    var testDescription: String { args.joined(separator: " ") }
  }

  static let badValues: [BadValue] = [
    BadValue(args: ["--count", "0"], message: "--count takes a whole number from 1 to 9, not '0'"),
    BadValue(args: ["--count", "x"], message: "--count takes a whole number from 1 to 9, not 'x'"),
    BadValue(args: ["--count="], message: "--count takes a whole number from 1 to 9, not ''"),
    BadValue(
      args: ["--format", "xml"], message: "--format for test takes text or json, not 'xml'"),
  ]

  /// A value is checked when the command reads it, with the option named in the error.
  @Test(arguments: badValues)
  func rejectsBadValuesWhenRead(_ c: BadValue) throws {
    let p = try ArgumentParser.parse(c.args, spec: Self.spec)
    var caught: UsageError?
    do {
      _ = try p.get(Self.count)
      _ = try p.get(Self.format)
    } catch {
      caught = error
    }
    #expect(caught?.message == c.message)
    #expect(caught?.code == .invalidValue)
    #expect(caught.map { c.args[0].hasPrefix($0.option ?? "?") } == true)
  }

  @Test func helpIsRequestedAnywhereButParseErrorsComeFirst() throws {
    #expect(try ArgumentParser.parse(["a", "--help"], spec: Self.spec).helpRequested)
    #expect(try ArgumentParser.parse(["-h"], spec: Self.spec).helpRequested)
    #expect(throws: UsageError.self) {
      try ArgumentParser.parse(["--nope", "--help"], spec: Self.spec)
    }
  }

  @Test func helpShowsAliasesPlaceholdersAndRepeatability() {
    let help = Self.spec.help
    #expect(
      help.hasPrefix("A test command.\n\nusage: anyint-conformance test [options] [PATH...]\n"))
    #expect(help.contains("\n  -q, --quiet  "))
    #expect(help.contains("\n  -t, --tag T  ") && help.contains("a tag (repeatable)\n"))
    #expect(help.contains("\n  --help  "))
  }

  @Test func wordListsReadNaturally() {
    #expect(Option<TextFormat>.wordList(["a"]) == "a")
    #expect(Option<TextFormat>.wordList(["a", "b"]) == "a or b")
    #expect(Option<TextFormat>.wordList(["a", "b", "c"]) == "a, b or c")
  }

  @Test func editDistanceAndClosest() {
    #expect(ArgumentParser.editDistance("kitten", "sitting") == 3)
    #expect(ArgumentParser.editDistance("", "abc") == 3)
    #expect(ArgumentParser.closest(to: "--tagg", in: ["--tag", "--id"], within: 2) == "--tag")
    #expect(ArgumentParser.closest(to: "--zzzz", in: ["--tag", "--id"], within: 2) == nil)
  }
}
