import ConformanceCore

/// What a server answers a request with, and the callbacks to deliver once it is sent.
public struct ResponderAnswer: Sendable {
  public var response: FixtureResponse
  public var callbacks: [(url: String, callback: FixtureCallback)]
  /// The task the request created or asked about, when the answer is about one.
  public var taskID: String?
  /// The injected fault that made or changed this answer (`--inject`), if any.
  public var fault: String?
  /// Reset the connection instead of answering (`--inject reset`).
  public var reset: Bool = false

  public init(
    response: FixtureResponse, callbacks: [(url: String, callback: FixtureCallback)] = [],
    taskID: String? = nil
  ) {
    self.response = response
    self.callbacks = callbacks
    self.taskID = taskID
  }
}

/// Decides the answer to one request; the server around it handles sockets, framing, limits and pacing.
public protocol HTTPResponder: Sendable {
  func answer(_ request: HTTPRequest) -> ResponderAnswer
}

/// One line of the request log: what came in (key kinds, never keys) and what it was answered.
public struct LoggedRequest: Sendable {
  public var method: String
  public var target: String
  public var auth: AuthFamily
  public var key: KeyKind
  public var status: Int
  public var fixture: String?
}

/// Decides what a request is answered with: the matching fixture's recorded response (with `{{task_id}}`
/// filled in and a sequence entry picked by the task's age), or a `404` that names the nearest fixture and
/// what differed. Knows nothing about sockets.
final class FixtureResponder: HTTPResponder {
  typealias Answer = ResponderAnswer

  let store: FixtureStore
  let keys: KeyClassifier
  /// The tasks this server created and their ages, shared by all its connections.
  let session = FixtureSession()
  let honourDelays: Bool
  let extraDelayMs: Int
  /// Keeps the valid key out of miss messages even when a client sent it somewhere it is echoed (a query).
  private let redactor: Redactor

  /// Told about every answered request (the `--log-requests` file).
  let log: (@Sendable (LoggedRequest) -> Void)?
  /// Answers what no fixture answers (the contract twin); nil answers a miss with `404`.
  let fallback: (any HTTPResponder)?

  init(
    store: FixtureStore, keys: KeyClassifier, configuration: MockServerConfiguration,
    fallback: (any HTTPResponder)? = nil, log: (@Sendable (LoggedRequest) -> Void)? = nil
  ) {
    self.fallback = fallback
    self.store = store
    self.keys = keys
    self.honourDelays = configuration.honourDelays
    self.extraDelayMs = max(0, configuration.extraDelayMs)
    self.redactor = Redactor(
      secrets: [Secret(configuration.validKey, origin: "the valid key")] + configuration.secrets)
    self.log = log
  }

  /// The answer to a request, with its delays already adjusted for `honourDelays` and `extraDelayMs`.
  func answer(_ request: HTTPRequest) -> Answer {
    let answer: Answer
    var fixtureID: String?
    switch store.respond(to: request, keys: keys, session: session) {
    case .success(let hit):
      var response = hit.response
      if !honourDelays {
        response.delayMs = 0
        response.chunks = response.chunks?.map { FixtureChunk(delayMs: 0, data: $0.data) }
      }
      response.delayMs += extraDelayMs
      answer = Answer(response: response, callbacks: hit.callbacks, taskID: hit.taskID)
      fixtureID = hit.fixture.id
    case .failure where fallback != nil:
      answer = fallback?.answer(request) ?? Answer(response: FixtureResponse(status: 500))
    case .failure(let miss):
      var response = Self.errorResponse(
        status: 404, message: redactor.string(miss.message), type: "fixture_not_found",
        code: "no_matching_fixture")
      response.delayMs = extraDelayMs
      answer = Answer(response: response, callbacks: [])
    }
    log?(
      LoggedRequest(
        method: request.method, target: redactor.string(request.target),
        auth: KeyClassifier.authFamily(of: request.headers),
        key: keys.keyKind(of: request.headers), status: answer.response.status, fixture: fixtureID))
    return answer
  }

  /// A JSON error answer in the gateway's envelope: `{"error": {"message", "type", "code"}}`.
  static func errorResponse(status: Int, message: String, type: String, code: String)
    -> FixtureResponse
  {
    let envelope: JSONValue = [
      "error": [
        "message": .string(message),
        "type": .string(type),
        "code": .string(code),
      ]
    ]
    return FixtureResponse(
      status: status, headers: HTTPHeaders([("content-type", "application/json")]),
      body: JSONWriter.bytes(envelope))
  }
}
