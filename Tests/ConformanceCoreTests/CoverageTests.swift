import Testing

@testable import ConformanceCore

@Suite struct CoverageTests {
  /// Each scenario is listed once per route, in suite order, however many of its requests use the route and
  /// however many scenarios share it.
  @Test func listsEachScenarioOncePerRouteInOrder() {
    let exchange = (0..<500).map { i in
      #"{"id":"c.\#(i)","summary":"s","request":{"method":"GET","path":"/openai/v1/\#(i % 2 == 0 ? "models" : "unlisted")"},"expect":{"status":200}}"#
    }
    let twice =
      #"{"id":"c.steps","summary":"s","steps":[{"id":"a","request":{"method":"GET","path":"/openai/v1/models"},"expect":{"status":200}},{"id":"b","request":{"method":"GET","path":"/openai/v1/models"},"expect":{"status":200}},{"id":"c","request":{"method":"GET","path":"/openai/v1/unlisted?x=1"},"expect":{"status":200}},{"id":"d","request":{"method":"GET","path":"/openai/v1/unlisted"},"expect":{"status":200}}]}"#
    let text = "[" + (exchange + [twice]).joined(separator: ",") + "]"
    let decoded = ScenarioDecoder.decode(path: "c.json", bytes: Array(text.utf8))
    #expect(decoded.diagnostics.isEmpty, "\(decoded.diagnostics.prefix(3))")
    let (rows, unpublished) = Coverage.compute(decoded.scenarios)
    let models = rows.first {
      $0.route.method == "GET" && $0.route.matches(path: "/openai/v1/models")
    }
    let evens = stride(from: 0, to: 500, by: 2).map { "c.\($0)" }
    let odds = stride(from: 1, to: 500, by: 2).map { "c.\($0)" }
    #expect(models?.scenarios == evens + ["c.steps"])
    #expect(unpublished.map(\.path) == ["/openai/v1/unlisted"])
    #expect(unpublished.first?.scenarios == odds + ["c.steps"])
  }
}
