/// Requests: method, path, auth, key, headers and body, with every `${...}` reference recorded.
extension ScenarioDecoder {
  static func decodeRequest(
    _ node: JSONNode, path: String, ctx: inout DecodeContext, uses: inout [VariableUse]
  ) -> RequestSpec? {
    let before = ctx.diagnostics.errorCount
    guard let m = ctx.members(of: node, path: path, allowed: requestFields, what: "a request")
    else { return nil }

    var method = "GET"
    if let n = m["method"]?.value {
      if let s = ctx.string(n, path: path + ".method", what: "an HTTP method") {
        if methods.contains(s) {
          method = s
        } else if methods.contains(s.uppercased()) {
          ctx.error(
            "method \"\(s)\" must be upper-case: \"\(s.uppercased())\"", at: n.offset,
            path: path + ".method")
        } else {
          ctx.error(
            "unknown method \"\(s)\"; expected one of GET, POST, PUT, PATCH, DELETE", at: n.offset,
            path: path + ".method")
        }
      }
    } else {
      ctx.missing(
        "method", in: m, allowed: requestFields, at: node.offset, path: path,
        hint: "GET, POST, PUT, PATCH or DELETE")
    }

    var urlPath = "/"
    var pathRef: SourceRef?
    if let n = m["path"]?.value {
      pathRef = ctx.ref(n.offset)
      if let s = ctx.string(n, path: path + ".path", what: "a path") {
        if !s.hasPrefix("/") && !s.hasPrefix("${") {
          ctx.error(
            "path \"\(s)\" must start with '/' (it is joined to the target's base URL)",
            at: n.offset, path: path + ".path")
        } else if s.contains(where: {
          $0 == " " || $0 == "#" || $0.asciiValue.map { $0 < 0x20 } == true
        }) {
          ctx.error(
            "path \"\(s)\" holds a space, '#' or a control character; percent-encode it",
            at: n.offset, path: path + ".path")
        } else {
          urlPath = s
          ctx.templateReferences(s, offset: n.offset, path: path + ".path", into: &uses)
        }
      }
    } else {
      ctx.missing(
        "path", in: m, allowed: requestFields, at: node.offset, path: path,
        hint: "such as \"/openai/v1/models\"")
    }

    var auth = AuthMode.family
    if let n = m["auth"]?.value,
      let a = ctx.oneOf(n, path: path + ".auth", what: "auth", as: AuthMode.self)
    {
      auth = a
    }
    var key = KeyKind.valid
    if let n = m["key"]?.value,
      let k = ctx.oneOf(n, path: path + ".key", what: "key", allowed: KeyKind.sendable)
    {
      key = k
    }
    if auth == .fixed(.none), let n = m["key"] {
      ctx.error(
        "'key' has no effect with auth \"none\" (no key is sent); remove it", at: n.keyOffset,
        path: path + ".key")
    }

    var headers: [(name: String, value: String?)] = []
    if let n = m["headers"]?.value {
      if let members = n.members {
        var seen: [String: Int] = [:]
        for h in members {
          let p = DecodeContext.child(path + ".headers", h.key)
          if !isToken(h.key) {
            ctx.error(
              "\"\(h.key)\" is not a valid header name (letters, digits and !#$%&'*+-.^_`|~)",
              at: h.keyOffset, path: p)
            continue
          }
          if let first = seen[h.key.lowercased()] {
            let at = ctx.ref(first)
            ctx.error(
              "header '\(h.key)' is set twice (first at line \(at.line), column \(at.column); header names are case-insensitive)",
              at: h.keyOffset, path: p)
            continue
          }
          seen[h.key.lowercased()] = h.keyOffset
          switch h.value.kind {
          case .string(let v):
            // Scalars, not Characters: "\r\n" is one Character, equal to neither "\r" nor "\n".
            if let bad = v.unicodeScalars.first(where: ScenarioDecoder.isForbiddenInHeaderValue) {
              ctx.error(
                "header value must not hold a line break or other control character (found \(String(bad).escapingControlCharacters)); a header is sent on one line",
                at: h.value.offset, path: p)
            } else {
              ctx.templateReferences(v, offset: h.value.offset, path: p, into: &uses)
              headers.append((h.key, v))
            }
          case .null:
            headers.append((h.key, nil))
          default:
            ctx.error(
              "expected a header value (a string) or null (to remove a header the runner adds), found \(ctx.describe(h.value))",
              at: h.value.offset, path: p)
          }
        }
      } else {
        ctx.error(
          "expected headers (an object of name: value), found \(ctx.describe(n))", at: n.offset,
          path: path + ".headers")
      }
    }

    var body = RequestBody.none
    if let j = m["json"], let b = m["body"] {
      let second = j.keyOffset < b.keyOffset ? b : j
      ctx.error(
        "'json' and 'body' cannot both be set: 'json' sends a JSON value, 'body' sends a string byte for byte; keep one",
        at: second.keyOffset,
        path: path + "." + second.key)
    } else if let j = m["json"] {
      collectReferences(in: j.value, path: path + ".json", ctx: &ctx, uses: &uses)
      reportDuplicateKeys(in: j.value, path: path + ".json", ctx: &ctx)
      body = .json(j.value.value)
    } else if let b = m["body"]?.value {
      if let s = ctx.string(
        b, path: path + ".body", what: "a body sent byte for byte (use 'json' for a JSON value)")
      {
        ctx.templateReferences(s, offset: b.offset, path: path + ".body", into: &uses)
        body = .raw(s)
      }
    }

    var timeoutMs: Int?
    if let n = m["timeoutMs"]?.value {
      timeoutMs = ctx.integer(
        n, path: path + ".timeoutMs", what: "a request time limit in milliseconds",
        range: 1...maxTimeoutMs)
    }

    guard ctx.diagnostics.errorCount == before else { return nil }
    var spec = RequestSpec(
      method: method, path: urlPath, auth: auth, key: key, headers: headers, body: body,
      timeoutMs: timeoutMs, source: ctx.ref(node.offset))
    spec.pathRef = pathRef
    return spec
  }

  /// A JSON body with a repeated key cannot be sent as written (only the last value would go); say so.
  static func reportDuplicateKeys(in node: JSONNode, path: String, ctx: inout DecodeContext) {
    switch node.kind {
    case .object(let members):
      var seen: [String: Int] = [:]
      for m in members {
        let p = DecodeContext.child(path, m.key)
        if let first = seen[m.key] {
          let at = ctx.ref(first)
          ctx.error(
            "duplicate key '\(m.key)' in the request body (first at line \(at.line), column \(at.column)); only the last would be sent, so use 'body' to send duplicate keys byte for byte",
            at: m.keyOffset, path: p)
        } else {
          seen[m.key] = m.keyOffset
        }
        reportDuplicateKeys(in: m.value, path: p, ctx: &ctx)
      }
    case .array(let elements):
      for (i, e) in elements.enumerated() {
        reportDuplicateKeys(in: e, path: DecodeContext.child(path, i), ctx: &ctx)
      }
    default: break
    }
  }

  /// Records variable references in every string of a JSON body (keys are not substituted).
  static func collectReferences(
    in node: JSONNode, path: String, ctx: inout DecodeContext, uses: inout [VariableUse]
  ) {
    switch node.kind {
    case .string(let s): ctx.templateReferences(s, offset: node.offset, path: path, into: &uses)
    case .array(let a):
      for (i, e) in a.enumerated() {
        collectReferences(in: e, path: DecodeContext.child(path, i), ctx: &ctx, uses: &uses)
      }
    case .object(let members):
      for m in members {
        collectReferences(
          in: m.value, path: DecodeContext.child(path, m.key), ctx: &ctx, uses: &uses)
      }
    default: break
    }
  }

  /// CR, LF, NUL and the other controls (tab excepted) cannot be sent in a header value (RFC 9110 5.5).
  static func isForbiddenInHeaderValue(_ u: Unicode.Scalar) -> Bool {
    (u.value < 0x20 && u != "\t") || u.value == 0x7F
  }

  static func isToken(_ s: String) -> Bool {
    !s.isEmpty
      && s.unicodeScalars.allSatisfy {
        ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
          || "!#$%&'*+-.^_`|~".unicodeScalars.contains($0)
      }
  }
}
