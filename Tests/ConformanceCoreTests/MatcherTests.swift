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
  ])
  func holds(matcher: Matcher, actual: JSONValue?, expected: Bool) {
    #expect(matcher.holds(actual) == expected)
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
