import Synchronization

/// The Models API's list for the configured key, fetched at most once per run and family, to tell "no such
/// model" from "a model this key may not use".
public final class ModelCatalog: Sendable {
  /// Every diagnosis id this produces.
  public static let ids = ["model-listed", "model-not-listed", "model-list-unavailable"]

  private let transport: any Transport
  private let credentials: Credentials
  private let fetches = Mutex<[Family: Task<[String]?, Never>]>([:])

  public init(transport: any Transport, credentials: Credentials) {
    self.transport = transport
    self.credentials = credentials
  }

  /// The family whose Models API lists a family's models: Anthropic's own, the OpenAI-compatible list otherwise.
  static func listingFamily(_ f: Family) -> Family { f == .anthropic ? .anthropic : .openai }

  /// The model ids the key can see, or nil when the list could not be read.
  public func models(for family: Family) async -> [String]? {
    let listing = Self.listingFamily(family)
    let task = fetches.withLock { tasks -> Task<[String]?, Never> in
      if let t = tasks[listing] { return t }
      let transport = self.transport
      let credentials = self.credentials
      let t = Task { await Self.fetch(listing, transport: transport, credentials: credentials) }
      tasks[listing] = t
      return t
    }
    return await task.value
  }

  static func fetch(_ family: Family, transport: any Transport, credentials: Credentials) async
    -> [String]?
  {
    let path = family == .anthropic ? "/anthropic/v1/models" : "/openai/v1/models"
    let spec = RequestSpec(
      method: "GET", path: path, source: SourceRef(file: "models", line: 0, column: 0))
    let request = RequestBuilder.build(spec, family: family, credentials: credentials)
    guard case .success(let reply) = await transport.send(request, timeout: .seconds(30)),
      (200..<300).contains(reply.response.status),
      let body = try? JSONParser.parse(reply.response.body), let data = body["data"]?.arrayValue
    else { return nil }
    return data.compactMap { $0["id"]?.stringValue }
  }

  /// The model a request names: the body's `model`, or the path's `models/{model}:...` segment (Gemini).
  public static func modelID(in request: HTTPRequest) -> String? {
    if let body = try? JSONParser.parse(request.body), let m = body["model"]?.stringValue {
      return m
    }
    let parts = request.path.split(separator: "/")
    if let i = parts.firstIndex(of: "models"), i + 1 < parts.count {
      return String(parts[i + 1].split(separator: ":").first ?? "")
    }
    return nil
  }

  /// A diagnosis saying whether the model is listed for this key, with the closest listed ids when it is not.
  public func diagnose(_ request: HTTPRequest, family: Family?) async -> Diagnosis? {
    guard let family, let model = Self.modelID(in: request), !model.isEmpty else { return nil }
    guard let models = await models(for: family) else {
      return Diagnosis(
        id: "model-list-unavailable",
        message:
          "could not read the Models API to check \(model); call it and choose an available model")
    }
    if models.contains(model) {
      return Diagnosis(
        id: "model-listed",
        message:
          "\(model) is listed by the Models API for this key, so the refusal is about entitlement, subscription or key policy, not the id"
      )
    }
    let closest = models.sorted {
      DecodeContext.editDistance(model, $0) < DecodeContext.editDistance(model, $1)
    }.prefix(3)
    let hint =
      closest.isEmpty
      ? "the list is empty" : "closest available: " + closest.joined(separator: ", ")
    return Diagnosis(
      id: "model-not-listed",
      message:
        "\(model) is not in the Models API list for this key (\(models.count) models); \(hint)")
  }
}
