import Foundation

/// The outcome of looking a request up.
public enum FixtureMatch: Sendable {
  case hit(Fixture)
  /// No fixture fits; the message names the nearest one and what differed.
  case miss(String)
}

/// The recorded exchanges of a fixture set, looked up by request. Knows nothing about how requests arrive.
public struct FixtureStore: Sendable {
  public let fixtures: [Fixture]
  private let byRoute: [String: Route]
  /// Fixtures whose path holds `{{task_id}}`, with the literal path before the placeholder, tried after the
  /// exact-path ones when the request path starts with that prefix.
  private let templated: [(method: String, prefix: String, index: Int)]
  /// Whether each fixture's answer mentions `{{task_id}}` (a create that mints tasks); computed once.
  let mintsTasks: [Bool]
  /// Fixtures by method and path as written (templated ones too), for naming the nearest on a miss.
  let routeGroups: [RouteGroup]

  /// The fixtures of one method and exact path. Those recorded with a JSON body are indexed by its canonical
  /// form (a request can only fit the ones whose body it sends), so a recorded suite with thousands of
  /// bodies on one route is not scanned whole for every request.
  private struct Route {
    var byBody: [String: [Int]] = [:]
    /// Fixtures matching bodies some other way (any, none, raw bytes, a pattern).
    var others: [Int] = []

    /// The positions of the fixtures that may fit a body, in file order.
    func candidates(canonical: String?) -> [Int] {
      guard let canonical, let same = byBody[canonical] else { return others }
      if others.isEmpty { return same }
      var out: [Int] = []
      out.reserveCapacity(same.count + others.count)
      var (i, j) = (0, 0)
      while i < same.count || j < others.count {
        if j == others.count || (i < same.count && same[i] < others[j]) {
          out.append(same[i])
          i += 1
        } else {
          out.append(others[j])
          j += 1
        }
      }
      return out
    }
  }

  public init(fixtures: [Fixture]) {
    self.fixtures = fixtures
    var index: [String: Route] = [:]
    var templated: [(method: String, prefix: String, index: Int)] = []
    for (i, f) in fixtures.enumerated() {
      if let cut = f.request.path.firstByteOffset(of: Fixture.taskPlaceholder) {
        templated.append(
          (f.request.method, String(decoding: f.request.path.utf8.prefix(cut), as: UTF8.self), i))
      } else if case .json(_, let canonical) = f.request.body {
        index[f.request.method + " " + f.request.path, default: Route()].byBody[
          canonical, default: []
        ].append(i)
      } else {
        index[f.request.method + " " + f.request.path, default: Route()].others.append(i)
      }
    }
    byRoute = index
    self.templated = templated
    routeGroups = RouteGroup.group(fixtures)
    mintsTasks = fixtures.map(\.mentionsTask)
  }

  /// The fixture that answers a request: among those that fit, the one with most header conditions, then the
  /// first in file order.
  public func match(_ request: HTTPRequest, keys: KeyClassifier) -> FixtureMatch {
    switch lookup(request, keys: keys) {
    case .success(let hit): return .hit(hit.fixture)
    case .failure(let miss): return .miss(miss.message)
    }
  }

  /// A miss, with the message naming the nearest fixture.
  public struct Miss: Error, Sendable {
    public var message: String

    /// How a missing fixture gets added, said at the end of every miss.
    public static let howToAdd =
      ". To add one: record it from a gateway ('anyint-conformance record --fixtures DIR'), or write a fixture file as Fixtures/README.md describes"
  }

  /// Like `match`, also giving the task id a `{{task_id}}` in the fixture's path or query matched.
  public func lookup(_ request: HTTPRequest, keys: KeyClassifier, session: FixtureSession? = nil)
    -> Result<(fixture: Fixture, taskID: String?), Miss>
  {
    find(request, keys: keys, session: session).map { (fixtures[$0.index], $0.taskID) }
  }

  /// `lookup` by position in `fixtures`.
  func find(_ request: HTTPRequest, keys: KeyClassifier, session: FixtureSession?) -> Result<
    (index: Int, taskID: String?), Miss
  > {
    let seen = SeenRequest(request, keys: keys)
    var best: (Int, String?)?
    var bestScore = -1
    let method = request.method.uppercased()
    let exact = byRoute[method + " " + request.path]?.candidates(canonical: seen.canonical) ?? []
    let path = seen.path
    let candidates =
      exact.lazy
      + templated.lazy.filter { $0.method == method && path.hasPrefix($0.prefix) }.map(\.index)
    for i in candidates {
      let f = fixtures[i]
      guard let captured = fitting(f.request, seen) else { continue }
      // A fixture for tasks of one create only answers tasks that create minted.
      if let creator = f.createdBy, let task = captured.taskID,
        session?.creator(of: task) != creator
      {
        continue
      }
      let score = f.request.headers.count + (f.createdBy != nil ? 1 : 0)
      if score > bestScore {
        best = (i, captured.taskID)
        bestScore = score
      }
    }
    if let best { return .success((best.0, best.1)) }
    return .failure(Miss(message: explainMiss(seen) + Miss.howToAdd))
  }

  /// A request reduced to what fixtures match on.
  struct SeenRequest {
    var method: String
    var path: String
    var query: [QueryItem]
    var auth: AuthFamily
    var key: KeyKind
    var headers: HTTPHeaders
    var body: [UInt8]
    var json: JSONValue?
    var canonical: String?

    init(_ r: HTTPRequest, keys: KeyClassifier) {
      method = r.method.uppercased()
      path = r.path
      query = QueryItem.parse(r.query)
      auth = KeyClassifier.authFamily(of: r.headers)
      key = keys.keyKind(of: r.headers)
      headers = r.headers
      body = r.body
      json = r.body.isEmpty ? nil : try? JSONParser.parse(r.body)
      canonical = json.map { JSONWriter.string($0, style: .canonical) }
    }

    var summary: String {
      let target =
        query.isEmpty ? path : path + "?" + query.map(\.description).joined(separator: "&")
      return "\(method) \(target) (auth \(auth.rawValue), key \(key.rawValue))"
    }
  }

  /// What a fitting fixture's placeholders matched.
  struct Captured {
    var taskID: String?
  }

  /// Whether a fixture answers a request (the quick form of `differences(_:_:).isEmpty`), with the value a
  /// `{{task_id}}` placeholder matched; nil when it does not fit.
  func fitting(_ f: FixtureRequest, _ r: SeenRequest) -> Captured? {
    guard f.method == r.method, f.auth == r.auth, f.key == r.key else { return nil }
    guard let path = Self.matchPath(f.path, r.path), let query = Self.matchQuery(f.query, r.query)
    else { return nil }
    for (name, value) in f.headers where r.headers[name] != value { return nil }
    switch f.body {
    case .any: break
    case .none: if !r.body.isEmpty { return nil }
    case .raw(let bytes): if bytes != r.body { return nil }
    case .json(_, let canonical): if canonical != r.canonical { return nil }
    case .jsonPattern(let pattern):
      if !(r.json.map { JSONPattern.matches(pattern, $0) } ?? false) { return nil }
    }
    return Captured(taskID: path.taskID ?? query.taskID)
  }

  /// Matches a fixture path (which may hold `{{task_id}}` within a segment) against a sent path.
  static func matchPath(_ pattern: String, _ path: String) -> Captured? {
    guard pattern.containsBytes(Fixture.taskPlaceholder) else {
      return pattern == path ? Captured(taskID: nil) : nil
    }
    let want = pattern.split(separator: "/", omittingEmptySubsequences: false)
    let have = path.split(separator: "/", omittingEmptySubsequences: false)
    guard want.count == have.count else { return nil }
    var captured: String?
    for (w, h) in zip(want, have) {
      if w == h { continue }
      let segment = String(w)
      guard let cut = segment.firstByteOffset(of: Fixture.taskPlaceholder) else { return nil }
      let prefix = segment.utf8.prefix(cut)
      let suffix = segment.utf8.dropFirst(cut + Fixture.taskPlaceholder.utf8.count)
      let have = h.utf8
      guard have.starts(with: prefix), have.reversed().starts(with: suffix.reversed()),
        have.count > prefix.count + suffix.count
      else { return nil }
      captured = String(
        decoding: have.dropFirst(prefix.count).dropLast(suffix.count), as: UTF8.self)
    }
    return Captured(taskID: captured)
  }

  /// How far apart two paths are, for naming the nearest fixture: the segments after their common prefix,
  /// so `/openai/v1/models` is nearer to `/openai/v1/model` than `/dashscope/v1/tasks/{{task_id}}` is.
  static func pathDistance(_ a: String, _ b: String) -> Int {
    let x = a.split(separator: "/")
    let y = b.split(separator: "/")
    let common = zip(x, y).prefix { $0 == $1 }.count
    return max(x.count, y.count) - common
  }

  /// Matches fixture query items against sent ones, as sets; a `{{task_id}}` value matches any value.
  static func matchQuery(_ pattern: [QueryItem], _ query: [QueryItem]) -> Captured? {
    guard pattern.count == query.count else { return nil }
    if !pattern.contains(where: { $0.value == Fixture.taskPlaceholder }) {
      return pattern == query ? Captured(taskID: nil) : nil
    }
    var remaining = query
    var captured: String?
    for item in pattern {
      if item.value == Fixture.taskPlaceholder {
        guard let i = remaining.firstIndex(where: { $0.name == item.name }) else { return nil }
        captured = remaining[i].value
        remaining.remove(at: i)
      } else {
        guard let i = remaining.firstIndex(of: item) else { return nil }
        remaining.remove(at: i)
      }
    }
    return Captured(taskID: captured)
  }

  /// What differs between a fixture's request and a seen request, with weights for picking the nearest.
  func differences(_ f: FixtureRequest, _ r: SeenRequest) -> [(weight: Int, text: String)] {
    var out: [(Int, String)] = []
    if f.method != r.method { out.append((4, "method: recorded \(f.method), sent \(r.method)")) }
    if Self.matchPath(f.path, r.path) == nil {
      out.append(
        (8 + Self.pathDistance(f.path, r.path), "path: recorded \(f.path), sent \(r.path)"))
    }
    if Self.matchQuery(f.query, r.query) == nil {
      let rec = f.query.isEmpty ? "none" : f.query.map(\.description).joined(separator: "&")
      let sent = r.query.isEmpty ? "none" : r.query.map(\.description).joined(separator: "&")
      out.append((3, "query: recorded \(rec), sent \(sent)"))
    }
    if f.auth != r.auth {
      out.append((2, "auth header: recorded \(f.auth.rawValue), sent \(r.auth.rawValue)"))
    }
    if f.key != r.key { out.append((2, "key: recorded \(f.key.rawValue), sent \(r.key.rawValue)")) }
    for (name, value) in f.headers {
      let sent = r.headers[name]
      if sent != value {
        out.append(
          (
            4,
            "header \(name): recorded \(value.map(JSONWriter.quoted) ?? "absent"), sent \(sent.map(JSONWriter.quoted) ?? "absent")"
          ))
      }
    }
    switch f.body {
    case .any: break
    case .none:
      if !r.body.isEmpty { out.append((3, "body: recorded none, sent \(r.body.count) bytes")) }
    case .raw(let bytes):
      if bytes != r.body {
        out.append((5, "body: recorded \(excerpt(bytes)), sent \(excerpt(r.body))"))
      }
    case .jsonPattern(let pattern):
      if let sent = r.json {
        if !JSONPattern.matches(pattern, sent) {
          let diffs = JSONDiff.differences(pattern, sent, limit: 10)
          out.append(
            (
              2 + diffs.count,
              "body " + (diffs.isEmpty ? "differs" : diffs.prefix(3).joined(separator: "; "))
            ))
        }
      } else {
        out.append(
          (
            3,
            "body: recorded JSON, sent \(r.body.isEmpty ? "no body" : "non-JSON " + excerpt(r.body))"
          ))
      }
    case .json(let value, let canonical):
      if let sent = r.json {
        if canonical != r.canonical {
          // Weigh by how many places differ, so the recording that differs least is named.
          let diffs = JSONDiff.differences(value, sent, limit: 10)
          let shown = diffs.prefix(3).joined(separator: "; ") + (diffs.count > 3 ? "; ..." : "")
          out.append((2 + diffs.count, "body " + (diffs.isEmpty ? "differs" : shown)))
        }
      } else {
        out.append(
          (
            3,
            "body: recorded JSON, sent \(r.body.isEmpty ? "no body" : "non-JSON " + excerpt(r.body))"
          ))
      }
    }
    return out
  }

  func explainMiss(_ r: SeenRequest) -> String {
    guard !fixtures.isEmpty else {
      return "no fixture answers \(r.summary): the fixture set is empty"
    }
    guard let i = nearest(to: r) else { return "no fixture answers \(r.summary)" }
    let f = fixtures[i]
    let d = differences(f.request, r)
    return
      "no fixture answers \(r.summary); nearest is \"\(f.id)\" (\(f.source)), which differs in "
      + d.map(\.text).joined(separator: "; ")
  }

  private func excerpt(_ bytes: [UInt8]) -> String {
    let s = String(decoding: bytes.prefix(60), as: UTF8.self)
    return JSONWriter.quoted(bytes.count > 60 ? s + "..." : s)
  }
}

/// Where two JSON values differ, as `at $.path: recorded X, sent Y` lines.
public enum JSONDiff {
  public static func differences(_ a: JSONValue, _ b: JSONValue, limit: Int) -> [String] {
    var out: [String] = []
    walk(a, b, path: "$", out: &out, limit: limit)
    return out
  }

  private static func walk(
    _ a: JSONValue, _ b: JSONValue, path: String, out: inout [String], limit: Int
  ) {
    guard out.count < limit, a != b, a != .string(JSONPattern.wildcard) else { return }
    switch (a, b) {
    case (.object(let x), .object(let y)):
      for m in x.members {
        if let other = y[m.key] {
          walk(m.value, other, path: DecodeContext.child(path, m.key), out: &out, limit: limit)
        } else if out.count < limit {
          out.append(
            "at \(DecodeContext.child(path, m.key)): recorded \(Matcher.describe(m.value)), sent absent"
          )
        }
      }
      for m in y.members where x[m.key] == nil && out.count < limit {
        out.append(
          "at \(DecodeContext.child(path, m.key)): recorded absent, sent \(Matcher.describe(m.value))"
        )
      }
    case (.array(let x), .array(let y)) where x.count == y.count:
      for (i, (p, q)) in zip(x, y).enumerated() {
        walk(p, q, path: path + "[\(i)]", out: &out, limit: limit)
      }
    default:
      out.append("at \(path): recorded \(Matcher.describe(a)), sent \(Matcher.describe(b))")
    }
  }
}
