/// The shape of an error body.
public enum EnvelopeKind: String, CaseIterable, Sendable, Codable {
  /// `{"error": {"message", "type", "code"?, "param"?}}`: documented for AnyInt.
  case openai
  /// `{"type": "error", "error": {"type", "message"}}`: Anthropic's own shape, not documented for AnyInt.
  case anthropic
  /// `{"code", "msg", ...}` with a code other than 200: AI Music.
  case music
  /// No error body: a success body, an empty body, or something that is not a recognised error shape.
  case none
}

/// The fields of a recognised error body. A field that is absent or JSON `null` is nil.
public struct ErrorInfo: Sendable, Equatable {
  public var type: JSONValue?
  public var code: JSONValue?
  public var param: JSONValue?
  public var message: JSONValue?

  public init(
    type: JSONValue? = nil, code: JSONValue? = nil, param: JSONValue? = nil,
    message: JSONValue? = nil
  ) {
    self.type = type
    self.code = code
    self.param = param
    self.message = message
  }

  public var typeString: String? { type?.stringValue }
  public var codeString: String? {
    switch code {
    case .string(let s): return s
    case .number(let n): return JSONWriter.formatNumber(n)
    default: return nil
    }
  }
  public var messageString: String? { message?.stringValue }

  /// The value a matcher on `error.<field>` sees.
  public func field(_ name: ErrorField) -> JSONValue? {
    switch name {
    case .type: return type
    case .code: return code
    case .param: return param
    case .message: return message
    }
  }
}

/// A field of an error envelope that `expect.error` can check.
public enum ErrorField: String, CaseIterable, Sendable {
  case type, code, param, message
}

/// The envelope found in a body, with its error fields.
public struct Envelope: Sendable, Equatable {
  public var kind: EnvelopeKind
  public var error: ErrorInfo?

  public init(kind: EnvelopeKind, error: ErrorInfo? = nil) {
    self.kind = kind
    self.error = error
  }

  public static let none = Envelope(kind: .none)

  /// Recognises the envelope of a parsed body; nil or non-object bodies have none.
  public static func recognize(_ body: JSONValue?) -> Envelope {
    guard let obj = body?.objectValue else { return .none }
    // Anthropic first: its body also has an `error` object.
    if obj["type"]?.stringValue == "error", let err = obj["error"]?.objectValue {
      return Envelope(
        kind: .anthropic,
        error: ErrorInfo(
          type: present(err["type"]), code: present(err["code"]), param: present(err["param"]),
          message: present(err["message"])))
    }
    if let err = obj["error"]?.objectValue, err["message"] != nil || err["type"] != nil {
      return Envelope(
        kind: .openai,
        error: ErrorInfo(
          type: present(err["type"]), code: present(err["code"]), param: present(err["param"]),
          message: present(err["message"])))
    }
    if let code = obj["code"],
      code.numberValue != nil || code.stringValue.flatMap({ Int($0) }) != nil,
      obj["msg"] != nil
    {
      let codeNumber = code.numberValue ?? code.stringValue.flatMap { Double($0) } ?? 0
      if codeNumber != 200 {
        return Envelope(
          kind: .music, error: ErrorInfo(code: .number(codeNumber), message: present(obj["msg"])))
      }
    }
    return .none
  }

  private static func present(_ v: JSONValue?) -> JSONValue? {
    if let v, v != .null { return v }
    return nil
  }
}
