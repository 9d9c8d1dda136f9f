import Synchronization

/// The Models API's list for the configured key, fetched at most once per run and family, to tell "no such
/// model" from "a model this key may not use".
public final class ModelCatalog: Sendable {
  private let transport: any Transport
  private let credentials: Credentials
  private let catalog: RouteCatalog
  /// `--rate`: the look-up is a request of the run like any other.
  private let pacer: Pacer?
  /// One fetch per Models API path.
  private let fetches = Mutex<[String: Task<[String]?, Never>]>([:])

  public init(
    transport: any Transport, credentials: Credentials, catalog: RouteCatalog = .anyint,
    pacer: Pacer? = nil
  ) {
    self.transport = transport
    self.credentials = credentials
    self.catalog = catalog
    self.pacer = pacer
  }

  /// The model ids the key can see on the Models API a family's profile names, or nil when the list could not
  /// be read.
  public func models(for profile: FamilyProfile) async -> [String]? {
    let path = profile.modelsPath
    // The list is asked for with the headers of the family that serves it.
    let listing = catalog.profile(catalog.family(forPath: path)) ?? profile
    let task = fetches.withLock { tasks -> Task<[String]?, Never> in
      if let t = tasks[path] { return t }
      let transport = self.transport
      let credentials = self.credentials
      let pacer = self.pacer
      let t = Task {
        await pacer?.wait()
        return await Self.fetch(
          path, profile: listing, transport: transport, credentials: credentials)
      }
      tasks[path] = t
      return t
    }
    return await task.value
  }

  static func fetch(
    _ path: String, profile: FamilyProfile, transport: any Transport, credentials: Credentials
  ) async -> [String]? {
    let spec = RequestSpec(
      method: "GET", path: path, source: SourceRef(file: "models", line: 0, column: 0))
    let request = RequestBuilder.build(spec, profile: profile, credentials: credentials)
    guard
      case .success(let reply) = await transport.send(
        request, timeout: .milliseconds(Defaults.requestTimeoutMs)),
      (200..<300).contains(reply.response.status),
      let data = AnswerAnalyzer.parseBody(reply.response)?["data"]?.arrayValue
    else { return nil }
    return data.compactMap { $0["id"]?.stringValue }
  }

  /// The model a request names: the body's `model`, or the path's `models/{model}:...` segment (Gemini).
  public static func modelID(in body: RequestBody, path: String) -> String? {
    let json: JSONValue?
    switch body {
    case .json(let v): json = v
    case .raw(let s): json = try? JSONParser.parse(s)
    case .none: json = nil
    }
    if let m = json?["model"]?.stringValue { return m }
    let bare = path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? path
    let parts = bare.split(separator: "/")
    if let i = parts.firstIndex(of: "models"), i + 1 < parts.count {
      return String(parts[i + 1].split(separator: ":").first ?? "")
    }
    return nil
  }

  /// A diagnosis saying whether the model is listed for this key, with the closest listed ids when it is not.
  public func diagnose(model: String?, profile: FamilyProfile?) async -> Note? {
    guard let profile, let model, !model.isEmpty else { return nil }
    guard let models = await models(for: profile) else {
      return Note(
        .modelListUnavailable,
        "could not read the Models API to check \(model); call it and choose an available model")
    }
    if models.contains(model) {
      return Note(
        .modelListed,
        "\(model) is listed by the Models API for this key, so the refusal is about entitlement, subscription or key policy, not the id"
      )
    }
    let closest = models.sorted {
      DecodeContext.editDistance(model, $0) < DecodeContext.editDistance(model, $1)
    }.prefix(3)
    let hint =
      closest.isEmpty
      ? "the list is empty" : "closest available: " + closest.joined(separator: ", ")
    return Note(
      .modelNotListed,
      "\(model) is not in the Models API list for this key (\(models.count) model\(models.count == 1 ? "" : "s")); \(hint)"
    )
  }
}
