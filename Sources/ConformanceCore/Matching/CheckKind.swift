/// What a failed check compared: the identifier reports carry in `check` (`status`, `error.type`,
/// `headers.retry-after`, `json $.data[0].id`, `steps.create.creates`). `name` is an exhaustive switch, so a
/// check cannot exist without its name, and `init(name:)` reads a name back.
public indirect enum CheckKind: Hashable, Sendable, CustomStringConvertible {
  case status
  case envelope
  case error(ErrorField)
  case situation
  case retry
  case header(String)
  /// A `json` expectation, by its path as written.
  case json(String)
  case stream(StreamCheck)
  case latency
  case diagnoses
  /// A value a step should have captured.
  case capture(String)
  /// Creates per task: a create sent twice, or two creates answered with one task id.
  case creates
  /// A task state that moved backwards.
  case taskState
  case pollFailWhen
  case pollTimeout
  case webhook
  /// A check of a step of a step scenario.
  case step(String, CheckKind)
  /// A name this version does not know (read from another version's report).
  case other(String)

  /// The parts of the `stream` expectation.
  public enum StreamCheck: String, CaseIterable, Sendable {
    /// An event stream at all.
    case shape = ""
    case format, complete, minEvents, events, error, order
  }

  public var name: String {
    switch self {
    case .status: return "status"
    case .envelope: return "envelope"
    case .error(let field): return "error.\(field.rawValue)"
    case .situation: return "situation"
    case .retry: return "retry"
    case .header(let name): return "headers.\(name)"
    case .json(let path): return "json \(path)"
    case .stream(let part): return part == .shape ? "stream" : "stream.\(part.rawValue)"
    case .latency: return "latencyMs"
    case .diagnoses: return "diagnoses"
    case .capture(let name): return "capture.\(name)"
    case .creates: return "creates"
    case .taskState: return "task.state"
    case .pollFailWhen: return "poll.failWhen"
    case .pollTimeout: return "poll.timeout"
    case .webhook: return "webhook"
    case .step(let id, let check): return "steps.\(id).\(check.name)"
    case .other(let name): return name
    }
  }

  public var description: String { name }

  var isOther: Bool {
    if case .other = self { return true }
    return false
  }

  /// The kinds without a parameter, for reading names back.
  static let plain: [CheckKind] =
    [
      .status, .envelope, .situation, .retry, .latency, .diagnoses, .creates, .taskState,
      .pollFailWhen, .pollTimeout, .webhook,
    ] + ErrorField.allCases.map(CheckKind.error) + StreamCheck.allCases.map(CheckKind.stream)

  /// Reads a name back; one this version does not know is `.other(name)`.
  public init(name: String) {
    if let plain = Self.plain.first(where: { $0.name == name }) {
      self = plain
    } else if name.hasPrefix("headers."), name.count > 8 {
      self = .header(String(name.dropFirst(8)))
    } else if name.hasPrefix("json "), name.count > 5 {
      self = .json(String(name.dropFirst(5)))
    } else if name.hasPrefix("capture."), name.count > 8 {
      self = .capture(String(name.dropFirst(8)))
    } else if let step = Self.step(name) {
      self = step
    } else {
      self = .other(name)
    }
  }

  /// `steps.ID.CHECK`, split at the first dot after which a known check follows (step ids may hold dots).
  static func step(_ name: String) -> CheckKind? {
    guard name.hasPrefix("steps.") else { return nil }
    let rest = name.dropFirst(6)
    var i = rest.startIndex
    while let dot = rest[i...].firstIndex(of: ".") {
      let id = String(rest[..<dot])
      let check = CheckKind(name: String(rest[rest.index(after: dot)...]))
      if !id.isEmpty, !check.isOther { return .step(id, check) }
      i = rest.index(after: dot)
    }
    return nil
  }
}
