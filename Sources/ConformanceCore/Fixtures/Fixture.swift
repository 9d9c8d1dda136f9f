/// One recorded exchange: the request it answers (described by kinds, never by the key) and the answer.
public struct Fixture: Sendable {
  public var id: String
  public var note: String?
  public var source: SourceRef
  public var request: FixtureRequest
  public var response: FixtureResponse
  /// Callbacks the gateway would POST to the scenario's callback URL after this answer.
  public var callbacks: [FixtureCallback]
  /// For a task route: the id of the create fixture whose tasks this fixture answers (nil: any task).
  public var createdBy: String?
  /// For polled task routes: answers by the task's age (the last entry whose `afterMs` has passed is served);
  /// empty for a fixture with one answer.
  public var sequence: [TimedResponse] = []

  public init(
    id: String, note: String? = nil, source: SourceRef, request: FixtureRequest,
    response: FixtureResponse, callbacks: [FixtureCallback] = []
  ) {
    self.id = id
    self.note = note
    self.source = source
    self.request = request
    self.response = response
    self.callbacks = callbacks
  }
}

/// One answer of a sequence, served once the task is `afterMs` old, or once `afterRequests` earlier requests
/// for the task have been answered (deterministic, for tests).
public struct TimedResponse: Sendable {
  public var afterMs: Int
  public var afterRequests: Int?
  public var response: FixtureResponse

  public init(afterMs: Int = 0, afterRequests: Int? = nil, response: FixtureResponse) {
    self.afterMs = afterMs
    self.afterRequests = afterRequests
    self.response = response
  }
}

/// JSON with `"{{any}}"` wildcards, as fixture request bodies may hold them.
public enum JSONPattern {
  public static let wildcard = "{{any}}"

  public static func hasWildcard(_ v: JSONValue) -> Bool {
    switch v {
    case .string(let s): return s == wildcard
    case .array(let a): return a.contains(where: hasWildcard)
    case .object(let o): return o.members.contains { hasWildcard($0.value) }
    default: return false
    }
  }

  /// Whether a value matches the pattern: equal, with a wildcard standing for any value.
  public static func matches(_ pattern: JSONValue, _ value: JSONValue) -> Bool {
    switch (pattern, value) {
    case (.string(wildcard), _): return true
    case (.array(let p), .array(let v)):
      return p.count == v.count && zip(p, v).allSatisfy { matches($0, $1) }
    case (.object(let p), .object(let v)):
      return p.count == v.count
        && p.members.allSatisfy { m in v[m.key].map { matches(m.value, $0) } ?? false }
    default: return pattern == value
    }
  }
}

extension Fixture {
  /// The placeholder for a task id: in a request path or query it matches any value (and names the task); in
  /// an answer or callback it is replaced by the task's id, a fresh one for a create.
  public static let taskPlaceholder = "{{task_id}}"
}

/// What a request must look like for a fixture to answer it.
public struct FixtureRequest: Sendable {
  public var method: String
  public var path: String
  /// Query parameters, sorted, so order on the wire does not matter.
  public var query: [QueryItem]
  public var auth: AuthFamily
  public var key: KeyKind
  /// Headers that must have this value (or be absent, for nil); other headers are not compared.
  public var headers: [(name: String, value: String?)]
  public var body: FixtureBody

  public init(
    method: String, path: String, query: [QueryItem] = [], auth: AuthFamily, key: KeyKind,
    headers: [(name: String, value: String?)] = [],
    body: FixtureBody = .none
  ) {
    self.method = method
    self.path = path
    self.query = query.sorted()
    self.auth = auth
    self.key = key
    self.headers = headers
    self.body = body
  }

  public var target: String {
    query.isEmpty ? path : path + "?" + query.map(\.description).joined(separator: "&")
  }
}

/// A query parameter as written (not percent-decoded).
public struct QueryItem: Sendable, Hashable, Comparable, CustomStringConvertible {
  public var name: String
  public var value: String?

  public init(name: String, value: String?) {
    self.name = name
    self.value = value
  }

  public static func < (a: QueryItem, b: QueryItem) -> Bool {
    a.name != b.name ? a.name < b.name : (a.value ?? "") < (b.value ?? "")
  }

  public var description: String { value.map { "\(name)=\($0)" } ?? name }

  /// Splits a raw query string into items, sorted.
  public static func parse(_ query: String?) -> [QueryItem] {
    guard let query, !query.isEmpty else { return [] }
    return query.split(separator: "&", omittingEmptySubsequences: true).map { part in
      if let eq = part.firstIndex(of: "=") {
        return QueryItem(name: String(part[..<eq]), value: String(part[part.index(after: eq)...]))
      }
      return QueryItem(name: String(part), value: nil)
    }.sorted()
  }
}

/// The body a fixture expects.
public enum FixtureBody: Sendable, Equatable {
  /// No body.
  case none
  /// A JSON body, compared in canonical form (key order and whitespace do not matter).
  case json(JSONValue, canonical: String)
  /// A JSON body in which the string `"{{any}}"` matches any value at its place (a callback URL, a run id).
  case jsonPattern(JSONValue)
  /// Exact bytes.
  case raw([UInt8])
  /// Any body at all.
  case any

  public static func json(_ v: JSONValue) -> FixtureBody {
    JSONPattern.hasWildcard(v)
      ? .jsonPattern(v) : .json(v, canonical: JSONWriter.string(v, style: .canonical))
  }
}

/// The recorded answer.
public struct FixtureResponse: Sendable {
  public var status: Int
  public var headers: HTTPHeaders
  public var body: [UInt8]
  /// Milliseconds to wait before answering (replay honours it unless delays are switched off).
  public var delayMs: Int
  /// For streams: the body in pieces, each sent after its own delay; nil for a plain body.
  public var chunks: [FixtureChunk]?
  /// For streams cut short on purpose: the connection ends after the chunks without a proper end.
  public var truncate: Bool

  public init(
    status: Int, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = [], delayMs: Int = 0,
    chunks: [FixtureChunk]? = nil, truncate: Bool = false
  ) {
    self.status = status
    self.headers = headers
    self.body = body
    self.delayMs = delayMs
    self.chunks = chunks
    self.truncate = truncate
  }

  /// The whole body: the chunks joined, or the plain body.
  public var fullBody: [UInt8] {
    chunks.map { $0.flatMap(\.data) } ?? body
  }
}

/// A piece of a streamed body and the pause before it.
public struct FixtureChunk: Sendable, Equatable {
  public var delayMs: Int
  public var data: [UInt8]

  public init(delayMs: Int, data: [UInt8]) {
    self.delayMs = delayMs
    self.data = data
  }
}

/// A callback the gateway delivers after an answer: when (after the answer) and with what JSON body.
public struct FixtureCallback: Sendable {
  public var afterMs: Int
  public var body: JSONValue
  public var headers: HTTPHeaders

  public init(afterMs: Int, body: JSONValue, headers: HTTPHeaders = HTTPHeaders()) {
    self.afterMs = afterMs
    self.body = body
    self.headers = headers
  }
}
