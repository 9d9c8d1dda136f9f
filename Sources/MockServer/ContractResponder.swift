import ConformanceCore
import Foundation
import Synchronization

/// How the contract twin answers beyond the routes: the account's models, task pacing, stream pacing.
public struct ContractConfiguration: Sendable {
  public var models: ModelAccess
  /// Milliseconds a task takes from creation to its terminal state (`--task-ms`).
  public var taskMs: Int
  /// Whether each task's `complete` callback is delivered twice.
  public var duplicateCallbacks: Bool
  /// Milliseconds between the events of a streamed answer (0 with `--no-delays`).
  public var eventDelayMs: Int

  public init(
    models: ModelAccess = ModelAccess(available: ModelAccess.common), taskMs: Int = 3000,
    duplicateCallbacks: Bool = true, eventDelayMs: Int = 10
  ) {
    self.models = models
    self.taskMs = taskMs
    self.duplicateCallbacks = duplicateCallbacks
    self.eventDelayMs = eventDelayMs
  }
}

/// The contract twin: answers every request by AnyInt's documented contract, without recordings. Routes,
/// header families, required fields, `anthropic-version` values and task states come from the harness's own
/// contract knowledge (`RouteContract`, `HeaderDiagnosis`, `TaskStates`, `DocumentedError`), the same code that
/// judges gateways; successes are in the upstream APIs' shapes so the official SDKs parse them.
///
/// Order of checks, as a gateway applies them: the route, the header family and key (401), the
/// `anthropic-version` (400), the body (invalid JSON, missing or invalid fields: 400 with `param`), the model
/// (404 unknown, 403 disabled or blocked), then the answer.
public final class ContractResponder: HTTPResponder {
  public let configuration: ContractConfiguration
  public let tasks: ContractTasks
  /// The families and routes answered (their rows: auth scheme, required headers, envelope).
  public let catalog: RouteCatalog
  let keys: KeyClassifier
  /// Keeps the valid key out of answers that echo the request (an unknown route's path).
  private let redactor: Redactor
  private let counter = Atomic<Int>(0)
  /// Responses kept for `GET /openai/v1/responses/{id}`, oldest dropped first.
  private let stored = Mutex<(byID: [String: JSONValue], order: [String])>(([:], []))
  static let storedCapacity = 1000

  public init(
    configuration: ContractConfiguration, validKey: String, tasks: ContractTasks,
    catalog: RouteCatalog = .anyint
  ) {
    self.configuration = configuration
    self.catalog = catalog
    self.keys = KeyClassifier(validKey: validKey, schemes: catalog.schemes)
    self.redactor = Redactor(secrets: [validKey])
    self.tasks = tasks
  }

  public func answer(_ request: HTTPRequest) -> ResponderAnswer {
    switch check(request) {
    case .failure(let refusal):
      let family = catalog.family(forPath: request.path)
      return Self.answer(refusal.answer(family: family, catalog: catalog))
    case .success(let accepted):
      return succeed(accepted)
    }
  }

  /// A request that passed every check: its contract, parsed body and form.
  struct Accepted {
    var request: HTTPRequest
    var contract: RouteContract
    var json: JSONValue?
    var form: MultipartForm
  }

  func check(_ request: HTTPRequest) -> Result<Accepted, DocumentedError> {
    guard
      let contract = RouteContract.of(method: request.method, path: request.path, catalog: catalog),
      let profile = catalog.profile(contract.route.family)
    else {
      return .failure(
        .routeNotFound(
          method: request.method.uppercased(),
          path: ClientExchange.redactSecrets(in: request.path, redactor)))
    }
    if let refusal = HeaderDiagnosis.documentedError(request, profile: profile, keys: keys) {
      return .failure(refusal)
    }
    var json: JSONValue?
    var present: (String) -> Bool = { _ in false }
    let form = MultipartForm(body: request.body, contentType: request.headers["content-type"])
    switch contract.body {
    case .json:
      guard let parsed = try? JSONParser.parse(request.body) else { return .failure(.invalidJSON) }
      json = parsed
      present = { field in
        var node: JSONValue? = parsed
        for key in field.split(separator: ".") { node = node?[String(key)] }
        return node != nil && node != JSONValue.null
      }
    case .multipart:
      present = { form.names.contains($0) }
    case .none:
      let query = QueryItem.parse(request.query)
      present = { name in query.contains { $0.name == name && !($0.value ?? "").isEmpty } }
    }
    let required = contract.required + (json.map(contract.conditionallyRequired) ?? [])
    if let missing = required.first(where: { !present($0) }) {
      return .failure(.missingField(missing))
    }
    if profile.envelope == .music, let model = json?["model"] {
      guard let id = model.stringValue, RouteContract.musicModels.contains(id) else {
        return .failure(
          .invalidField(
            "model",
            "model must be one of \(RouteContract.musicModels.joined(separator: ", "))"))
      }
    }
    if let model = Self.model(contract, request, json) {
      if let refusal = configuration.models.refusal(model) { return .failure(refusal) }
    }
    return .success(Accepted(request: request, contract: contract, json: json, form: form))
  }

  /// The model a request names, where its route checks the model.
  static func model(_ contract: RouteContract, _ request: HTTPRequest, _ json: JSONValue?)
    -> String?
  {
    switch contract.model {
    case .none: return nil
    case .body(let field): return json?[field]?.stringValue
    case .path: return ModelCatalog.modelID(in: .none, path: request.path)
    }
  }

  func nextContext() -> ShapeContext {
    let n = counter.wrappingAdd(1, ordering: .relaxed).newValue
    let digits = String(n)
    return ShapeContext(
      id: "twin" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits,
      created: Int(Date().timeIntervalSince1970))
  }

  func store(_ id: String, _ value: JSONValue) {
    stored.withLock { s in
      s.byID[id] = value
      s.order.append(id)
      if s.order.count > Self.storedCapacity { s.byID[s.order.removeFirst()] = nil }
    }
  }

  func storedResponse(_ id: String) -> JSONValue? { stored.withLock { $0.byID[id] } }

  static func answer(_ response: HTTPResponse) -> ResponderAnswer {
    ResponderAnswer(
      response: FixtureResponse(
        status: response.status, headers: response.headers, body: response.body))
  }
}
