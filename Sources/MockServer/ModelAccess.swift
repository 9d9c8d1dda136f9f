import ConformanceCore

/// The models the twin's account may use: `available` ones are answered, `disabled` ones are listed but not
/// enabled (`403 model_not_available`), `blocked` ones are blocked by policy (`403 access_blocked`), and any
/// other id does not exist (`404 model_not_found`), as the Models API and the gateway document.
public struct ModelAccess: Sendable, Equatable {
  public var available: [String]
  public var disabled: [String]
  public var blocked: [String]

  public init(available: [String], disabled: [String] = [], blocked: [String] = []) {
    self.available = available
    self.disabled = disabled
    self.blocked = blocked
  }

  /// Models the Models API lists: every id the account can see, enabled or not.
  public var listed: [String] {
    var seen = Set<String>()
    return (available + disabled + blocked).filter { seen.insert($0).inserted }
  }

  /// The documented refusal for a model, or nil when the account may use it.
  public func refusal(_ model: String) -> DocumentedError? {
    if blocked.contains(model) { return .accessBlocked }
    if disabled.contains(model) { return .modelNotEnabled(model) }
    if available.contains(model) { return nil }
    return .modelNotFound(model)
  }

  /// Widely used upstream model ids, available when no `--models` file is given, so an app's own choice of
  /// model is answered.
  public static let common = [
    "gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano", "gpt-5", "gpt-5-mini",
    "gpt-5-nano", "o3", "o3-mini", "o4-mini", "gpt-3.5-turbo", "gpt-4-turbo",
    "text-embedding-3-small", "text-embedding-3-large", "text-embedding-ada-002", "gpt-image-1",
    "dall-e-3", "dall-e-2", "whisper-1", "gpt-4o-transcribe", "gpt-4o-mini-transcribe", "tts-1",
    "tts-1-hd", "gpt-4o-mini-tts", "omni-moderation-latest", "text-moderation-latest", "sora-2",
    "sora-2-pro", "claude-opus-4-1", "claude-opus-4-0", "claude-sonnet-4-5", "claude-sonnet-4-0",
    "claude-haiku-4-5", "claude-3-7-sonnet-latest", "claude-3-5-haiku-latest",
    "claude-3-5-sonnet-latest", "claude-3-haiku-20240307", "gemini-2.5-pro", "gemini-2.5-flash",
    "gemini-2.5-flash-lite", "gemini-2.0-flash", "gemini-2.0-flash-lite", "qwen-image",
    "wan2.2-t2v-plus", "wanx2.1-t2v-turbo", "kling-v2-1",
  ]

  /// The suite's variables (`scenarios/variables.json`): every `*_model` value is available except the ones
  /// the suite uses for refusals (`unknown_model` stays unknown, `blocked_model` is disabled,
  /// `policy_blocked_model` is blocked by policy).
  public static func fromVariables(_ variables: [String: String]) -> ModelAccess {
    var access = ModelAccess(available: [])
    for (name, value) in variables.sorted(by: { $0.key < $1.key })
    where name.hasSuffix("_model") && !value.isEmpty {
      switch name {
      case "unknown_model": continue
      case "blocked_model": access.disabled.append(value)
      case "policy_blocked_model": access.blocked.append(value)
      default: access.available.append(value)
      }
    }
    return access
  }

  /// A `--models` file: a JSON array of ids, a Models API answer (`{"data": [{"id": ...}]}`), or
  /// `{"available": [...], "disabled": [...], "blocked": [...]}`. Throws a message naming the field and fix.
  public static func parse(_ bytes: [UInt8], file: String) throws(ModelFileError) -> ModelAccess {
    let value: JSONValue
    do {
      value = try JSONParser.parse(bytes)
    } catch {
      throw ModelFileError(
        "\(file): not valid JSON (\(error)); give a JSON array of model ids, a Models API answer or {\"available\": [...]}"
      )
    }
    func ids(_ v: JSONValue?, _ field: String) throws(ModelFileError) -> [String] {
      guard let v else { return [] }
      guard let list = v.arrayValue else {
        throw ModelFileError("\(file): \(field) must be an array of model ids")
      }
      var out: [String] = []
      for (i, item) in list.enumerated() {
        guard let id = item.stringValue ?? item["id"]?.stringValue, !id.isEmpty else {
          throw ModelFileError(
            "\(file): \(field)[\(i)] must be a model id string (or an object with \"id\")")
        }
        out.append(id)
      }
      return out
    }
    if value.arrayValue != nil { return ModelAccess(available: try ids(value, "$")) }
    guard let object = value.objectValue else {
      throw ModelFileError(
        "\(file): expected a JSON array of model ids or an object, not \(value.typeName)")
    }
    if object["data"] != nil { return ModelAccess(available: try ids(object["data"], "$.data")) }
    let known: Set<String> = ["available", "disabled", "blocked"]
    if let unknown = object.keys.first(where: { !known.contains($0) }) {
      throw ModelFileError(
        "\(file): unknown field \"\(unknown)\"; use \"available\", \"disabled\" and \"blocked\" (arrays of model ids)"
      )
    }
    let access = ModelAccess(
      available: try ids(object["available"], "$.available"),
      disabled: try ids(object["disabled"], "$.disabled"),
      blocked: try ids(object["blocked"], "$.blocked"))
    guard !access.listed.isEmpty else {
      throw ModelFileError("\(file): lists no models; put at least one id in \"available\"")
    }
    return access
  }
}

/// A `--models` file that cannot be used.
public struct ModelFileError: Error, Sendable {
  public var message: String
  init(_ message: String) { self.message = message }
}
