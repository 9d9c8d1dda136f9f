/// The route family table and the documented routes: what tells a 404 for an unpublished route from one for a
/// model, which headers a request gets, which requests create tasks, and what the coverage table lists.
///
/// `RouteCatalog.anyint` is AnyInt's (`../shared/anyint/contract.md`); `adding(_:routes:)` extends it with a
/// family of another gateway (or one a test makes up) without touching any other code.
public struct RouteCatalog: Sendable {
  /// The families, in the order prefixes are tried.
  public private(set) var families: [FamilyProfile]
  /// The routes, in the order the coverage table lists them.
  public private(set) var routes: [Route]

  public init(families: [FamilyProfile], routes: [Route]) {
    self.families = families
    self.routes = routes
  }

  /// The catalog with one more family and its routes.
  public func adding(_ family: FamilyProfile, routes more: [Route]) -> RouteCatalog {
    RouteCatalog(families: families + [family], routes: routes + more)
  }

  /// The headers that carry a key: AnyInt's Bearer and x-api-key, and any other scheme a family documents.
  public var schemes: [AuthScheme] {
    var out = AuthScheme.standard
    for f in families where !out.contains(f.auth) { out.append(f.auth) }
    return out
  }

  /// What a family documents; nil for a family the catalog does not know.
  public func profile(_ family: Family?) -> FamilyProfile? {
    guard let family else { return nil }
    return families.first { $0.family == family }
  }

  /// The family a path belongs to by its prefix; nil when no family claims the prefix.
  public func family(forPath path: String) -> Family? {
    families.first { f in f.prefixes.contains { path.hasPrefix($0) } }?.family
  }

  /// The prefixes in words, for messages: `/openai/, /anthropic/ or /suno/`.
  public var prefixList: String {
    let all = families.flatMap(\.prefixes)
    guard let last = all.last else { return "" }
    return all.count == 1 ? last : all.dropLast().joined(separator: ", ") + " or " + last
  }

  /// The documented route a request goes to, if any; the method must match too.
  public func route(method: String, path: String) -> Route? {
    routes.first { $0.method == method.uppercased() && $0.matches(path: path) }
  }

  /// Whether a request creates an async task: a request that must never be sent twice for one task.
  public func isTaskCreate(method: String, path: String) -> Bool {
    route(method: method, path: path)?.createsTask ?? false
  }

  /// Whether any documented route has this path, whatever its method.
  public func isPublishedPath(_ path: String) -> Bool {
    routes.contains { $0.matches(path: path) }
  }

  /// A harmless body for probing a path: the first family's body for the path's ending, else `{}`.
  public func probeBody(path: String, variables: [String: String]) -> JSONValue {
    for f in families {
      if let b = f.probeBodies.first(where: { $0.matches(path) }) {
        return b.render(variables: variables)
      }
    }
    return [:]
  }

}
