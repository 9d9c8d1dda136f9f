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
      // A large array (a generated suite in one file) is decoded on every core in slices, each with its own
      // context; the slices are joined in order, so scenarios and problems come out as from one pass.
      // Each slice starts from a copy of this context (source, catalog, any other setting); with elements
      // present it holds no problems yet, so every slice reports only its own.
      let template = ctx
      let slice = 64
      let parts = Parallel.map((elements.count + slice - 1) / slice, minimumPerWorker: 4) { k in
        var part = template
        var found: [Scenario] = []
        for i in k * slice..<min((k + 1) * slice, elements.count) {
          if let s = decodeScenario(elements[i], path: "$[\(i)]", ctx: &part) { found.append(s) }
        }
        return (found, part.diagnostics.diagnostics, part.orphanUses)
      }
      for (found, diagnostics, orphans) in parts {
        scenarios += found
        ctx.diagnostics.append(contentsOf: diagnostics)
        ctx.orphanUses += orphans
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
}
