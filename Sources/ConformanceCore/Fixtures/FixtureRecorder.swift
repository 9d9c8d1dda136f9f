import Synchronization

/// One exchange seen on the wire, kept for recording.
public struct RecordedExchange: Sendable {
  public var scenarioID: String?
  public var request: HTTPRequest
  public var reply: TransportReply
}

/// Turns recorded exchanges into fixtures, with every secret scrubbed from both sides.
///
/// The key is recorded as its kind (`valid`, `invalid`, `empty`, `none`), never its value; `authorization`,
/// `x-api-key`, cookies and connection-level headers are dropped; anything else that holds a secret, in any form
/// the `Redactor` finds, is replaced with `<redacted>`. A stream is scrubbed whole (a secret split between chunks
/// is found) and re-split at the recorded chunk boundaries. Before a fixture is written, the joined bytes of
/// every field are checked again; one that would still hold a secret refuses the fixture, naming the field.
public struct FixtureRecorder: Sendable {
  public let keys: KeyClassifier
  /// The run's secrets plus the key (the invalid key the scenarios send is a published constant, not a secret).
  public let redactor: Redactor
  private let source: String
  /// Headers the command line added to every request (`-H`): never conditions of a fixture.
  private let addedHeaders: Set<String>

  /// Request headers that are never conditions of a fixture: auth, transport-level and runner-added ones.
  static let ignoredRequestHeaders = Set(AuthScheme.standard.map(\.header)).union([
    "cookie", "user-agent", "content-type", "content-length", "accept", "accept-encoding",
    "connection", "host", "transfer-encoding", "expect",
  ])
  /// Response headers worth keeping: what classification, retries and diagnosis read.
  static let keptResponseHeaders: Set<String> = [
    "content-type", "retry-after", "retry-after-ms", "x-should-retry", "location", "request-id",
    "x-request-id", "www-authenticate",
  ]

  public init(
    credentials: Credentials, source: String, secrets: Redactor = Redactor(secrets: [Secret]())
  ) {
    keys = credentials.keyClassifier
    redactor = secrets.adding(credentials.secrets)
    addedHeaders = Set(credentials.headers.map { $0.name.lowercased() })
    self.source = source
  }

  public struct Refusal: Error, Sendable, CustomStringConvertible {
    public var fixtureID: String
    /// Where the secret is (`response.chunks (joined)`, `response.headers.location`).
    public var field: String
    /// Which secret it is (`the key in ANYINT_API_KEY`), never its value.
    public var secret: String
    public var description: String {
      "refused to write fixture \"\(fixtureID)\": \(field) would still hold \(secret) after scrubbing"
    }
  }

  /// The fixture for one exchange, as a JSON value in the documented fixture format.
  public func fixture(for e: RecordedExchange, id: String, profile: FamilyProfile?) throws(Refusal)
    -> JSONValue
  {
    var request: JSONObject = [
      "method": .string(e.request.method), "path": .string(scrub(e.request.target)),
    ]
    request["auth"] = .string(keys.authFamily(of: e.request.headers).rawValue)
    request["key"] = .string(keys.keyKind(of: e.request.headers).rawValue)
    var headerConditions = JSONObject()
    for f in e.request.headers.fields
    where !Self.ignoredRequestHeaders.contains(f.name.lowercased())
      && !addedHeaders.contains(f.name.lowercased())
    {
      headerConditions[f.name.lowercased()] = .string(scrub(f.value))
    }
    // A documented extra header the request did not send is recorded as "must be absent", so the fixture
    // tells a request with it from one without (e.g. a missing anthropic-version).
    for extra in profile?.extraHeaders ?? [] where headerConditions[extra.name] == nil {
      headerConditions[extra.name] = .null
    }
    if !headerConditions.isEmpty { request["headers"] = .object(headerConditions) }
    if !e.request.body.isEmpty {
      if var json = try? JSONParser.parse(e.request.body) {
        // The callback URL points at this run's listener; any URL must match when the fixture replays.
        if case .object(var o) = json {
          for k in FixtureStore.callbackURLKeys where o[k] != nil {
            o[k] = .string(JSONPattern.wildcard)
          }
          json = .object(o)
        }
        request["json"] = scrub(json)
      } else {
        request["body"] = .string(scrub(String(decoding: e.request.body, as: UTF8.self)))
      }
    }

    let r = e.reply.response
    var response: JSONObject = ["status": .number(Double(r.status))]
    var headers = JSONObject()
    for f in r.headers.fields
    where Self.keptResponseHeaders.contains(f.name.lowercased())
      || f.name.lowercased().contains("ratelimit")
    {
      headers[f.name.lowercased()] = .string(scrub(f.value))
    }
    if !headers.isEmpty { response["headers"] = .object(headers) }
    let isStream = MediaType.isEventStream(r.headers[HeaderName.contentType])
    if isStream, e.reply.chunks.count > 0 {
      var previous = e.reply.firstByteMs ?? 0
      let pieces = scrubbed(chunks: e.reply.chunks.map(\.bytes))
      response["chunks"] = .array(
        zip(e.reply.chunks, pieces).map { c, data in
          let delay = max(0, Int((c.atMs - previous).rounded()))
          previous = c.atMs
          return [
            "delayMs": .number(Double(delay)),
            "data": .string(String(decoding: data, as: UTF8.self)),
          ]
        })
      if e.reply.bodyFault != nil { response["truncate"] = .bool(true) }
    } else if let json = try? JSONParser.parse(r.body), !r.body.isEmpty {
      response["json"] = scrub(json)
    } else if !r.body.isEmpty {
      response["body"] = .string(scrub(String(decoding: r.body, as: UTF8.self)))
    }

    let fixture: JSONValue = .object([
      "id": .string(id),
      "note": .string(
        "Recorded from \(source) by anyint-conformance record; the key is recorded as its kind only."
      ),
      "request": .object(request), "response": .object(response),
    ])
    try check(fixture, id: id)
    return fixture
  }

  /// Every fixture of one scenario: an exchange per request, except that a request sent several times (a
  /// poll) becomes one fixture whose `sequence` replays the answers in order; callbacks the run received go on
  /// the fixture of the request that named the callback URL.
  public func fixtures(
    for exchanges: [RecordedExchange], scenarioID: String, profile: FamilyProfile?,
    callbacks: [ReceivedCallback]
  ) -> (
    fixtures: [JSONValue], refusals: [Refusal]
  ) {
    var built: [(request: JSONValue, fixture: JSONValue)] = []
    var refusals: [Refusal] = []
    for (i, e) in exchanges.enumerated() {
      let id = exchanges.count == 1 ? scenarioID : "\(scenarioID)#\(i + 1)"
      do {
        let f = try fixture(for: e, id: id, profile: profile)
        built.append((f["request"] ?? .null, f))
      } catch {
        refusals.append(error)
      }
    }
    var groups: [(request: JSONValue, fixtures: [JSONValue])] = []
    for b in built {
      if let i = groups.firstIndex(where: { $0.request == b.request }) {
        groups[i].fixtures.append(b.fixture)
      } else {
        groups.append((b.request, [b.fixture]))
      }
    }
    var out: [JSONValue] = groups.map { g in
      guard g.fixtures.count > 1, case .object(var first) = g.fixtures[0] else {
        return g.fixtures[0]
      }
      first["response"] = nil
      first["sequence"] = .array(
        g.fixtures.enumerated().map { i, f in
          ["afterRequests": .number(Double(i)), "response": f["response"] ?? .null]
        })
      return .object(first)
    }
    if !callbacks.isEmpty,
      let i = out.firstIndex(where: { $0["request"]?["json"].map(JSONPattern.hasWildcard) == true }
      ), case .object(var o) = out[i]
    {
      let start = callbacks.map(\.atMs).min() ?? 0
      o["callbacks"] = .array(
        callbacks.map {
          ["afterMs": .number((($0.atMs - start) + 10).rounded()), "json": scrub($0.body)]
        })
      let value = JSONValue.object(o)
      do {
        try check(value, id: o["id"]?.stringValue ?? scenarioID)
        out[i] = value
      } catch {
        refusals.append(error)
      }
    }
    return (out, refusals)
  }

  func scrub(_ s: String) -> String { redactor.string(s) }

  func scrub(_ v: JSONValue) -> JSONValue { redactor.json(v) }
}
