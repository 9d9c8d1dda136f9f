/// A harmless request body for `diagnose`, for paths with a given ending: a one-token request or `{}`-like
/// input a route validates after authentication, so the key is tested without running a model.
public struct ProbeBody: Sendable {
  /// The path ends with this, or (for a `{model}:method` route) contains it.
  public var pathSuffix: String
  public var matchesAnywhere: Bool
  public var body: JSONObject
  /// The `--var` that names the model put first in the body, and its default; nil for no model.
  public var model: (variable: String, fallback: String)?

  public init(
    pathSuffix: String, matchesAnywhere: Bool = false, body: JSONObject,
    model: (variable: String, fallback: String)? = nil
  ) {
    self.pathSuffix = pathSuffix
    self.matchesAnywhere = matchesAnywhere
    self.body = body
    self.model = model
  }

  public func matches(_ path: String) -> Bool {
    matchesAnywhere ? path.contains(pathSuffix) : path.hasSuffix(pathSuffix)
  }

  /// The body, with the model from the variables (or its default) first.
  public func render(variables: [String: String]) -> JSONValue {
    guard let model else { return .object(body) }
    var out: JSONObject = ["model": .string(variables[model.variable] ?? model.fallback)]
    for m in body.members { out[m.key] = m.value }
    return .object(out)
  }
}
