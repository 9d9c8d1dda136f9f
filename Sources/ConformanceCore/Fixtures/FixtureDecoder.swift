/// Reads fixture files (`*.fixture.json`): one fixture object or an array of them. See `Fixtures/README.md`.
public enum FixtureDecoder {
  static let fixtureFields = [
    "id", "note", "request", "response", "sequence", "callbacks", "createdBy",
  ]
  static let sequenceFields = ["afterMs", "afterRequests", "response"]
  static let requestFields = [
    "method", "path", "auth", "key", "headers", "json", "body", "anyBody",
  ]
  static let responseFields = [
    "status", "headers", "json", "body", "chunks", "delayMs", "truncate",
  ]
  static let chunkFields = ["delayMs", "data", "event", "json"]
  static let callbackFields = ["afterMs", "json", "headers"]

  public static func decode(path: String, bytes: [UInt8], catalog: RouteCatalog = .anyint) -> (
    fixtures: [Fixture], diagnostics: [Diagnostic]
  ) {
    var ctx = DecodeContext(source: SourceText(path: path, bytes: bytes))
    ctx.catalog = catalog
    guard let root = ctx.parse(bytes) else { return ([], ctx.diagnostics.diagnostics) }
    var out: [Fixture] = []
    if let elements = root.elements {
      for (i, e) in elements.enumerated() {
        if let f = decodeFixture(e, path: "$[\(i)]", ctx: &ctx) { out.append(f) }
      }
    } else if let f = decodeFixture(root, path: "$", ctx: &ctx) {
      out.append(f)
    }
    return (out, ctx.diagnostics.diagnostics)
  }

  static func decodeFixture(_ node: JSONNode, path: String, ctx: inout DecodeContext) -> Fixture? {
    let before = ctx.diagnostics.errorCount
    guard let m = ctx.members(of: node, path: path, allowed: fixtureFields, what: "a fixture")
    else { return nil }
    var id = ""
    if let n = m["id"]?.value {
      if let s = ctx.string(n, path: path + ".id", what: "a fixture id") { id = s }
    } else {
      ctx.error("missing required field 'id'", at: node.offset, path: path)
    }
    var note: String?
    if let n = m["note"]?.value { note = ctx.string(n, path: path + ".note", what: "a note") }
    var request: FixtureRequest?
    if let n = m["request"]?.value {
      request = decodeRequest(n, path: path + ".request", ctx: &ctx)
    } else {
      ctx.error(
        "missing required field 'request' (what the fixture answers)", at: node.offset, path: path)
    }
    var response: FixtureResponse?
    var sequence: [TimedResponse] = []
    if m["response"] != nil && m["sequence"] != nil {
      ctx.error(
        "set either 'response' (one answer) or 'sequence' (answers by task age), not both",
        at: node.offset, path: path)
    } else if let n = m["response"]?.value {
      response = decodeResponse(n, path: path + ".response", ctx: &ctx)
    } else if let n = m["sequence"]?.value {
      sequence = decodeSequence(n, path: path + ".sequence", ctx: &ctx)
      response = sequence.first?.response
    } else {
      ctx.missing(
        "response", in: m, allowed: fixtureFields, at: node.offset, path: path,
        hint: "the recorded answer, or 'sequence' for answers by task age")
    }
    var callbacks: [FixtureCallback] = []
    if let n = m["callbacks"]?.value {
      if let elements = n.elements {
        for (i, c) in elements.enumerated() {
          if let cb = decodeCallback(c, path: path + ".callbacks[\(i)]", ctx: &ctx) {
            callbacks.append(cb)
          }
        }
      } else {
        ctx.error(
          "expected callbacks (an array), found \(ctx.describe(n))", at: n.offset,
          path: path + ".callbacks")
      }
    }
    guard ctx.diagnostics.errorCount == before, let request, let response else { return nil }
    var fixture = Fixture(
      id: id, note: note, source: ctx.ref(node.offset), request: request, response: response,
      callbacks: callbacks)
    fixture.sequence = sequence
    if let n = m["createdBy"]?.value {
      fixture.createdBy = ctx.string(
        n, path: path + ".createdBy", what: "the id of the create fixture whose tasks this answers")
      if !(request.path + request.query.map(\.description).joined()).contains(
        Fixture.taskPlaceholder)
      {
        ctx.error(
          "'createdBy' needs a {{task_id}} in the request path or query (the task it answers)",
          at: n.offset, path: path + ".createdBy")
        return nil
      }
    }
    return fixture
  }

  /// `[{"afterMs": 0, "response": {...}}, ...]`, in increasing `afterMs`, starting at 0.
  static func decodeSequence(_ node: JSONNode, path: String, ctx: inout DecodeContext)
    -> [TimedResponse]
  {
    guard let elements = node.elements, !elements.isEmpty else {
      ctx.error(
        "expected a sequence (a non-empty array of {afterMs, response}), found \(ctx.describe(node))",
        at: node.offset, path: path)
      return []
    }
    var out: [TimedResponse] = []
    for (i, e) in elements.enumerated() {
      let p = path + "[\(i)]"
      guard let m = ctx.members(of: e, path: p, allowed: sequenceFields, what: "a sequence entry")
      else { continue }
      var entry = TimedResponse(response: FixtureResponse(status: 200))
      if m["afterMs"] != nil && m["afterRequests"] != nil {
        ctx.error(
          "an entry has 'afterMs' (task age) or 'afterRequests' (requests answered before), not both",
          at: e.offset, path: p)
      }
      if let n = m["afterRequests"]?.value {
        entry.afterRequests =
          ctx.integer(
            n, path: p + ".afterRequests", what: "a count of earlier requests", range: 0...1_000_000
          ) ?? 0
      } else if let n = m["afterMs"]?.value {
        entry.afterMs =
          ctx.integer(
            n, path: p + ".afterMs", what: "a task age in milliseconds", range: 0...86_400_000) ?? 0
      }
      if let last = out.last {
        if (last.afterRequests == nil) != (entry.afterRequests == nil) {
          ctx.error(
            "a sequence uses 'afterMs' or 'afterRequests' throughout, not both", at: e.offset,
            path: p)
        } else if let a = entry.afterRequests, let b = last.afterRequests, a <= b {
          ctx.error(
            "afterRequests must increase along the sequence (\(a) after \(b))", at: e.offset,
            path: p + ".afterRequests")
        } else if entry.afterRequests == nil, entry.afterMs <= last.afterMs {
          ctx.error(
            "afterMs must increase along the sequence (\(entry.afterMs) after \(last.afterMs))",
            at: e.offset, path: p + ".afterMs")
        }
      } else if entry.afterMs != 0 || (entry.afterRequests ?? 0) != 0 {
        ctx.error(
          "the first entry of a sequence must start at 0 (what a new task answers)", at: e.offset,
          path: p)
      }
      guard let r = m["response"]?.value else {
        ctx.missing(
          "response", in: m, allowed: sequenceFields, at: e.offset, path: p,
          hint: "the answer served from afterMs on")
        continue
      }
      if let response = decodeResponse(r, path: p + ".response", ctx: &ctx) {
        entry.response = response
        out.append(entry)
      }
    }
    return out
  }

  static func decodeRequest(_ node: JSONNode, path: String, ctx: inout DecodeContext)
    -> FixtureRequest?
  {
    let before = ctx.diagnostics.errorCount
    guard
      let m = ctx.members(of: node, path: path, allowed: requestFields, what: "a fixture request")
    else { return nil }
    var method = "GET"
    if let n = m["method"]?.value,
      let s = ctx.string(n, path: path + ".method", what: "an HTTP method")
    {
      method = s.uppercased()
    } else if m["method"] == nil {
      ctx.error("missing required field 'method'", at: node.offset, path: path)
    }
    var target = "/"
    if let n = m["path"]?.value, let s = ctx.string(n, path: path + ".path", what: "a path") {
      if s.hasPrefix("/") {
        target = s
      } else {
        ctx.error("path must start with '/'", at: n.offset, path: path + ".path")
      }
    } else if m["path"] == nil {
      ctx.error("missing required field 'path'", at: node.offset, path: path)
    }
    let split = HTTPRequest(method: method, target: target)
    let family = ctx.catalog.profile(ctx.catalog.family(forPath: split.path))
    var auth = family?.auth.family ?? .bearer
    if let n = m["auth"]?.value,
      let a = ctx.oneOf(
        n, path: path + ".auth", what: "auth",
        allowed: AuthFamily.recognised(among: ctx.catalog.schemes))
    {
      auth = a
    }
    var key: KeyKind = auth == .none ? .none : .valid
    if let n = m["key"]?.value,
      let k = ctx.oneOf(n, path: path + ".key", what: "key kind", as: KeyKind.self)
    {
      key = k
    }
    if (auth == .none) != (key == .none) {
      ctx.error(
        "auth \"\(auth.rawValue)\" and key \"\(key.rawValue)\" disagree: a request without auth headers has key \"none\", and only such a request does",
        at: node.offset, path: path)
    }
    var headers: [(name: String, value: String?)] = []
    if let n = m["headers"]?.value {
      if let members = n.members {
        for h in members {
          let lower = h.key.lowercased()
          if AuthScheme.isKeyHeader(lower, among: ctx.catalog.schemes) {
            ctx.error(
              "'\(h.key)' must not be recorded: fixtures describe the key by 'auth' and 'key' only",
              at: h.keyOffset, path: path + ".headers")
            continue
          }
          switch h.value.kind {
          case .string(let v)
          where v.unicodeScalars.contains(where: ScenarioDecoder.isForbiddenInHeaderValue):
            ctx.error(
              "header value must not hold a line break or other control character; a header is sent on one line",
              at: h.value.offset, path: DecodeContext.child(path + ".headers", h.key))
          case .string(let v): headers.append((lower, v))
          case .null: headers.append((lower, nil))
          default:
            ctx.error(
              "expected a header value (a string) or null (must be absent)", at: h.value.offset,
              path: DecodeContext.child(path + ".headers", h.key))
          }
        }
      } else {
        ctx.error("expected headers (an object)", at: n.offset, path: path + ".headers")
      }
    }
    var body = FixtureBody.none
    let bodyKeys = ["json", "body", "anyBody"].filter { m[$0] != nil }
    if bodyKeys.count > 1 {
      ctx.error("set only one of 'json', 'body' and 'anyBody'", at: node.offset, path: path)
    } else if let n = m["json"]?.value {
      body = FixtureBody.json(n.value)
    } else if let n = m["body"]?.value,
      let s = ctx.string(n, path: path + ".body", what: "a raw body")
    {
      body = .raw(Array(s.utf8))
    } else if let n = m["anyBody"]?.value {
      if case .bool(true) = n.kind {
        body = .any
      } else {
        ctx.error("'anyBody' takes true", at: n.offset, path: path + ".anyBody")
      }
    }
    guard ctx.diagnostics.errorCount == before else { return nil }
    return FixtureRequest(
      method: method, path: split.path, query: QueryItem.parse(split.query), auth: auth, key: key,
      headers: headers, body: body)
  }

  static func decodeResponse(_ node: JSONNode, path: String, ctx: inout DecodeContext)
    -> FixtureResponse?
  {
    let before = ctx.diagnostics.errorCount
    guard
      let m = ctx.members(of: node, path: path, allowed: responseFields, what: "a fixture response")
    else { return nil }
    var status = 200
    if let n = m["status"]?.value {
      status =
        ctx.integer(n, path: path + ".status", what: "an HTTP status", range: 100...599) ?? 200
    } else {
      ctx.error("missing required field 'status'", at: node.offset, path: path)
    }
    var headers = HTTPHeaders()
    if let n = m["headers"]?.value {
      if let members = n.members {
        for h in members {
          if let v = ctx.string(
            h.value, path: DecodeContext.child(path + ".headers", h.key), what: "a header value")
          {
            // A line break would let a fixture forge header fields (mock serve would drop the field).
            if v.unicodeScalars.contains(where: ScenarioDecoder.isForbiddenInHeaderValue) {
              ctx.error(
                "header value must not hold a line break or other control character; a header is sent on one line",
                at: h.value.offset, path: DecodeContext.child(path + ".headers", h.key))
            } else {
              headers.add(h.key.lowercased(), v)
            }
          }
        }
      } else {
        ctx.error("expected headers (an object)", at: n.offset, path: path + ".headers")
      }
    }
    var body: [UInt8] = []
    var chunks: [FixtureChunk]?
    let bodyKeys = ["json", "body", "chunks"].filter { m[$0] != nil }
    if bodyKeys.count > 1 {
      ctx.error("set only one of 'json', 'body' and 'chunks'", at: node.offset, path: path)
    } else if let n = m["json"]?.value {
      body = JSONWriter.bytes(n.value)
      if !headers.contains("content-type") { headers.add("content-type", "application/json") }
    } else if let n = m["body"]?.value,
      let s = ctx.string(n, path: path + ".body", what: "a raw body")
    {
      body = Array(s.utf8)
    } else if let n = m["chunks"]?.value {
      if let elements = n.elements {
        var list: [FixtureChunk] = []
        for (i, c) in elements.enumerated() {
          if let chunk = decodeChunk(c, path: path + ".chunks[\(i)]", ctx: &ctx) {
            list.append(chunk)
          }
        }
        chunks = list
      } else {
        ctx.error(
          "expected chunks (an array of {delayMs, data})", at: n.offset, path: path + ".chunks")
      }
    }
    var delayMs = 0
    if let n = m["delayMs"]?.value {
      delayMs =
        ctx.integer(
          n, path: path + ".delayMs", what: "a delay in milliseconds", range: 0...3_600_000) ?? 0
    }
    var truncate = false
    if let n = m["truncate"]?.value {
      if case .bool(let b) = n.kind {
        truncate = b
      } else {
        ctx.error("'truncate' takes true or false", at: n.offset, path: path + ".truncate")
      }
    }
    guard ctx.diagnostics.errorCount == before else { return nil }
    return FixtureResponse(
      status: status, headers: headers, body: body, delayMs: delayMs, chunks: chunks,
      truncate: truncate)
  }

  /// A chunk: raw `data`, or an SSE event written for you from `event` (optional name) and `json` (its data).
  static func decodeChunk(_ node: JSONNode, path: String, ctx: inout DecodeContext) -> FixtureChunk?
  {
    guard let m = ctx.members(of: node, path: path, allowed: chunkFields, what: "a chunk") else {
      return nil
    }
    var delay = 0
    if let n = m["delayMs"]?.value {
      delay =
        ctx.integer(
          n, path: path + ".delayMs", what: "a delay in milliseconds", range: 0...3_600_000) ?? 0
    }
    if let n = m["data"]?.value {
      if m["json"] != nil || m["event"] != nil {
        ctx.error(
          "a chunk has either raw 'data' or an SSE 'event'/'json', not both", at: node.offset,
          path: path)
        return nil
      }
      guard let s = ctx.string(n, path: path + ".data", what: "raw chunk data") else { return nil }
      return FixtureChunk(delayMs: delay, data: Array(s.utf8))
    }
    var text = ""
    if let n = m["event"]?.value,
      let e = ctx.string(n, path: path + ".event", what: "an SSE event name")
    {
      text += "event: \(e)\n"
    }
    if let n = m["json"]?.value {
      text += "data: " + JSONWriter.string(n.value) + "\n\n"
    } else {
      ctx.error(
        "a chunk needs 'data' (raw text) or 'json' (an SSE data line)", at: node.offset, path: path)
      return nil
    }
    return FixtureChunk(delayMs: delay, data: Array(text.utf8))
  }

  static func decodeCallback(_ node: JSONNode, path: String, ctx: inout DecodeContext)
    -> FixtureCallback?
  {
    guard let m = ctx.members(of: node, path: path, allowed: callbackFields, what: "a callback")
    else { return nil }
    var after = 0
    if let n = m["afterMs"]?.value {
      after =
        ctx.integer(
          n, path: path + ".afterMs", what: "a delay in milliseconds", range: 0...3_600_000) ?? 0
    }
    guard let body = m["json"]?.value else {
      ctx.error("missing required field 'json' (the callback body)", at: node.offset, path: path)
      return nil
    }
    var headers = HTTPHeaders()
    if let n = m["headers"]?.value, let members = n.members {
      for h in members { if let v = h.value.string { headers.add(h.key.lowercased(), v) } }
    }
    return FixtureCallback(afterMs: after, body: body.value, headers: headers)
  }
}
