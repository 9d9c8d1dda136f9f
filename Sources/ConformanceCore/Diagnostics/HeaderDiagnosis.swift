/// Diagnoses of the headers a request sent, against the header family its route documents.
///
/// Each diagnosis has a stable id and a one-line fix naming the exact header to send. They are computed for
/// 401 and 403 answers and for any 400 whose error names a header, where a header problem is the likely cause.
/// What a family documents comes from its row of the route catalog; nothing here names a family.
public enum HeaderDiagnosis {
  /// Words in a 400's error message that point at a header.
  static let headerWords =
    ["header", AuthScheme.anthropicVersionHeader] + AuthScheme.standard.map(\.header) + [
      "api key", "api-key",
    ]

  /// Whether an answer calls for header diagnosis.
  public static func applies(status: Int, error: ErrorInfo?) -> Bool {
    if status == 401 || status == 403 { return true }
    guard status == 400, let message = error?.messageString?.lowercased() else { return false }
    return headerWords.contains { message.containsBytes($0) }
  }

  /// Diagnoses for a request as sent (values are read here and never leave this function).
  public static func diagnose(
    _ request: HTTPRequest, profile: FamilyProfile?, keys: KeyClassifier, status: Int
  ) -> [Note] {
    guard let profile else { return [] }
    var out: [Note] = []
    let headers = request.headers
    let documented = profile.auth
    let wanted = documented.template
    let present = AuthScheme.present(in: headers, among: keys.schemes)

    switch present.count {
    case 0:
      out.append(Note(.missingAuth, "no key was sent; send \(wanted)"))
    case 1 where present[0] != documented:
      let sent = present[0]
      out.append(
        Note(
          .headerMismatch,
          "\(sent.sentName) was sent to \(profile.withArticle) route; send \(wanted)\(profile.extraHeadersNote) instead of \(sent.displayName)"
        ))
    case 1:
      break
    default:
      out.append(
        Note(
          .bothAuthHeaders,
          "both \(present.map(\.displayName).joined(separator: " and ")) were sent; send only \(wanted) (\(profile.displayName) routes document that one)"
        ))
    }
    for scheme in present { out += shape(of: scheme, in: headers) }

    for extra in profile.extraHeaders {
      if let value = headers[extra.name] {
        if let id = extra.unknown, !extra.accepted.contains(value.trimmingWhitespace()) {
          out.append(
            Note(
              id,
              "\(extra.name) \"\(value)\" is not the documented one; send \(extra.name): \(extra.value)"
            ))
        }
      } else if let id = extra.missing {
        out.append(
          Note(id, "\(extra.name) is missing; send \(extra.name): \(extra.value)")
        )
      }
    }

    // The right family and a well-formed key that was still refused: the key itself is the problem.
    if out.isEmpty, present == [documented], status == 401 {
      let which = keys.keyKind(of: headers) == .valid ? "the configured key" : "the key"
      out.append(
        Note(
          .invalidKey,
          "the header family is right but \(which) was refused; rotate or correct it (a revoked, mistyped or other-environment key)"
        ))
    }
    return out
  }

  /// Problems with one key header's value: empty, the wrong scheme word, surrounding whitespace.
  static func shape(of scheme: AuthScheme, in headers: HTTPHeaders) -> [Note] {
    guard let value = headers[scheme.header] else { return [] }
    let name = scheme.displayName
    if scheme.prefix.isEmpty {
      if value.trimmingWhitespace().isEmpty {
        return [
          Note(
            .emptyKey,
            "\(name) is empty; set \(scheme.template) with the key from your AnyInt console")
        ]
      }
      if value.lowercased().hasPrefix(AuthScheme.bearer.prefix.lowercased()) {
        return [
          Note(
            .bearerInXAPIKey,
            "\(name) holds a '\(AuthScheme.bearer.prefix)' prefix; send the bare key: \(scheme.template)"
          )
        ]
      }
      if value.first?.isWhitespace == true || value.last?.isWhitespace == true {
        return [
          Note(
            .keyWhitespace,
            "the key in \(name) has surrounding whitespace; send \(scheme.template) with the key trimmed"
          )
        ]
      }
      return []
    }
    let word = scheme.schemeWord
    let token =
      value.lowercased().hasPrefix(word.lowercased()) ? String(value.dropFirst(word.count)) : value
    if token.trimmingWhitespace().isEmpty {
      return [
        Note(
          .emptyKey,
          "the \(name) header carries no key; set it to \(scheme.prefix)<key> with the key from your AnyInt console"
        )
      ]
    }
    if !value.lowercased().hasPrefix(scheme.prefix.lowercased()) {
      return [
        Note(.headerMismatch, "\(name) does not use the \(word) scheme; send \(scheme.template)")
      ]
    }
    if token.dropFirst().first?.isWhitespace == true || token.last?.isWhitespace == true {
      return [
        Note(
          .keyWhitespace,
          "the key in \(name) has surrounding whitespace; send \(scheme.template) with the key trimmed"
        )
      ]
    }
    return []
  }
}
