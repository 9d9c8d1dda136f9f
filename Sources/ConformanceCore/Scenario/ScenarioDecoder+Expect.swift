extension ScenarioDecoder {
  static let streamFields = ["format", "complete", "minEvents", "events", "error"]

  static func decodeExpect(
    _ node: JSONNode, path: String, ctx: inout DecodeContext, uses: inout [VariableUse]
  ) -> ScenarioExpectation? {
    let before = ctx.diagnostics.errorCount
    guard let m = ctx.members(of: node, path: path, allowed: expectFields, what: "an expectation")
    else { return nil }
    var e = ScenarioExpectation()
    if m.isEmpty {
      ctx.error(
        "'expect' checks nothing, so the scenario could never fail; add at least 'status'",
        at: node.offset, path: path)
    }

    if let n = m["status"]?.value {
      e.status = decodeStatus(n, path: path + ".status", ctx: &ctx).map {
        Located($0, ctx.ref(n.offset))
      }
    }
    if let n = m["envelope"]?.value,
      let v = ctx.oneOf(n, path: path + ".envelope", what: "envelope", as: EnvelopeExpectation.self)
    {
      e.envelope = Located(v, ctx.ref(n.offset))
    }
    if let n = m["error"]?.value,
      let fields = ctx.members(
        of: n, path: path + ".error", allowed: ErrorField.allCases.map(\.rawValue),
        what: "an error expectation")
    {
      // Keep file order so failures read in the order they were written.
      for member in n.members ?? [] {
        guard let field = ErrorField(rawValue: member.key),
          fields[member.key]?.keyOffset == member.keyOffset
        else { continue }
        let p = path + ".error." + member.key
        if let matcher = decodeMatcher(member.value, path: p, ctx: &ctx, uses: &uses) {
          e.error.append((field, matcher, ctx.ref(member.value.offset)))
        }
      }
    }
    if let n = m["situation"]?.value,
      let v = ctx.oneOf(n, path: path + ".situation", what: "situation", as: Situation.self)
    {
      e.situation = Located(v, ctx.ref(n.offset))
    }
    if let n = m["retry"]?.value,
      let v = ctx.oneOf(n, path: path + ".retry", what: "retry decision", as: RetryDecision.self)
    {
      e.retry = Located(v, ctx.ref(n.offset))
    }
    if let situation = e.situation?.value, let retry = e.retry, let n = m["retry"]?.value {
      let documented = RetryTable.decision(for: situation)
      if documented != retry.value {
        let want = documented.map { "\"\($0.rawValue)\"" } ?? "no decision"
        ctx.error(
          "retry \"\(retry.value.rawValue)\" contradicts the documented table: situation \"\(situation.rawValue)\" has \(want); fix one of them",
          at: n.offset, path: path + ".retry")
      }
    }
    if let n = m["headers"]?.value {
      if let members = n.members {
        var seen = Set<String>()
        for h in members {
          let p = DecodeContext.child(path + ".headers", h.key)
          guard isToken(h.key) else {
            ctx.error("\"\(h.key)\" is not a valid header name", at: h.keyOffset, path: p)
            continue
          }
          guard seen.insert(h.key.lowercased()).inserted else {
            ctx.error(
              "header '\(h.key)' is checked twice (header names are case-insensitive)",
              at: h.keyOffset, path: p)
            continue
          }
          if let matcher = decodeMatcher(h.value, path: p, ctx: &ctx, uses: &uses) {
            e.headers.append((h.key.lowercased(), matcher, ctx.ref(h.value.offset)))
          }
        }
      } else {
        ctx.error(
          "expected header checks (an object of name: matcher), found \(ctx.describe(n))",
          at: n.offset, path: path + ".headers")
      }
    }
    if let n = m["json"]?.value {
      if let members = n.members {
        var seen = Set<String>()
        for j in members {
          let p = DecodeContext.child(path + ".json", j.key)
          let jsonPath: JSONPath
          do {
            jsonPath = try JSONPath(parsing: j.key)
          } catch {
            ctx.error(
              "\"\(j.key)\" is not a JSON path: \(error.message) at character \(error.position + 1); write paths like \"$.data[0].id\", \"$.error.type\" or \"$.data[*].id\"",
              at: j.keyOffset, path: p)
            continue
          }
          guard seen.insert(jsonPath.description).inserted else {
            ctx.error("path \(jsonPath) is checked twice", at: j.keyOffset, path: p)
            continue
          }
          if let matcher = decodeMatcher(j.value, path: p, ctx: &ctx, uses: &uses) {
            e.json.append((jsonPath, matcher, ctx.ref(j.value.offset)))
          }
        }
      } else {
        ctx.error(
          "expected body checks (an object of \"$.path\": matcher), found \(ctx.describe(n))",
          at: n.offset, path: path + ".json")
      }
    }
    if let n = m["stream"]?.value {
      e.stream = decodeStream(n, path: path + ".stream", ctx: &ctx, uses: &uses)
    }
    if let n = m["latencyMs"]?.value,
      let lm = ctx.members(
        of: n, path: path + ".latencyMs", allowed: ["max"], what: "a latency budget")
    {
      if let max = lm["max"]?.value {
        if let v = ctx.integer(
          max, path: path + ".latencyMs.max", what: "a latency budget in milliseconds",
          range: 1...maxTimeoutMs)
        {
          e.latencyMaxMs = Located(v, ctx.ref(max.offset))
        }
      } else {
        ctx.missing(
          "max", in: lm, allowed: ["max"], at: n.offset, path: path + ".latencyMs",
          hint: "the most milliseconds the answer may take")
      }
    }
    if let n = m["diagnoses"]?.value {
      if let elements = n.elements {
        var ids: [String] = []
        for (i, d) in elements.enumerated() {
          let p = path + ".diagnoses[\(i)]"
          guard let s = ctx.string(d, path: p, what: "a diagnosis id") else { continue }
          if isValidID(s) && !s.utf8.contains(UInt8(ascii: "/"))
            && !s.utf8.contains(UInt8(ascii: "."))
          {
            ids.append(s)
          } else {
            ctx.error(
              "\"\(s)\" is not a diagnosis id (lower-case words joined by '-', such as \"header-mismatch\")",
              at: d.offset, path: p)
          }
        }
        e.diagnoses = Located(ids, ctx.ref(n.offset))
      } else {
        ctx.error(
          "expected diagnoses (an array of diagnosis ids), found \(ctx.describe(n))", at: n.offset,
          path: path + ".diagnoses")
      }
    }
    guard ctx.diagnostics.errorCount == before else { return nil }
    return e
  }

  static func decodeStatus(_ n: JSONNode, path: String, ctx: inout DecodeContext)
    -> StatusExpectation?
  {
    switch n.kind {
    case .number:
      return ctx.integer(n, path: path, what: "an HTTP status", range: 100...599).map {
        .codes([$0])
      }
    case .array(let elements):
      guard !elements.isEmpty else {
        ctx.error(
          "an empty list of statuses can never match; list at least one status", at: n.offset,
          path: path)
        return nil
      }
      var codes: [Int] = []
      for (i, e) in elements.enumerated() {
        if let c = ctx.integer(e, path: path + "[\(i)]", what: "an HTTP status", range: 100...599) {
          codes.append(c)
        }
      }
      return codes.count == elements.count ? .codes(codes) : nil
    case .string(let s):
      let classes = ["1xx": 1, "2xx": 2, "3xx": 3, "4xx": 4, "5xx": 5]
      if let k = classes[s.lowercased()] { return .statusClass(k) }
      if let code = Int(s) {
        ctx.error(
          "status \"\(s)\" is a string; write the number \(code) without quotes", at: n.offset,
          path: path)
      } else {
        ctx.error(
          "unknown status class \"\(s)\"; expected a number, a list of numbers, or \"2xx\", \"4xx\", \"5xx\"",
          at: n.offset, path: path)
      }
      return nil
    default:
      ctx.error(
        "expected a status: a number, a list of numbers, or \"2xx\", \"4xx\", \"5xx\"; found \(ctx.describe(n))",
        at: n.offset, path: path)
      return nil
    }
  }

  static func decodeStream(
    _ n: JSONNode, path: String, ctx: inout DecodeContext, uses: inout [VariableUse]
  ) -> StreamExpectation? {
    guard
      let m = ctx.members(of: n, path: path, allowed: streamFields, what: "a stream expectation")
    else { return nil }
    var s = StreamExpectation(ref: ctx.ref(n.offset))
    if let f = m["format"]?.value {
      s.format = ctx.oneOf(
        f, path: path + ".format", what: "stream format", as: StreamExpectation.Format.self)
    }
    if let c = m["complete"]?.value {
      if case .bool(let b) = c.kind {
        s.complete = b
      } else {
        ctx.error(
          "expected complete (true or false), found \(ctx.describe(c))", at: c.offset,
          path: path + ".complete")
      }
    }
    if let me = m["minEvents"]?.value {
      s.minEvents = ctx.integer(
        me, path: path + ".minEvents", what: "a minimum event count", range: 0...1_000_000)
    }
    if let ev = m["events"]?.value {
      if let elements = ev.elements {
        var names: [String] = []
        for (i, e) in elements.enumerated() {
          if let name = ctx.string(e, path: path + ".events[\(i)]", what: "an event name") {
            names.append(name)
          }
        }
        s.events = names
      } else {
        ctx.error(
          "expected events (an array of event names in order), found \(ctx.describe(ev))",
          at: ev.offset, path: path + ".events")
      }
    }
    if let er = m["error"]?.value {
      s.error = decodeMatcher(er, path: path + ".error", ctx: &ctx, uses: &uses)
    }
    return s
  }
}
