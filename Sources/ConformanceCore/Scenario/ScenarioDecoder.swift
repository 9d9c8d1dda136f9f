/// Turns the text of one scenario file into scenarios, reporting every problem with its position and JSON path.
public enum ScenarioDecoder {
  static let scenarioFields = [
    "id", "summary", "tags", "family", "request", "expect", "steps", "timeoutMs",
  ]
  static let requestFields = [
    "method", "path", "auth", "key", "headers", "json", "body", "timeoutMs",
  ]
  static let expectFields = [
    "status", "envelope", "error", "situation", "retry", "headers", "json", "stream", "latencyMs",
    "diagnoses",
  ]
  static let methods = ["GET", "POST", "PUT", "PATCH", "DELETE"]
  static let maxTimeoutMs = 86_400_000

  /// Decodes a file's bytes; the scenarios that decoded cleanly and every problem found.
  ///
  /// `orphanUses` are the variable references of scenarios that had other problems, so a single pass can still
  /// report their unresolved variables.
  public static func decode(
    path: String, bytes: [UInt8], catalog: RouteCatalog = .anyint
  ) -> (
    scenarios: [Scenario], diagnostics: [Diagnostic], orphanUses: [VariableUse]
  ) {
    var ctx = DecodeContext(source: SourceText(path: path, bytes: bytes))
    ctx.catalog = catalog
    guard let root = ctx.parse(bytes) else { return ([], ctx.diagnostics.diagnostics, []) }
    var scenarios: [Scenario] = []
    switch root.kind {
    case .array(let elements):
      if elements.isEmpty {
        ctx.error(
          "the file holds an empty array; write one scenario object or an array of them",
          at: root.offset, path: "$")
      }
      for (i, e) in elements.enumerated() {
        if let s = decodeScenario(e, path: "$[\(i)]", ctx: &ctx) { scenarios.append(s) }
      }
    case .object:
      if let s = decodeScenario(root, path: "$", ctx: &ctx) { scenarios.append(s) }
    default:
      ctx.error(
        "expected a scenario object or an array of them, found \(ctx.describe(root))",
        at: root.offset, path: "$")
    }
    return (scenarios, ctx.diagnostics.diagnostics, ctx.orphanUses)
  }

  static func decodeScenario(_ node: JSONNode, path: String, ctx: inout DecodeContext) -> Scenario?
  {
    let before = ctx.diagnostics.errorCount
    guard let m = ctx.members(of: node, path: path, allowed: scenarioFields, what: "a scenario")
    else { return nil }
    var uses: [VariableUse] = []

    var id: String?
    var idRef: SourceRef?
    if let n = m["id"]?.value {
      idRef = ctx.ref(n.offset)
      if let s = ctx.string(n, path: path + ".id", what: "an id") {
        if isValidID(s) {
          id = s
        } else {
          ctx.error(
            "id \"\(s)\" must match [a-z0-9][a-z0-9._/-]* (lower-case letters, digits, '.', '_', '/', '-')",
            at: n.offset, path: path + ".id")
        }
      }
    } else {
      ctx.missing(
        "id", in: m, allowed: scenarioFields, at: node.offset, path: path,
        hint: "a unique id such as \"auth.openai.models.bearer\"")
    }

    var summary: String?
    if let n = m["summary"]?.value {
      if let s = ctx.string(n, path: path + ".summary", what: "a one-line summary") {
        if s.trimmingWhitespace().isEmpty {
          ctx.error(
            "summary is empty; say in one line what the scenario checks", at: n.offset,
            path: path + ".summary")
        } else if s.utf8.contains(UInt8(ascii: "\n")) {
          ctx.error(
            "summary must be one line (it holds a line break)", at: n.offset,
            path: path + ".summary")
        } else {
          summary = s
        }
      }
    } else {
      ctx.missing(
        "summary", in: m, allowed: scenarioFields, at: node.offset, path: path,
        hint: "one line, shown in reports")
    }

    var tags: [String] = []
    if let n = m["tags"]?.value {
      if let elements = n.elements {
        for (i, t) in elements.enumerated() {
          let p = path + ".tags[\(i)]"
          guard let s = ctx.string(t, path: p, what: "a tag") else { continue }
          if s.isEmpty || s.contains(where: { $0 == " " || $0 == "," }) {
            ctx.error(
              "tag \"\(s)\" must be a non-empty word without spaces or commas", at: t.offset,
              path: p)
          } else if tags.contains(s) {
            ctx.error("tag \"\(s)\" is listed twice", at: t.offset, path: p)
          } else {
            tags.append(s)
          }
        }
      } else {
        ctx.error(
          "expected tags (an array of strings), found \(ctx.describe(n))", at: n.offset,
          path: path + ".tags")
      }
    }

    var family: Family?
    var familyNode: JSONNode?
    if let n = m["family"]?.value {
      familyNode = n
      family = ctx.oneOf(
        n, path: path + ".family", what: "family", allowed: ctx.catalog.families.map(\.family))
    }

    var timeoutMs: Int?
    if let n = m["timeoutMs"]?.value {
      timeoutMs = ctx.integer(
        n, path: path + ".timeoutMs", what: "a scenario time limit in milliseconds",
        range: 1...maxTimeoutMs)
    }

    var body: Scenario.Body?
    var firstPath: String?
    let hasRequest = m["request"] != nil
    let hasExpect = m["expect"] != nil
    if let steps = m["steps"] {
      if hasRequest || hasExpect {
        ctx.error(
          "a scenario has either 'request' and 'expect', or 'steps', not both", at: steps.keyOffset,
          path: path + ".steps")
      } else if let decoded = decodeSteps(
        steps.value, path: path + ".steps", ctx: &ctx, uses: &uses)
      {
        body = .steps(decoded)
        firstPath =
          decoded.lazy.compactMap { step -> String? in
            if case .request(let r) = step.kind { return r.request.path }
            return nil
          }.first
      }
    } else if hasRequest || hasExpect {
      let request = m["request"].flatMap {
        decodeRequest($0.value, path: path + ".request", ctx: &ctx, uses: &uses)
      }
      let expect = m["expect"].flatMap {
        decodeExpect($0.value, path: path + ".expect", ctx: &ctx, uses: &uses)
      }
      if !hasRequest {
        ctx.missing(
          "request", in: m, allowed: scenarioFields, at: node.offset, path: path,
          hint: "the request to send, beside 'expect'")
      }
      if !hasExpect {
        ctx.missing(
          "expect", in: m, allowed: scenarioFields, at: node.offset, path: path,
          hint: "what must come back, beside 'request'")
      }
      if let request, let expect {
        body = .exchange(Exchange(request: request, expect: expect))
        firstPath = request.path
      }
    } else if !ctx.typoCovers(["request", "expect", "steps"], in: m, allowed: scenarioFields) {
      ctx.error(
        "a scenario needs 'request' and 'expect' (one exchange) or 'steps'", at: node.offset,
        path: path)
    }

    if family == nil, familyNode == nil {
      family = firstPath.flatMap(ctx.catalog.family(forPath:))
    }
    // Each request's family: the written one, else its own path's, else the scenario's.
    let catalog = ctx.catalog
    let resolve = { (r: inout RequestSpec) in
      r.family = familyNode != nil ? family : catalog.family(forPath: r.path) ?? family
    }
    var requestPaths: [(spec: RequestSpec, path: String)] = []
    switch body {
    case .exchange(var e)?:
      resolve(&e.request)
      body = .exchange(e)
      requestPaths = [(e.request, path + ".request.path")]
    case .steps(var steps)?:
      for i in steps.indices {
        if case .request(var r) = steps[i].kind {
          resolve(&r.request)
          steps[i].kind = .request(r)
          requestPaths.append((r.request, path + ".steps[\(i)].request.path"))
        }
      }
      body = .steps(steps)
    case nil: break
    }
    // A request with auth "family" and no family to take its headers from cannot be built.
    if familyNode == nil,
      let bad = requestPaths.first(where: { $0.spec.auth == .family && $0.spec.family == nil })
    {
      ctx.diagnostics.error(
        "cannot infer the route family from path \"\(bad.spec.path)\" (no \(catalog.prefixList) prefix) and auth is \"family\"; set 'family' or an explicit 'auth'",
        at: bad.spec.pathRef ?? bad.spec.source, path: bad.path)
    }

    guard ctx.diagnostics.errorCount == before, let id, let summary, let body else {
      ctx.orphanUses += uses
      return nil
    }
    var s = Scenario(
      id: id, summary: summary, tags: tags, family: family, body: body, timeoutMs: timeoutMs,
      source: ctx.ref(node.offset))
    s.variableUses = uses
    s.idRef = idRef
    s.jsonPath = path
    s.familyIsExplicit = familyNode != nil
    return s
  }

  static func isValidID(_ s: String) -> Bool {
    guard let first = s.unicodeScalars.first,
      ("a"..."z").contains(first) || ("0"..."9").contains(first)
    else { return false }
    return s.unicodeScalars.allSatisfy {
      ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "_" || $0 == "/"
        || $0 == "-"
    }
  }

  static func decodeRequest(
    _ node: JSONNode, path: String, ctx: inout DecodeContext, uses: inout [VariableUse]
  ) -> RequestSpec? {
    let before = ctx.diagnostics.errorCount
    guard let m = ctx.members(of: node, path: path, allowed: requestFields, what: "a request")
    else { return nil }

    var method = "GET"
    if let n = m["method"]?.value {
      if let s = ctx.string(n, path: path + ".method", what: "an HTTP method") {
        if methods.contains(s) {
          method = s
        } else if methods.contains(s.uppercased()) {
          ctx.error(
            "method \"\(s)\" must be upper-case: \"\(s.uppercased())\"", at: n.offset,
            path: path + ".method")
        } else {
          ctx.error(
            "unknown method \"\(s)\"; expected one of GET, POST, PUT, PATCH, DELETE", at: n.offset,
            path: path + ".method")
        }
      }
    } else {
      ctx.missing(
        "method", in: m, allowed: requestFields, at: node.offset, path: path,
        hint: "GET, POST, PUT, PATCH or DELETE")
    }

    var urlPath = "/"
    var pathRef: SourceRef?
    if let n = m["path"]?.value {
      pathRef = ctx.ref(n.offset)
      if let s = ctx.string(n, path: path + ".path", what: "a path") {
        if !s.hasPrefix("/") && !s.hasPrefix("${") {
          ctx.error(
            "path \"\(s)\" must start with '/' (it is joined to the target's base URL)",
            at: n.offset, path: path + ".path")
        } else if s.contains(where: {
          $0 == " " || $0 == "#" || $0.asciiValue.map { $0 < 0x20 } == true
        }) {
          ctx.error(
            "path \"\(s)\" holds a space, '#' or a control character; percent-encode it",
            at: n.offset, path: path + ".path")
        } else {
          urlPath = s
          ctx.templateReferences(s, offset: n.offset, path: path + ".path", into: &uses)
        }
      }
    } else {
      ctx.missing(
        "path", in: m, allowed: requestFields, at: node.offset, path: path,
        hint: "such as \"/openai/v1/models\"")
    }

    var auth = AuthMode.family
    if let n = m["auth"]?.value,
      let a = ctx.oneOf(n, path: path + ".auth", what: "auth", as: AuthMode.self)
    {
      auth = a
    }
    var key = KeyKind.valid
    if let n = m["key"]?.value,
      let k = ctx.oneOf(n, path: path + ".key", what: "key", allowed: KeyKind.sendable)
    {
      key = k
    }
    if auth == .fixed(.none), let n = m["key"] {
      ctx.error(
        "'key' has no effect with auth \"none\" (no key is sent); remove it", at: n.keyOffset,
        path: path + ".key")
    }

    var headers: [(name: String, value: String?)] = []
    if let n = m["headers"]?.value {
      if let members = n.members {
        var seen: [String: Int] = [:]
        for h in members {
          let p = DecodeContext.child(path + ".headers", h.key)
          if !isToken(h.key) {
            ctx.error(
              "\"\(h.key)\" is not a valid header name (letters, digits and !#$%&'*+-.^_`|~)",
              at: h.keyOffset, path: p)
            continue
          }
          if let first = seen[h.key.lowercased()] {
            let at = ctx.ref(first)
            ctx.error(
              "header '\(h.key)' is set twice (first at line \(at.line), column \(at.column); header names are case-insensitive)",
              at: h.keyOffset, path: p)
            continue
          }
          seen[h.key.lowercased()] = h.keyOffset
          switch h.value.kind {
          case .string(let v):
            if v.contains(where: { $0 == "\r" || $0 == "\n" }) {
              ctx.error("header value must not hold a line break", at: h.value.offset, path: p)
            } else {
              ctx.templateReferences(v, offset: h.value.offset, path: p, into: &uses)
              headers.append((h.key, v))
            }
          case .null:
            headers.append((h.key, nil))
          default:
            ctx.error(
              "expected a header value (a string) or null (to remove a header the runner adds), found \(ctx.describe(h.value))",
              at: h.value.offset, path: p)
          }
        }
      } else {
        ctx.error(
          "expected headers (an object of name: value), found \(ctx.describe(n))", at: n.offset,
          path: path + ".headers")
      }
    }

    var body = RequestBody.none
    if let j = m["json"], let b = m["body"] {
      let second = j.keyOffset < b.keyOffset ? b : j
      ctx.error(
        "'json' and 'body' cannot both be set: 'json' sends a JSON value, 'body' sends a string byte for byte; keep one",
        at: second.keyOffset,
        path: path + "." + second.key)
    } else if let j = m["json"] {
      collectReferences(in: j.value, path: path + ".json", ctx: &ctx, uses: &uses)
      reportDuplicateKeys(in: j.value, path: path + ".json", ctx: &ctx)
      body = .json(j.value.value)
    } else if let b = m["body"]?.value {
      if let s = ctx.string(
        b, path: path + ".body", what: "a body sent byte for byte (use 'json' for a JSON value)")
      {
        ctx.templateReferences(s, offset: b.offset, path: path + ".body", into: &uses)
        body = .raw(s)
      }
    }

    var timeoutMs: Int?
    if let n = m["timeoutMs"]?.value {
      timeoutMs = ctx.integer(
        n, path: path + ".timeoutMs", what: "a request time limit in milliseconds",
        range: 1...maxTimeoutMs)
    }

    guard ctx.diagnostics.errorCount == before else { return nil }
    var spec = RequestSpec(
      method: method, path: urlPath, auth: auth, key: key, headers: headers, body: body,
      timeoutMs: timeoutMs, source: ctx.ref(node.offset))
    spec.pathRef = pathRef
    return spec
  }

  /// A JSON body with a repeated key cannot be sent as written (only the last value would go); say so.
  static func reportDuplicateKeys(in node: JSONNode, path: String, ctx: inout DecodeContext) {
    switch node.kind {
    case .object(let members):
      var seen: [String: Int] = [:]
      for m in members {
        let p = DecodeContext.child(path, m.key)
        if let first = seen[m.key] {
          let at = ctx.ref(first)
          ctx.error(
            "duplicate key '\(m.key)' in the request body (first at line \(at.line), column \(at.column)); only the last would be sent, so use 'body' to send duplicate keys byte for byte",
            at: m.keyOffset, path: p)
        } else {
          seen[m.key] = m.keyOffset
        }
        reportDuplicateKeys(in: m.value, path: p, ctx: &ctx)
      }
    case .array(let elements):
      for (i, e) in elements.enumerated() {
        reportDuplicateKeys(in: e, path: DecodeContext.child(path, i), ctx: &ctx)
      }
    default: break
    }
  }

  /// Records variable references in every string of a JSON body (keys are not substituted).
  static func collectReferences(
    in node: JSONNode, path: String, ctx: inout DecodeContext, uses: inout [VariableUse]
  ) {
    switch node.kind {
    case .string(let s): ctx.templateReferences(s, offset: node.offset, path: path, into: &uses)
    case .array(let a):
      for (i, e) in a.enumerated() {
        collectReferences(in: e, path: DecodeContext.child(path, i), ctx: &ctx, uses: &uses)
      }
    case .object(let members):
      for m in members {
        collectReferences(
          in: m.value, path: DecodeContext.child(path, m.key), ctx: &ctx, uses: &uses)
      }
    default: break
    }
  }

  static func isToken(_ s: String) -> Bool {
    !s.isEmpty
      && s.unicodeScalars.allSatisfy {
        ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
          || "!#$%&'*+-.^_`|~".unicodeScalars.contains($0)
      }
  }
}

extension String {
  func trimmingWhitespace() -> String {
    var s = Substring(self)
    while let f = s.first, f.isWhitespace { s.removeFirst() }
    while let l = s.last, l.isWhitespace { s.removeLast() }
    return String(s)
  }
}
