import Foundation
import Testing

@testable import ConformanceCore

/// The pieces of loading that were made linear (or parallel) give the results they gave before.
@Suite struct LinearDecodingTests {
  /// Pairs with repeated keys; later values must win, first positions must stay.
  static func pairs(_ n: Int) -> [JSONObject.Member] {
    (0..<n).map { i in
      JSONObject.Member(key: "k\(i % max(1, n * 2 / 3))", value: .number(Double(i)))
    }
  }

  @Test(arguments: [0, 1, 3, 16, 17, 40, 5_000])
  func objectsFromPairsMatchKeyByKeyAssignment(count: Int) {
    var expected = JSONObject()
    for p in Self.pairs(count) { expected[p.key] = p.value }
    let built = JSONObject(lastWins: Self.pairs(count))
    #expect(built.members == expected.members)
  }

  @Test(arguments: [5, 17, 2_000])
  func equalityIgnoresOrderAtAnySize(count: Int) {
    let a = JSONObject((0..<count).map { .init(key: "k\($0)", value: .number(Double($0))) })
    let b = JSONObject(a.members.reversed())
    #expect(a == b)
    var c = b
    c["k0"] = .string("other")
    #expect(a != c)
    var d = a
    d["k0"] = nil
    d["extra"] = .null
    #expect(a != d)
  }

  @Test func aParsedObjectWithManyKeysKeepsOrderAndLastValues() throws {
    let n = 20_000
    let body = "{" + (0..<n).map { #""k\#($0)":\#($0)"# }.joined(separator: ",") + #","k7":"last"}"#
    let v = try JSONParser.parse(body)
    let o = try #require(v.objectValue)
    #expect(o.count == n)
    #expect(o.members.first?.key == "k0")
    #expect(o.members[7].value == .string("last"))
    #expect(o.members.last?.key == "k\(n - 1)")
  }

  @Test func errorCountIsKeptAsDiagnosticsArrive() {
    var c = DiagnosticCollector()
    let at = SourceRef(file: "f", line: 1, column: 1)
    c.error("a", at: at, path: "")
    c.warning("b", at: at, path: "")
    c.append(Diagnostic(.note, at: at, path: "", "c"))
    c.append(contentsOf: [
      Diagnostic(at: at, path: "", "d"), Diagnostic(.warning, at: at, path: "", "e"),
    ])
    #expect(c.errorCount == 2)
    #expect(c.diagnostics.count == 5)
  }

  /// A scenario with `extra` unknown fields and `summary` written twice: the same problems whether the object
  /// is scanned (few fields) or indexed (many).
  @Test(arguments: [2, 30])
  func fieldChecksAreTheSameForSmallAndLargeObjects(extra: Int) {
    let unknown = (0..<extra).map { #""zz\#($0)":1"# }.joined(separator: ",")
    let text =
      #"{"id":"a.b","summary":"one","request":{"method":"GET","path":"/openai/v1/models"},"expect":{"status":200},"#
      + unknown + #","summary":"two"}"#
    let decoded = ScenarioDecoder.decode(path: "s.json", bytes: Array(text.utf8))
    #expect(decoded.scenarios.isEmpty)
    let messages = decoded.diagnostics.map(\.message)
    #expect(messages.count == extra + 1)
    #expect(messages.filter { $0.hasPrefix("unknown field 'zz") }.count == extra)
    let dup = decoded.diagnostics.first { $0.message.hasPrefix("duplicate field") }
    #expect(
      dup?.message == "duplicate field 'summary' (first written at line 1, column 13); keep one")
    #expect(dup?.path == "$.summary")
  }

  /// A large array is decoded in parallel slices; scenarios, problems and orphaned variable uses come out in
  /// file order, as from one pass.
  @Test func largeArraysDecodeInFileOrder() {
    let n = 1_000
    let items = (0..<n).map { i -> String in
      let method = i % 7 == 6 ? "FETCH" : "GET"
      return
        #"{"id":"p.\#(i)","summary":"s","request":{"method":"\#(method)","path":"/openai/v1/models?x=${v\#(i)}"},"expect":{"status":200}}"#
    }
    let text = "[" + items.joined(separator: ",\n") + "]"
    let decoded = ScenarioDecoder.decode(path: "p.json", bytes: Array(text.utf8))
    let bad = (0..<n).filter { $0 % 7 == 6 }
    #expect(decoded.scenarios.map(\.id) == (0..<n).filter { $0 % 7 != 6 }.map { "p.\($0)" })
    #expect(decoded.scenarios.map(\.jsonPath) == (0..<n).filter { $0 % 7 != 6 }.map { "$[\($0)]" })
    #expect(decoded.diagnostics.map(\.path) == bad.map { "$[\($0)].request.method" })
    #expect(decoded.diagnostics.map(\.location.line) == bad.map { $0 + 1 })
    #expect(decoded.orphanUses.map(\.name) == bad.map { "v\($0)" })
    #expect(decoded.scenarios.last?.variableUses.map(\.name) == ["v999"])
  }

  /// Parallel slices decode with the caller's settings (here a route catalog with an extra family).
  @Test func largeArraysKeepTheCatalog() {
    let n = 600
    let items = (0..<n).map { i in
      #"{"id":"acme.\#(i)","summary":"s","request":{"method":"POST","path":"/acme/v1/generate"},"expect":{"status":200}}"#
    }
    let text = "[" + items.joined(separator: ",") + "]"
    let decoded = ScenarioDecoder.decode(
      path: "acme.json", bytes: Array(text.utf8), catalog: RouteFamilyTableTests.catalog)
    #expect(decoded.diagnostics.isEmpty, "\(decoded.diagnostics.prefix(2))")
    #expect(decoded.scenarios.count == n)
    #expect(decoded.scenarios.allSatisfy { $0.family == RouteFamilyTableTests.acme })
  }
}
