/// The probes `diagnose` can send: one per way of presenting the key, the SDK presets, and the caller's own
/// request. Their names are what the matrix and `--format json` show.
public enum ProbeKind: Hashable, Sendable, CaseIterable {
  case bearer
  case apiKey
  case apiKeyWithVersion
  /// The family's own scheme when it is neither Bearer nor x-api-key (named by its header).
  case familyScheme
  case both
  case none
  case invalidKey
  case openaiPython
  case anthropicPython
  case yourRequest

  /// The SDK presets `--as` takes, in the order its help lists them.
  public static let sdkPresets: [ProbeKind] = [.openaiPython, .anthropicPython]

  /// The probe's name; `familyScheme` is named by the family's key header.
  public func name(scheme: AuthScheme = .bearer) -> String {
    switch self {
    case .bearer: return "bearer"
    case .apiKey: return AuthScheme.apiKey.header
    case .apiKeyWithVersion:
      return "\(AuthScheme.apiKey.header) + \(AuthScheme.anthropicVersionHeader)"
    case .familyScheme: return scheme.header
    case .both: return "both"
    case .none: return "none"
    case .invalidKey: return "invalid key"
    case .openaiPython: return "openai-python"
    case .anthropicPython: return "anthropic-python"
    case .yourRequest: return "your request"
    }
  }

  /// Whether the probe is one of the standard matrix (not an SDK preset or the caller's request).
  public var isStandard: Bool {
    switch self {
    case .openaiPython, .anthropicPython, .yourRequest: return false
    default: return true
    }
  }

  /// An SDK preset by its `--as` name.
  public static func preset(named name: String) -> ProbeKind? {
    sdkPresets.first { $0.name() == name }
  }
}
