/// Replaces secrets in anything the run writes out, so a key echoed by a gateway never reaches a report.
public struct Redactor: Sendable {
  public static let placeholder = "<redacted>"
  private let secrets: [String]

  /// Secrets shorter than 6 characters are not redacted: they would blank ordinary words.
  public init(secrets: [String]) {
    self.secrets = secrets.filter { $0.count >= 6 }.sorted { $0.count > $1.count }
  }

  public func string(_ s: String) -> String {
    guard !secrets.isEmpty else { return s }
    var out = s
    for secret in secrets where out.containsBytes(secret) {
      out = out.replacingAll(secret, with: Redactor.placeholder)
    }
    return out
  }

  public func json(_ v: JSONValue) -> JSONValue {
    guard !secrets.isEmpty else { return v }
    switch v {
    case .string(let s): return .string(string(s))
    case .array(let a): return .array(a.map(json))
    case .object(let o):
      return .object(
        JSONObject(o.members.map { .init(key: string($0.key), value: json($0.value)) }))
    default: return v
    }
  }

  public func bytes(_ b: [UInt8]) -> [UInt8] {
    guard !secrets.isEmpty else { return b }
    let s = String(decoding: b, as: UTF8.self)
    let r = string(s)
    return r == s ? b : Array(r.utf8)
  }
}

extension String {
  /// Every occurrence of `target` replaced (Foundation-free, so the core stays portable).
  func replacingAll(_ target: String, with replacement: String) -> String {
    guard !target.isEmpty else { return self }
    let bytes = Array(utf8)
    let width = target.utf8.count
    var result: [UInt8] = []
    var start = 0
    while let hit = firstByteOffset(of: target, from: start) {
      result += bytes[start..<hit]
      result += replacement.utf8
      start = hit + width
    }
    result += bytes[start...]
    return String(decoding: result, as: UTF8.self)
  }
}
