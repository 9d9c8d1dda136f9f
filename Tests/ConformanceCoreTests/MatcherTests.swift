import Testing

@testable import ConformanceCore

@Suite struct MatcherTests {
  @Test(arguments: [
    (Matcher.equals(401), JSONValue?.some(401.0), true),
    (.equals("a"), .some("b"), false),
    (.equals(nil), .some(nil), true),
    (.equals(nil), nil, false),
    (.contains("limit"), .some("Rate limit exceeded"), true),
    (.contains("quota"), .some("Rate limit exceeded"), false),
    (.contains("gpt-4o"), .some(["a", "gpt-4o"]), true),
    (.contains(3), .some([1, 2]), false),
    (.contains("x"), .some(5), false),
    (.exists(true), .some(nil), true),
    (.exists(true), nil, false),
    (.exists(false), nil, true),
    (.exists(false), .some("x"), false),
    (.oneOf(["a", "b"]), .some("b"), true),
    (.oneOf(["a", "b"]), .some("c"), false),
    (.oneOf(["a"]), nil, false),
    (.type("string"), .some("s"), true),
    (.type("number"), .some("1"), false),
    (.type("null"), .some(nil), true),
    (.type("array"), .some([]), true),
    (.type("object"), nil, false),
    (.length(.equals(3)), .some([1, 2, 3]), true),
    (.length(.equals(3)), .some([1, 2]), false),
    (.length(.equals(2)), .some("hé"), true),
    (.length(.equals(1)), .some("👍🏽"), false),
    (.length(.equals(2)), .some(["a": 1, "b": 2]), true),
    (.length(.equals(0)), .some([]), true),
    (.length(.oneOf([1, 2])), .some(["x"]), true),
    (.length(.oneOf([1, 2])), .some([]), false),
    (.length(.type("number")), .some("abc"), true),
    (.length(.exists(true)), .some(5), false),
    (.length(.equals(0)), .some(nil), false),
    (.length(.equals(0)), nil, false),
  ])
  func holds(matcher: Matcher, actual: JSONValue?, expected: Bool) {
    #expect(matcher.holds(actual) == expected)
  }

  @Test func lengthSaysWhatItCountedAndWhatWasThere() throws {
    #expect(Matcher.length(.equals(3)).expectedDescription == "length 3")
    #expect(Matcher.length(.oneOf([1, 2])).expectedDescription == "length one of [1,2]")
    let short = Matcher.length(.equals(3)).evaluate(["a", "b"])
    #expect(short?.expected == "length 3" && short?.actual == "length 2: [\"a\",\"b\"]")
    let number = Matcher.length(.equals(3)).evaluate(7)
    #expect(number?.actual == "7 (a number, which has no length)")
    #expect(Matcher.length(.equals(3)).evaluate(nil)?.actual == "absent")
    #expect(Matcher.length(.matches(try CompiledRegex("^[1-3]$"))).holds("ab"))
  }

  /// `length` as scenarios write it: a count, or a matcher of one; typos and impossible matchers are errors.
  @Test func lengthDecodesFromScenarios() {
    func decode(_ matcher: String) -> (Matcher?, [String]) {
      let text = """
        {"id": "m", "summary": "m", "request": {"method": "GET", "path": "/openai/v1/models"},
         "expect": {"json": {"$.data": \(matcher)}}}
        """
      let d = ScenarioDecoder.decode(path: "m.json", bytes: Array(text.utf8))
      return (d.scenarios.first?.exchange?.expect.json.first?.matcher, d.diagnostics.map(\.message))
    }
    #expect(decode(#"{"length": 3}"#).0 == .length(.equals(3)))
    #expect(decode(#"{"length": {"in": [1, 2]}}"#).0 == .length(.oneOf([1, 2])))
    #expect(decode(#"{"length": {"type": "number"}}"#).0 == .length(.type("number")))
    #expect(decode(#"{"equals": {"length": 3}}"#).0 == .equals(["length": 3]))
    #expect(decode(#"{"lenght": 2}"#).1.first?.contains("did you mean 'length'?") == true)
    #expect(decode(#"{"lenght": 2}"#).1.first?.contains(#"write {"equals": {...}}"#) == true)
    #expect(decode(#"{"length": 2.5}"#).1.count == 1)
    #expect(
      decode(#"{"length": {"length": 2}}"#).1.first?.contains("'length' here can never hold")
        == true)
    #expect(
      decode(#"{"length": {"lenght": 2}}"#).1.first?.contains("did you mean 'length'?") == true)
  }

  @Test func regexSearchesAnywhereAndMatchesNumbers() throws {
    let re = Matcher.matches(try CompiledRegex("^req_[0-9]+$"))
    #expect(re.holds("req_123"))
    #expect(!re.holds("xreq_123"))
    #expect(Matcher.matches(try CompiledRegex("limit")).holds("Rate limit exceeded"))
    #expect(Matcher.matches(try CompiledRegex("^4\\d\\d$")).holds(429))
    #expect(!re.holds(nil))
  }

  @Test func failuresDescribeExpectedAndActual() throws {
    let f = try #require(Matcher.equals(401).evaluate(200))
    #expect(f.expected == "401")
    #expect(f.actual == "200")
    #expect(Matcher.exists(true).evaluate(nil)?.actual == "absent")
    #expect(Matcher.oneOf(["a", "b"]).evaluate("c")?.expected == #"one of ["a","b"]"#)
  }
}

/// `length` through a whole run: the failure names the check, the expected length and what was counted.
@Suite struct LengthMatcherRunTests {
  @Test func aRunReportsTheLengthItFound() async {
    let text = """
      [{"id": "count", "summary": "three models", "request": {"method": "GET", "path": "/openai/v1/models"},
        "expect": {"status": 200, "json": {"$.data": {"length": 3}, "$.data[*].id": {"length": {"in": [1, 2]}}}}}]
      """
    let decoded = ScenarioDecoder.decode(path: "count.json", bytes: Array(text.utf8))
    #expect(decoded.diagnostics.isEmpty)
    let transport = ClosureTransport { _, _ in json(200, ["data": [["id": "a"], ["id": "b"]]]) }
    let r = await Runner(transport: transport, options: RunOptions()).run(decoded.scenarios)[0]
    #expect(r.outcome == .failed)
    #expect(r.failures.count == 1)
    #expect(r.failures.first?.check == "json $.data")
    #expect(r.failures.first?.expected == "length 3")
    #expect(r.failures.first?.actual == #"length 2: [{"id":"a"},{"id":"b"}]"#)
  }
}
