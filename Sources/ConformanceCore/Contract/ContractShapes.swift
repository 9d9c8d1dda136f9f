/// A success answer in the upstream API's shape: a JSON body, raw bytes (audio, video), or a stream of events
/// in the family's SSE format.
public enum ContractBody: Sendable {
  case json(JSONValue)
  case bytes([UInt8], contentType: String)
  case stream(ContractStream)
}

/// Server-sent events as a family sends them: OpenAI chat streams are `data:` lines ending with
/// `data: [DONE]`; OpenAI responses and Anthropic messages name each event; Gemini (`alt=sse`) sends `data:`
/// lines separated by CRLF pairs, with no terminator.
public struct ContractStream: Sendable {
  public struct Event: Sendable, Equatable {
    public var name: String?
    public var data: String

    public init(name: String? = nil, data: String) {
      self.name = name
      self.data = data
    }

    public init(name: String? = nil, json: JSONValue) {
      self.init(name: name, data: JSONWriter.string(json))
    }
  }

  public var events: [Event]
  /// What ends an event: `\n\n`, or `\r\n\r\n` for Gemini.
  public var separator: String

  public init(events: [Event], separator: String = "\n\n") {
    self.events = events
    self.separator = separator
  }

  /// One event on the wire.
  public func bytes(_ event: Event) -> [UInt8] {
    let lineEnd = separator == "\r\n\r\n" ? "\r\n" : "\n"
    var text = event.name.map { "event: \($0)" + lineEnd } ?? ""
    text += "data: " + event.data + separator
    return Array(text.utf8)
  }
}

/// What every shape builder needs: a unique id for the answer, the time it is made and the text it says.
public struct ShapeContext: Sendable {
  /// Unique within a twin's life (`twin0000001` style); shapes prefix it (`chatcmpl-`, `msg_`).
  public var id: String
  /// Unix seconds.
  public var created: Int
  /// The assistant's reply.
  public var text: String

  public static let defaultText =
    "This answer comes from the AnyInt contract twin: the request was well-formed and the key was accepted."

  public init(id: String, created: Int, text: String = ShapeContext.defaultText) {
    self.id = id
    self.created = created
    self.text = text
  }

  /// The reply's tokens, counted as words (the twin's answers are English prose).
  var words: [String] { text.split(separator: " ").map(String.init) }

  /// The reply cut to at most `limit` tokens, and whether it was cut.
  func reply(limit: Int?) -> (text: String, tokens: Int, cut: Bool) {
    let all = words
    guard let limit, limit >= 0, limit < all.count else {
      return (text, all.count, false)
    }
    let kept = Array(all.prefix(max(1, limit)))
    return (kept.joined(separator: " "), kept.count, true)
  }

  /// The pieces a streamed reply is sent in: a word (with its space) each.
  static func pieces(_ text: String) -> [String] {
    let parts = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
    return parts.enumerated().map { $0.offset == parts.count - 1 ? $0.element : $0.element + " " }
  }

  /// A rough input token count: four bytes a token, at least one.
  static func inputTokens(_ body: JSONValue?) -> Int {
    guard let body else { return 1 }
    return max(1, JSONWriter.bytes(body).count / 4)
  }
}

/// The intent a request states about tools and structured output, read the same way for every family.
enum ToolIntent {
  /// A tool the answer calls, with the arguments its schema asks for.
  case call(name: String, arguments: JSONValue)
  /// Output that must be JSON of this schema (nil: any JSON object).
  case json(schema: JSONValue?)
  case text

  /// Whether a model would call a tool here: forced by the request, or offered while the last turn is the
  /// user's (an agent loop then sends the tool result, which is answered in text).
  static func callsTool(forced: Bool, offered: Bool, lastRole: String?) -> Bool {
    forced || (offered && lastRole == "user")
  }
}
