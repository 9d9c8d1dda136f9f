import Testing

@testable import ConformanceCore

@Suite struct JSONParserTests {
  @Test func parsesEveryKindOfValue() throws {
    let v = try JSONParser.parse(
      #"{"a": [1, -2.5, 3e2, true, false, null], "b": {"c": "d\n\u00e9\ud83d\ude00"}}"#)
    #expect(v["a"] == [1, -2.5, 300, true, false, nil])
    #expect(v["b"]?["c"] == .string("d\né😀"))
  }

  @Test func keepsMemberOrderButComparesWithoutIt() throws {
    let a = try JSONParser.parse(#"{"b": 1, "a": 2}"#)
    let b = try JSONParser.parse(#"{"a": 2.0, "b": 1}"#)
    #expect(a == b)
    #expect(a.objectValue?.keys == ["b", "a"])
    #expect(JSONWriter.string(a, style: .canonical) == #"{"a":2,"b":1}"#)
  }

  @Test(arguments: [
    ("", 0, "holds no JSON value"),
    ("{", 1, "expected a member name"),
    ("[1,]", 2, "trailing comma"),
    ("{\"a\" 1}", 5, "expected ':'"),
    ("\"abc", 0, "unterminated string"),
    ("01", 1, "leading zeros"),
    ("[1] x", 4, "after the JSON value"),
    ("tru", 0, "expected a value"),
    ("\"a\u{01}\"", 2, "control character"),
    ("\"\\q\"", 1, "invalid escape"),
    ("1e999", 0, "out of range"),
  ])
  func reportsSyntaxErrorsWithOffsets(text: String, offset: Int, message: String) {
    do {
      _ = try JSONParser.parse(text)
      Issue.record("expected a syntax error for \(text)")
    } catch {
      #expect(error.offset == offset)
      #expect(error.message.contains(message), "\(error.message)")
    }
  }

  @Test func findsTheFirstByteThatIsNotUTF8() {
    #expect(JSONParser.firstInvalidUTF8(Array(#"{"a": "café ✓ 🎵"}"#.utf8)) == nil)
    #expect(JSONParser.firstInvalidUTF8([]) == nil)
    #expect(JSONParser.firstInvalidUTF8(Array("ab".utf8) + [0xE9] + Array("cd".utf8)) == 2)
    // A truncated multi-byte sequence, and an overlong encoding of '/'.
    #expect(JSONParser.firstInvalidUTF8(Array("é".utf8) + [0xE2, 0x9C]) == 2)
    #expect(JSONParser.firstInvalidUTF8([0x41, 0xC0, 0xAF]) == 1)
  }

  @Test func boundsNestingDepth() {
    let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
    #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(deep) }
    let ok = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
    #expect(throws: Never.self) { try JSONParser.parse(ok) }
  }

  @Test func positionsCountLinesAndCharacters() throws {
    let text = "{\n  \"é\": [\n    true ]\n}"
    let source = SourceText(path: "f.json", bytes: Array(text.utf8))
    let node = try JSONParser.parseNode(Array(text.utf8))
    let member = try #require(node.members?.first)
    #expect(source.position(of: member.keyOffset) == (2, 3))
    let inner = try #require(member.value.elements?.first)
    #expect(source.position(of: inner.offset) == (3, 5))
  }

  @Test func writerEscapesAndFormatsNumbers() {
    #expect(JSONWriter.string(.string("a\"b\\c\n\u{01}")) == #""a\"b\\c\n\u0001""#)
    #expect(JSONWriter.string(.number(3)) == "3")
    #expect(JSONWriter.string(.number(-0.5)) == "-0.5")
    #expect(
      JSONWriter.string(["x": [1, "y"]], style: .pretty)
        == "{\n  \"x\": [\n    1,\n    \"y\"\n  ]\n}\n")
  }

  @Test func roundTripsThroughTheWriter() throws {
    let text = #"{"z":[1,2,{"q":null}],"a":"\u2028 line","n":-12.75}"#
    let v = try JSONParser.parse(text)
    #expect(try JSONParser.parse(JSONWriter.string(v)) == v)
    #expect(try JSONParser.parse(JSONWriter.string(v, style: .pretty)) == v)
  }
}

@Suite struct JSONPathTests {
  let doc: JSONValue = [
    "data": [["id": "gpt-4o", "n": 1], ["id": "gpt-4o-mini", "n": 2]],
    "error": ["type": "x"],
    "odd key": 5,
  ]

  @Test(arguments: [
    ("$", true),
    ("$.data[0].id", true),
    ("$.data[-1].id", true),
    ("$[\"odd key\"]", true),
    ("$['odd key']", true),
    ("$.missing", false),
    ("$.data[5]", false),
    ("$.data[*].id", true),
    ("$.data[*].nope", false),
  ])
  func selects(path: String, exists: Bool) throws {
    let p = try JSONPath(parsing: path)
    #expect((p.evaluate(in: doc) != nil) == exists)
  }

  @Test func wildcardYieldsAnArray() throws {
    let p = try JSONPath(parsing: "$.data[*].id")
    #expect(p.evaluate(in: doc) == ["gpt-4o", "gpt-4o-mini"])
    #expect(try JSONPath(parsing: "$.data[-1].n").evaluate(in: doc) == 2)
  }

  @Test(arguments: ["data", "$.", "$[", "$[abc]", "$.a[*", "$a", "$[\"x]"])
  func rejectsMalformedPaths(path: String) {
    #expect(throws: JSONPath.PathError.self) { try JSONPath(parsing: path) }
  }

  @Test func describesItselfCanonically() throws {
    #expect(try JSONPath(parsing: "$['a'][0].b").description == "$.a[0].b")
    #expect(try JSONPath(parsing: "$[\"odd key\"]").description == "$[\"odd key\"]")
  }
}
