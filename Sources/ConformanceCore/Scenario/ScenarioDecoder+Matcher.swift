/// Matchers: a plain value (equals) or an object with exactly one matcher keyword.
extension ScenarioDecoder {
  /// A matcher: a plain value (equals) or an object with exactly one matcher keyword.
  static func decodeMatcher(
    _ n: JSONNode, path: String, ctx: inout DecodeContext, uses: inout [VariableUse]
  ) -> Matcher? {
    guard let members = n.members, !members.isEmpty else {
      collectReferences(in: n, path: path, ctx: &ctx, uses: &uses)
      return .equals(n.value)
    }
    let keywordMembers = members.filter { Matcher.keywords.contains($0.key) }
    if keywordMembers.isEmpty {
      // "in" is left out of the typo check: two-letter keys such as "id" are common in literal objects.
      if members.count == 1,
        let guess = DecodeContext.closest(
          to: members[0].key, in: Matcher.keywords.filter { $0 != "in" })
      {
        ctx.error(
          "unknown matcher '\(members[0].key)'; did you mean '\(guess)'? (to compare with this object literally, write {\"equals\": {...}})",
          at: members[0].keyOffset, path: DecodeContext.child(path, members[0].key))
        return nil
      }
      collectReferences(in: n, path: path, ctx: &ctx, uses: &uses)
      return .equals(n.value)
    }
    if members.count > 1 {
      ctx.error(
        "a matcher takes exactly one of \(Matcher.keywords.joined(separator: ", ")); this object has \(members.map { "'\($0.key)'" }.joined(separator: ", ")) (to compare with an object literally, write {\"equals\": ...})",
        at: n.offset, path: path)
      return nil
    }
    let m = members[0]
    let p = DecodeContext.child(path, m.key)
    let arg = m.value
    switch m.key {
    case "equals":
      collectReferences(in: arg, path: p, ctx: &ctx, uses: &uses)
      return .equals(arg.value)
    case "contains":
      switch arg.kind {
      case .object, .array:
        ctx.error(
          "'contains' takes a string (a substring) or a single value (an array element), found \(ctx.describe(arg))",
          at: arg.offset, path: p)
        return nil
      default:
        collectReferences(in: arg, path: p, ctx: &ctx, uses: &uses)
        return .contains(arg.value)
      }
    case "matches":
      guard let pattern = ctx.string(arg, path: p, what: "a regular expression") else { return nil }
      do {
        return .matches(try CompiledRegex(pattern))
      } catch {
        ctx.error(
          "\"\(pattern)\" is not a valid regular expression (ICU syntax); check brackets, parentheses and escapes",
          at: arg.offset, path: p)
        return nil
      }
    case "exists":
      guard case .bool(let b) = arg.kind else {
        ctx.error(
          "'exists' takes true or false, found \(ctx.describe(arg))", at: arg.offset, path: p)
        return nil
      }
      return .exists(b)
    case "in":
      guard let elements = arg.elements, !elements.isEmpty else {
        let found =
          arg.elements != nil ? "an empty array, which can never match" : ctx.describe(arg)
        ctx.error(
          "'in' takes a non-empty array of allowed values, found \(found)", at: arg.offset, path: p)
        return nil
      }
      collectReferences(in: arg, path: p, ctx: &ctx, uses: &uses)
      return .oneOf(elements.map(\.value))
    case "length":
      return decodeLength(arg, path: p, ctx: &ctx, uses: &uses)
    case "type":
      guard let t = arg.string, Matcher.typeNames.contains(t) else {
        ctx.error(
          "'type' takes one of \(Matcher.typeNames.map { "\"\($0)\"" }.joined(separator: ", ")), found \(ctx.describe(arg)) (to compare with an object literally, write {\"equals\": ...})",
          at: arg.offset, path: p)
        return nil
      }
      return .type(t)
    default:
      return nil
    }
  }

  /// `{"length": N}` or `{"length": <matcher of a number>}` such as `{"in": [1, 2]}`; a matcher that can never
  /// hold for a length is an error here rather than a check that always fails.
  static func decodeLength(
    _ arg: JSONNode, path: String, ctx: inout DecodeContext, uses: inout [VariableUse]
  ) -> Matcher? {
    let before = ctx.diagnostics.errorCount
    guard let inner = decodeMatcher(arg, path: path, ctx: &ctx, uses: &uses) else { return nil }
    guard ctx.diagnostics.errorCount == before else { return nil }
    let usage =
      "'length' takes a whole number (the elements of an array, characters of a string or members of an object) or a matcher of one, such as {\"length\": 3} or {\"length\": {\"in\": [1, 2]}}"
    switch inner {
    case .equals(let v) where isLength(v):
      return .length(inner)
    case .equals:
      ctx.error("\(usage); found \(ctx.describe(arg))", at: arg.offset, path: path)
    case .oneOf(let values) where values.allSatisfy(isLength):
      return .length(inner)
    case .oneOf(let values):
      let bad = values.first { !isLength($0) }.map { JSONWriter.string($0) } ?? ""
      ctx.error(
        "\(usage); its 'in' lists \(bad), which is not a whole number from 0", at: arg.offset,
        path: path)
    case .type(let t) where t == "number":
      return .length(inner)
    case .exists, .matches:
      return .length(inner)
    case .contains, .type, .length:
      let keyword = arg.members?.first?.key ?? "this matcher"
      ctx.error(
        "\(usage); a length is a number, so '\(keyword)' here can never hold", at: arg.offset,
        path: path)
    }
    return nil
  }

  /// A whole number from 0: a possible length.
  static func isLength(_ v: JSONValue) -> Bool {
    guard case .number(let d) = v else { return false }
    return d >= 0 && d <= 1e15 && d.rounded() == d
  }
}
