/// Substitutes `${name}` in a scenario's request and expectations.
///
/// References were checked when the suite loaded, so a failure here means a capture did not happen; the error
/// names the variable.
public struct VariableResolver: Sendable {
  public var sources: VariableSources
  public var captured: [String: String]

  public init(sources: VariableSources, captured: [String: String] = [:]) {
    self.sources = sources
    self.captured = captured
  }

  public func string(_ s: String) throws -> String {
    try Template.resolve(s) { sources.lookup($0, captured: captured) }
  }

  public func json(_ v: JSONValue) throws -> JSONValue {
    switch v {
    case .string(let s): return .string(try string(s))
    case .array(let a): return .array(try a.map(json))
    case .object(let o):
      return .object(
        JSONObject(try o.members.map { JSONObject.Member(key: $0.key, value: try json($0.value)) }))
    default: return v
    }
  }

  public func request(_ r: RequestSpec) throws -> RequestSpec {
    var out = r
    out.path = try string(r.path)
    if out.path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
      throw HeaderValueError(name: nil, value: out.path)
    }
    out.headers = try r.headers.map { h in
      let value = try h.value.map(string)
      if let value, value.unicodeScalars.contains(where: ScenarioDecoder.isForbiddenInHeaderValue) {
        throw HeaderValueError(name: h.name, value: value)
      }
      return (h.name, value)
    }
    switch r.body {
    case .json(let v): out.body = .json(try json(v))
    case .raw(let s): out.body = .raw(try string(s))
    case .none: break
    }
    return out
  }

  public func matcher(_ m: Matcher) throws -> Matcher {
    switch m {
    case .equals(let v): return .equals(try json(v))
    case .contains(let v): return .contains(try json(v))
    case .oneOf(let vs): return .oneOf(try vs.map(json))
    default: return m
    }
  }

  public func expectation(_ e: ScenarioExpectation) throws -> ScenarioExpectation {
    var out = e
    out.error = try e.error.map { ($0.field, try matcher($0.matcher), $0.ref) }
    out.headers = try e.headers.map { ($0.name, try matcher($0.matcher), $0.ref) }
    out.json = try e.json.map { ($0.path, try matcher($0.matcher), $0.ref) }
    if var s = e.stream, let em = s.error {
      s.error = try matcher(em)
      out.stream = s
    }
    return out
  }
}

/// A variable put a line break or another control character into a header value or the path: it cannot be sent.
public struct HeaderValueError: Error, CustomStringConvertible {
  /// The header's name; nil for the request path.
  public var name: String?
  public var value: String
  /// Names the header, not the value (a value may carry a secret).
  public var description: String {
    guard let name else {
      return
        "the request path would hold a line break or other control character after variable substitution; fix the variable's value"
    }
    return
      "header '\(name)' would hold a line break or other control character after variable substitution; a header is sent on one line, so fix the variable's value"
  }
}
