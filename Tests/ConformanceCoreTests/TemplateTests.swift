import Testing

@testable import ConformanceCore

@Suite struct TemplateTests {
  @Test func findsAndResolvesReferences() throws {
    #expect(try Template.references(in: "/x/${a}?t=${b.c}&${a}") == ["a", "b.c", "a"])
    let out = try Template.resolve("model ${m}, literal $${m}, cost $5") { $0 == "m" ? "gpt" : nil }
    #expect(out == "model gpt, literal ${m}, cost $5")
  }

  @Test func reportsUnresolvedAndMalformedReferences() {
    #expect(throws: Template.Unresolved(name: "nope")) {
      try Template.resolve("${nope}") { _ in nil }
    }
    #expect(throws: Template.SyntaxError.self) { try Template.references(in: "x ${open") }
    #expect(throws: Template.SyntaxError.self) { try Template.references(in: "${1bad}") }
    #expect(throws: Template.SyntaxError.self) { try Template.references(in: "${}") }
  }

  @Test func sourcesResolveInTheDocumentedOrder() {
    let s = VariableSources(
      commandLine: ["a": "cli"],
      environment: [
        "ANYINT_VAR_A": "env", "ANYINT_VAR_B": "env", "ANYINT_VAR_MODEL_ID": "env-model",
      ],
      file: ["a": "file", "b": "file", "c": "file"], builtIns: ["run_id": "r1", "c": "builtin"])
    #expect(s.lookup("a") == "cli")
    #expect(s.lookup("b") == "env")
    #expect(s.lookup("c") == "file")
    #expect(s.lookup("d", captured: ["d": "captured"]) == "captured")
    #expect(s.lookup("c", captured: ["c": "captured"]) == "file")
    #expect(s.lookup("run_id") == "r1")
    #expect(s.lookup("model.id") == "env-model")
    #expect(VariableSources.environmentName(for: "claude-model") == "ANYINT_VAR_CLAUDE_MODEL")
  }
}
