/// `--rewrite-path FROM=TO`: a path prefix replaced before a request is sent, so a suite written for AnyInt's
/// prefixed routes (`/openai/v1/...`) can run against a gateway that serves them elsewhere (`/v1/...`).
///
/// FROM matches whole path segments (`/openai` matches `/openai/v1/models` and `/openai`, not `/openaix`); the
/// query is never touched. Rules are tried in the order given and the first that matches applies.
public struct PathRewrite: Sendable, Equatable {
  public let from: String
  public let to: String

  public init(from: String, to: String) {
    self.from = from
    self.to = to
  }

  /// Parses `FROM=TO`; the message names what is wrong and how to write it.
  public static func parse(_ raw: String) -> Result<PathRewrite, RewriteError> {
    guard let eq = raw.firstIndex(of: "=") else {
      return .failure(
        RewriteError(
          "--rewrite-path takes FROM=TO (e.g. /openai/v1=/v1), not '\(raw)': the '=' is missing"))
    }
    let from = String(raw[..<eq])
    let to = String(raw[raw.index(after: eq)...])
    guard from.hasPrefix("/") else {
      return .failure(
        RewriteError(
          "--rewrite-path '\(raw)': FROM must be a path starting with '/' (e.g. /openai/v1=/v1)"))
    }
    guard to.isEmpty || to.hasPrefix("/") else {
      return .failure(
        RewriteError(
          "--rewrite-path '\(raw)': TO must be empty or a path starting with '/' (e.g. /openai/v1=/v1)"
        ))
    }
    let bad = (from + to).unicodeScalars.first {
      $0.value < 0x21 || $0.value == 0x7F || $0 == "?" || $0 == "#"
    }
    if let bad {
      return .failure(
        RewriteError(
          "--rewrite-path '\(raw)': paths cannot hold \(bad == "?" || bad == "#" ? "'\(bad)'" : "spaces or control characters") (only the path is rewritten, never the query)"
        ))
    }
    return .success(PathRewrite(from: from, to: to))
  }

  /// The request target with this rule applied, or nil when FROM does not match its path.
  public func apply(to target: String) -> String? {
    let pathEnd = target.firstIndex { $0 == "?" || $0 == "#" } ?? target.endIndex
    let path = target[..<pathEnd]
    // "/openai/" and "/openai" are the same rule; "/" matches every path.
    var prefix = from
    while prefix.hasSuffix("/") { prefix.removeLast() }
    guard path.hasPrefix(prefix) else { return nil }
    let rest = path.dropFirst(prefix.count)
    guard rest.isEmpty || rest.hasPrefix("/") else { return nil }
    var replacement = to
    if replacement.hasSuffix("/") && rest.hasPrefix("/") { replacement.removeLast() }
    var out = replacement + rest
    if out.isEmpty { out = "/" }
    if !out.hasPrefix("/") { out = "/" + out }
    return out + target[pathEnd...]
  }

  /// The target after the first rule that matches (unchanged when none does).
  public static func apply(_ rules: [PathRewrite], to target: String) -> String {
    for rule in rules {
      if let out = rule.apply(to: target) { return out }
    }
    return target
  }
}

/// A `--rewrite-path` value that cannot be used.
public struct RewriteError: Error, Sendable {
  public var message: String
  init(_ message: String) { self.message = message }
}
