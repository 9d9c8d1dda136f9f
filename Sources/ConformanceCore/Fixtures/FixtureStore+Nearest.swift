/// Naming the nearest fixture on a miss without weighing every fixture in full.
///
/// The nearest is the first fixture (in file order) with the least total weight of `differences(_:_:)`.
/// Fixtures are taken by route (method and path), nearest route first; within a route each fixture's weight
/// is added up part by part and abandoned once it exceeds the best so far, and whole routes are skipped once
/// their method and path alone weigh more. The body diff, the expensive part, is only computed for fixtures
/// still in the running, and only as far as can still matter. The answer is the one a full scan gives.
extension FixtureStore {
  /// The fixtures recorded for one method and path (as written, `{{task_id}}` included), in file order.
  struct RouteGroup: Sendable {
    var method: String
    var path: String
    var members: [Int]

    static func group(_ fixtures: [Fixture]) -> [RouteGroup] {
      var groups: [RouteGroup] = []
      var position: [String: Int] = [:]
      for (i, f) in fixtures.enumerated() {
        let key = f.request.method + " " + f.request.path
        if let g = position[key] {
          groups[g].members.append(i)
        } else {
          position[key] = groups.count
          groups.append(RouteGroup(method: f.request.method, path: f.request.path, members: [i]))
        }
      }
      return groups
    }
  }

  /// The position of the nearest fixture: least weight, then first in file order.
  func nearest(to r: SeenRequest) -> Int? {
    let routes = routeGroups.map { g -> (group: RouteGroup, weight: Int) in
      var w = g.method != r.method ? 4 : 0
      if Self.matchPath(g.path, r.path) == nil { w += 8 + Self.pathDistance(g.path, r.path) }
      return (g, w)
    }.sorted { $0.weight < $1.weight }
    var best: (index: Int, weight: Int)?
    for (group, routeWeight) in routes {
      if let best, routeWeight > best.weight { break }
      for i in group.members {
        let limit = best?.weight ?? Int.max
        guard let w = weight(fixtures[i].request, r, from: routeWeight, atMost: limit) else {
          continue
        }
        if best == nil || w < limit || (w == limit && i < (best?.index ?? Int.max)) {
          best = (i, w)
        }
      }
    }
    return best?.index
  }

  /// The total weight of `differences(f, r)` when it is at most `limit`, else nil; `base` is the method and
  /// path part, already known.
  func weight(_ f: FixtureRequest, _ r: SeenRequest, from base: Int, atMost limit: Int) -> Int? {
    var w = base
    if Self.matchQuery(f.query, r.query) == nil { w += 3 }
    if f.auth != r.auth { w += 2 }
    if f.key != r.key { w += 2 }
    if w > limit { return nil }
    for (name, value) in f.headers where r.headers[name] != value {
      w += 4
      if w > limit { return nil }
    }
    /// The weight of a JSON body that differs: 2 plus the places it differs in (at most 10 counted), each
    /// counted only while the total can still be within the limit.
    func bodyDiff(_ recorded: JSONValue, _ sent: JSONValue) -> Int? {
      let room = limit >= Int.max / 2 ? 10 : min(10, limit - w - 1)
      guard room >= 0 else { return nil }
      let total = w + 2 + JSONDiff.differences(recorded, sent, limit: room).count
      return total <= limit ? total : nil
    }
    switch f.body {
    case .any: break
    case .none: if !r.body.isEmpty { w += 3 }
    case .raw(let bytes): if bytes != r.body { w += 5 }
    case .jsonPattern(let pattern):
      guard let sent = r.json else {
        w += 3
        break
      }
      if !JSONPattern.matches(pattern, sent) { return bodyDiff(pattern, sent) }
    case .json(let value, let canonical):
      guard let sent = r.json else {
        w += 3
        break
      }
      if canonical != r.canonical { return bodyDiff(value, sent) }
    }
    return w <= limit ? w : nil
  }
}
