/// Where `${name}` values come from, in the order format v1 fixes: `--var`, then env `ANYINT_VAR_<NAME>`, then
/// the `--variables-file` files (a later one wins over an earlier one), then `variables.json`, then values
/// captured by earlier steps, then built-ins (`run_id`, `callback_url`).
public struct VariableSources: Sendable {
  public var commandLine: [String: String]
  public var environment: [String: String]
  /// The files `--variables-file` names, in the order given (the loader reads them into `optionFiles`).
  public var optionFilePaths: [String] = []
  /// Their values, merged so that a later file wins.
  public var optionFiles: [String: String] = [:]
  public var file: [String: String]
  public var builtIns: [String: String]

  public init(
    commandLine: [String: String] = [:], environment: [String: String] = [:],
    file: [String: String] = [:], builtIns: [String: String] = [:]
  ) {
    self.commandLine = commandLine
    self.environment = environment
    self.file = file
    self.builtIns = builtIns
  }

  /// The environment variable that can set a variable: `ANYINT_VAR_` and the name upper-cased, with any
  /// character that cannot appear in an environment name (`.`, `-`) written as `_`.
  public static func environmentName(for name: String) -> String {
    "ANYINT_VAR_"
      + String(
        name.uppercased().unicodeScalars.map {
          ("A"..."Z").contains($0) || ("0"..."9").contains($0) ? Character($0) : "_"
        })
  }

  /// Picks the `ANYINT_VAR_*` entries out of a process environment.
  public static func fromEnvironment(_ env: [String: String]) -> [String: String] {
    env.filter { $0.key.hasPrefix("ANYINT_VAR_") }
  }

  /// Resolves a name, captures included; nil when no source has it.
  public func lookup(_ name: String, captured: [String: String] = [:]) -> String? {
    if let v = commandLine[name] { return v }
    if let v = environment[VariableSources.environmentName(for: name)] { return v }
    if let v = optionFiles[name] { return v }
    if let v = file[name] { return v }
    if let v = captured[name] { return v }
    return builtIns[name]
  }

  /// The built-in variables: the run's id, and the callback URL a webhook step's create sends (set per
  /// scenario).
  public static let runID = "run_id"
  public static let callbackURL = "callback_url"

  /// The names some source defines (environment names as written after `ANYINT_VAR_`, lower-cased), for a
  /// did-you-mean.
  public var definedNames: [String] {
    let fromEnvironment = environment.keys.compactMap { key -> String? in
      key.hasPrefix("ANYINT_VAR_") ? String(key.dropFirst("ANYINT_VAR_".count)).lowercased() : nil
    }
    let names = Set(commandLine.keys).union(optionFiles.keys).union(file.keys).union(builtIns.keys)
      .union(fromEnvironment).union([VariableSources.runID])
    return names.sorted()
  }

  /// Reads a `variables.json` file: an object of name to string, number or boolean.
  public static func decodeFile(path: String, bytes: [UInt8]) -> (
    values: [String: String], diagnostics: [Diagnostic]
  ) {
    var ctx = DecodeContext(source: SourceText(path: path, bytes: bytes))
    guard let root = ctx.parse(bytes) else { return ([:], ctx.diagnostics.diagnostics) }
    guard let members = root.members else {
      ctx.error(
        "variables.json must be an object of name: value (a string, number or boolean), found \(ctx.describe(root))",
        at: root.offset, path: "$")
      return ([:], ctx.diagnostics.diagnostics)
    }
    var values: [String: String] = [:]
    for m in members {
      let p = DecodeContext.child("$", m.key)
      guard Template.isValidName(m.key) else {
        ctx.error(
          "\"\(m.key)\" is not a valid variable name (letters, digits, '_', '-', '.'; starting with a letter or '_')",
          at: m.keyOffset, path: p)
        continue
      }
      if values[m.key] != nil {
        ctx.error("variable '\(m.key)' is defined twice", at: m.keyOffset, path: p)
        continue
      }
      switch m.value.kind {
      case .string(let s): values[m.key] = s
      case .number(let n): values[m.key] = JSONWriter.formatNumber(n)
      case .bool(let b): values[m.key] = b ? "true" : "false"
      default:
        ctx.error(
          "variable '\(m.key)' must be a string, number or boolean, found \(ctx.describe(m.value))",
          at: m.value.offset, path: p)
      }
    }
    return (values, ctx.diagnostics.diagnostics)
  }
}
