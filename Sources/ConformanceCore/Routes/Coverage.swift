/// Which documented routes a suite covers, and with which cases: the coverage table of the README.
public enum Coverage {
  /// The cases every route should have at least.
  public static let requiredCases = ["success", "wrong-header-family", "missing-field"]

  public struct Row: Sendable, Equatable {
    public var route: Route
    public var scenarios: [String]
    /// Case names: `success`, `wrong-header-family`, `bad-key`, `missing-field`, `stream`, `async`, or a
    /// situation id for the other error rows.
    public var cases: Set<String>

    /// The required cases this route lacks (`missing-field` only where the route takes required input).
    public var missing: [String] { Coverage.required(for: route).filter { !cases.contains($0) } }
  }

  /// The cases a route needs: success and the wrong header family always; a missing required field where the
  /// route takes required input (every POST, and GET routes with a required query such as `taskId`).
  public static func required(for route: Route) -> [String] {
    route.method == "POST" || route.pattern.contains("/query/")
      ? requiredCases : ["success", "wrong-header-family"]
  }

  /// One row per documented route (in catalog order), plus the unpublished paths scenarios use.
  public static func compute(_ scenarios: [Scenario], catalog: RouteCatalog = .anyint) -> (
    rows: [Row], unpublished: [(path: String, scenarios: [String])]
  ) {
    var rows = catalog.routes.map { Row(route: $0, scenarios: [], cases: []) }
    var unpublished: [String: [String]] = [:]
    for s in scenarios {
      for (request, expect, isPoll) in requests(of: s) {
        guard
          let i = rows.firstIndex(where: {
            $0.route.method == request.method && $0.route.matches(path: request.path)
          })
        else {
          let path = request.path.split(separator: "?").first.map(String.init) ?? request.path
          // Ids are unique in a suite, so this scenario can only be the last one listed (a scan of the
          // whole list made coverage of a large suite quadratic).
          if unpublished[path]?.last != s.id { unpublished[path, default: []].append(s.id) }
          continue
        }
        if rows[i].scenarios.last != s.id { rows[i].scenarios.append(s.id) }
        rows[i].cases.formUnion(
          cases(
            request: request, expect: expect, documented: catalog.profile(request.family)?.auth,
            isPoll: isPoll))
      }
    }
    return (rows, unpublished.keys.sorted().map { ($0, unpublished[$0] ?? []) })
  }

  static func requests(of s: Scenario) -> [(RequestSpec, ScenarioExpectation?, Bool)] {
    switch s.body {
    case .exchange(let e): return [(e.request, e.expect, false)]
    case .steps(let steps):
      return steps.compactMap { step in
        if case .request(let r) = step.kind { return (r.request, r.expect, r.poll != nil) }
        return nil
      }
    }
  }

  static func cases(
    request: RequestSpec, expect: ScenarioExpectation?, documented: AuthScheme?, isPoll: Bool
  ) -> Set<String> {
    var out = Set<String>()
    if isPoll { out.insert("async") }
    guard let expect else { return out.union(isPoll ? ["success"] : []) }
    if expect.stream != nil { out.insert("stream") }
    let situation = expect.situation?.value
    let status = expect.status?.value
    if situation == .success
      || status.map({
        if case .statusClass(2) = $0 { return true }
        if case .codes(let c) = $0 { return c.allSatisfy { (200..<300).contains($0) } }
        return false
      }) == true
    {
      out.insert("success")
    }
    if situation == .invalidAPIKey || status == .codes([401]) {
      // A fixed header family other than the documented one (`both` included); `none` is a bad key.
      var wrongFamily = false
      if case .fixed(let f) = request.auth {
        wrongFamily = f != .none && f != documented?.family
      }
      out.insert(wrongFamily ? "wrong-header-family" : "bad-key")
    }
    if situation == .invalidRequest || status == .codes([400]) { out.insert("missing-field") }
    if let s = situation, ![.success, .invalidAPIKey, .invalidRequest].contains(s) {
      out.insert(s.rawValue)
    }
    return out
  }

  /// The table as Markdown.
  public static func markdown(_ rows: [Row], unpublished: [(path: String, scenarios: [String])])
    -> String
  {
    var out =
      "| route | family | scenarios | success | wrong header family | missing field | other cases |\n|---|---|---|---|---|---|---|\n"
    for r in rows {
      let needed = required(for: r.route)
      let mark = { (c: String) in r.cases.contains(c) ? "✅" : needed.contains(c) ? "—" : "n/a" }
      let other = r.cases.subtracting(requiredCases).sorted().joined(separator: ", ")
      out +=
        "| `\(r.route.method) \(r.route.pattern)` | \(r.route.family.rawValue) | \(r.scenarios.count) | \(mark("success")) | \(mark("wrong-header-family")) | \(mark("missing-field")) | \(other) |\n"
    }
    for u in unpublished {
      out +=
        "| `\(u.path)` (not published) | - | \(u.scenarios.count) | | | | unpublished route |\n"
    }
    return out
  }
}
