extension ScenarioDecoder {
  static let stepFields = ["id", "request", "expect", "capture", "poll", "webhook"]
  static let pollFields = ["until", "failWhen", "intervalMs", "timeoutMs"]
  static let webhookFields = ["callbackType", "timeoutMs"]

  /// Decodes `steps`. Variables captured by a step are available to the steps after it; a reference to a
  /// name captured only later is an error here, since it could never resolve.
  static func decodeSteps(
    _ node: JSONNode, path: String, ctx: inout DecodeContext, uses: inout [VariableUse]
  ) -> [Step]? {
    guard let elements = node.elements else {
      ctx.error(
        "expected steps (an array of step objects), found \(ctx.describe(node))", at: node.offset,
        path: path)
      return nil
    }
    if elements.isEmpty {
      ctx.error("'steps' is empty; list at least one step", at: node.offset, path: path)
      return nil
    }
    let before = ctx.diagnostics.errorCount
    var steps: [Step] = []
    var stepIDs: [String: Int] = [:]
    var captured: [String: Int] = [:]  // name -> index of the capturing step
    var laterCaptures: [String: Int] = [:]
    for (i, e) in elements.enumerated() {
      if let m = e.members?.first(where: { $0.key == "capture" })?.value.members {
        for c in m where laterCaptures[c.key] == nil { laterCaptures[c.key] = i }
      }
    }
    var hasWebhook = false
    for (i, e) in elements.enumerated() {
      let p = path + "[\(i)]"
      guard let m = ctx.members(of: e, path: p, allowed: stepFields, what: "a step") else {
        continue
      }
      var stepUses: [VariableUse] = []
      var id = "step\(i + 1)"
      if let n = m["id"]?.value, let s = ctx.string(n, path: p + ".id", what: "a step id") {
        if !isValidID(s) {
          ctx.error(
            "step id \"\(s)\" must match [a-z0-9][a-z0-9._/-]*", at: n.offset, path: p + ".id")
        } else if let first = stepIDs[s] {
          ctx.error(
            "step id \"\(s)\" is used twice (first by step \(first + 1)); step ids must be unique in a scenario",
            at: n.offset, path: p + ".id")
        } else {
          id = s
          stepIDs[s] = i
        }
      } else if m["id"] == nil {
        ctx.missing(
          "id", in: m, allowed: stepFields, at: e.offset, path: p,
          hint: "a step id such as \"create\" or \"poll\"")
      }
      let kinds = ["request", "webhook"].filter { m[$0] != nil }
      if kinds.count != 1 {
        if kinds.isEmpty, !ctx.typoCovers(["request", "webhook"], in: m, allowed: stepFields) {
          ctx.error(
            "a step needs 'request' (send something) or 'webhook' (wait for a callback)",
            at: e.offset, path: p)
        } else if kinds.count == 2 {
          ctx.error(
            "a step has either 'request' or 'webhook', not both; make them two steps",
            at: m["webhook"]?.keyOffset ?? e.offset, path: p + ".webhook"
          )
        }
        continue
      }
      if let w = m["webhook"] {
        hasWebhook = true
        for other in ["expect", "capture", "poll"] where m[other] != nil {
          ctx.error(
            "'\(other)' has no meaning in a webhook step", at: m[other]?.keyOffset ?? e.offset,
            path: p + "." + other)
        }
        if let hook = decodeWebhook(w.value, path: p + ".webhook", ctx: &ctx) {
          steps.append(Step(id: id, kind: .webhook(hook), source: ctx.ref(e.offset)))
        }
        continue
      }
      guard let r = m["request"],
        let request = decodeRequest(r.value, path: p + ".request", ctx: &ctx, uses: &stepUses)
      else { continue }
      var expect: ScenarioExpectation?
      if let x = m["expect"] {
        expect = decodeExpect(x.value, path: p + ".expect", ctx: &ctx, uses: &stepUses)
      }
      var poll: PollSpec?
      if let pn = m["poll"] {
        if request.method != "GET" {
          ctx.error(
            "a poll step re-sends its request, so it must be a GET (this one is \(request.method)); never poll by re-creating a task",
            at: pn.keyOffset, path: p + ".poll")
        }
        poll = decodePoll(pn.value, path: p + ".poll", ctx: &ctx, uses: &stepUses)
      } else if expect == nil && m["capture"] == nil {
        ctx.error(
          "a request step needs 'expect', 'capture' or 'poll'; otherwise nothing is checked",
          at: e.offset, path: p)
      }
      var capture: [(name: String, path: JSONPath)] = []
      if let cn = m["capture"]?.value {
        if let members = cn.members {
          for c in members {
            let cp = DecodeContext.child(p + ".capture", c.key)
            guard Template.isValidName(c.key) else {
              ctx.error(
                "\"\(c.key)\" is not a valid variable name (letters, digits, '_', '-', '.'; starting with a letter or '_')",
                at: c.keyOffset,
                path: cp)
              continue
            }
            guard
              let text = ctx.string(
                c.value, path: cp, what: "a JSON path such as \"$.data.taskId\"")
            else { continue }
            do {
              capture.append((c.key, try JSONPath(parsing: text)))
            } catch {
              ctx.error(
                "\"\(text)\" is not a JSON path: \(error.message); write paths like \"$.data.taskId\"",
                at: c.value.offset, path: cp)
            }
          }
        } else {
          ctx.error(
            "expected capture (an object of name: \"$.json.path\"), found \(ctx.describe(cn))",
            at: cn.offset, path: p + ".capture")
        }
      }
      // References to names captured by earlier steps resolve at run time; the rest go to the suite check.
      for use in stepUses {
        if let by = captured[use.name], by < i { continue }
        if let later = laterCaptures[use.name], later >= i {
          let when = later == i ? "by this step's own answer" : "by step \(later + 1)"
          ctx.diagnostics.error(
            "${\(use.name)} is captured \(when), so it has no value yet when step \(i + 1) sends its request; capture it in an earlier step",
            at: use.ref, path: use.path)
          continue
        }
        uses.append(use)
      }
      for c in capture where captured[c.name] == nil { captured[c.name] = i }
      steps.append(
        Step(
          id: id,
          kind: .request(
            RequestStep(request: request, expect: expect, capture: capture, poll: poll)),
          source: ctx.ref(e.offset)))
    }
    // ${callback_url} is set while a webhook step's listener runs: fine in a scenario that has one.
    if hasWebhook { uses.removeAll { $0.name == VariableSources.callbackURL } }
    return ctx.diagnostics.errorCount == before ? steps : nil
  }

  static func decodePoll(
    _ node: JSONNode, path: String, ctx: inout DecodeContext, uses: inout [VariableUse]
  ) -> PollSpec? {
    guard let m = ctx.members(of: node, path: path, allowed: pollFields, what: "a poll") else {
      return nil
    }
    var spec = PollSpec(until: [], ref: ctx.ref(node.offset))
    if let u = m["until"]?.value {
      spec.until = decodeConditions(u, path: path + ".until", ctx: &ctx, uses: &uses)
      if u.members?.isEmpty == true {
        ctx.error(
          "'until' is empty, so the poll would never stop; give at least one condition",
          at: u.offset, path: path + ".until")
      }
    } else {
      ctx.missing(
        "until", in: m, allowed: pollFields, at: node.offset, path: path,
        hint: "the condition that ends the poll, such as {\"$.data.status\": \"SUCCESS\"}")
    }
    if let f = m["failWhen"]?.value {
      spec.failWhen = decodeConditions(f, path: path + ".failWhen", ctx: &ctx, uses: &uses)
    }
    if let n = m["intervalMs"]?.value {
      spec.intervalMs =
        ctx.integer(
          n, path: path + ".intervalMs", what: "a poll interval in milliseconds",
          range: 1...3_600_000) ?? spec.intervalMs
    }
    if let n = m["timeoutMs"]?.value {
      spec.timeoutMs =
        ctx.integer(
          n, path: path + ".timeoutMs", what: "a poll time limit in milliseconds",
          range: 1...maxTimeoutMs) ?? spec.timeoutMs
    }
    return spec
  }

  /// `{"$.path": matcher, ...}` conditions of a poll.
  static func decodeConditions(
    _ node: JSONNode, path: String, ctx: inout DecodeContext, uses: inout [VariableUse]
  ) -> [(
    path: JSONPath, matcher: Matcher, ref: SourceRef
  )] {
    guard let members = node.members else {
      ctx.error(
        "expected conditions (an object of \"$.path\": matcher), found \(ctx.describe(node))",
        at: node.offset, path: path)
      return []
    }
    var out: [(path: JSONPath, matcher: Matcher, ref: SourceRef)] = []
    for c in members {
      let p = DecodeContext.child(path, c.key)
      let jsonPath: JSONPath
      do {
        jsonPath = try JSONPath(parsing: c.key)
      } catch {
        ctx.error(
          "\"\(c.key)\" is not a JSON path: \(error.message); write paths like \"$.data.status\"",
          at: c.keyOffset, path: p)
        continue
      }
      if let matcher = decodeMatcher(c.value, path: p, ctx: &ctx, uses: &uses) {
        out.append((jsonPath, matcher, ctx.ref(c.value.offset)))
      }
    }
    return out
  }

  static func decodeWebhook(_ node: JSONNode, path: String, ctx: inout DecodeContext)
    -> WebhookStep?
  {
    guard let m = ctx.members(of: node, path: path, allowed: webhookFields, what: "a webhook wait")
    else { return nil }
    var hook = WebhookStep(callbackType: nil, ref: ctx.ref(node.offset))
    if let t = m["callbackType"]?.value,
      let s = ctx.string(t, path: path + ".callbackType", what: "a callback type")
    {
      if let type = CallbackType(rawValue: s) {
        hook.callbackType = type
      } else {
        ctx.error(
          "unknown callbackType \"\(s)\"; expected one of \(CallbackType.allCases.map { "\"\($0)\"" }.joined(separator: ", "))",
          at: t.offset,
          path: path + ".callbackType")
      }
    }
    if let n = m["timeoutMs"]?.value {
      hook.timeoutMs =
        ctx.integer(
          n, path: path + ".timeoutMs", what: "a callback time limit in milliseconds",
          range: 1...maxTimeoutMs) ?? hook.timeoutMs
    }
    return hook
  }
}
