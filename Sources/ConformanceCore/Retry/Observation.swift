/// What the classifier looks at: one answer and the request it answered.
public struct Observation: Sendable {
  public var status: Int
  public var headers: HTTPHeaders
  public var envelope: Envelope
  public var method: String
  public var path: String
  public var family: Family?
  /// Whether the path is one of the catalog's documented routes (a 404 elsewhere is for an unknown route).
  public var isPublishedPath: Bool

  public init(
    status: Int, headers: HTTPHeaders = HTTPHeaders(), envelope: Envelope = .none,
    method: String = "POST", path: String = "/", family: Family? = nil,
    catalog: RouteCatalog = .anyint
  ) {
    self.status = status
    self.headers = headers
    self.envelope = envelope
    self.method = method
    self.path = path
    self.family = family
    isPublishedPath = catalog.isPublishedPath(path)
  }
}
