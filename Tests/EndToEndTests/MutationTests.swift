import ConformanceCore
import Foundation
import TestSupport
import Testing

/// Fuzzing as a habit (issue 11): seeded mutants of the shipped scenario and fixture files. In process, every
/// mutant decodes without a trap and every problem is located; through the binary, a sample ends in exit 0,
/// 1 or 2, and exit 2 comes with a `file:line:col: error:` line. Seeds are fixed, so a failure reproduces.
@Suite struct MutationTests {
  static func inputs(_ relative: [String]) -> [(name: String, bytes: [UInt8])] {
    relative.compactMap { path in
      FileManager.default.contents(atPath: Harness.repoRoot + "/" + path).map {
        ((path as NSString).lastPathComponent, [UInt8]($0))
      }
    }
  }

  static let scenarioFiles = inputs([
    "scenarios/openai/chat.rate-limited.json", "scenarios/anthropic/messages.create.json",
    "scenarios/music/generate.sensitive-word.json", "scenarios/streams/openai.chat.stream.json",
    "scenarios/diagnostics/openai.header-mismatch.json",
  ])
  static let fixtureFiles = inputs([
    "Fixtures/anyint/openai/chat.rate-limited.fixture.json",
    "Fixtures/anyint/music/generate.sensitive-word.fixture.json",
    "Fixtures/anyint/openai/chat.completion.fixture.json",
  ])

  /// Each diagnostic names the file, prints on one line, and says something.
  static func expectLocated(_ diagnostics: [Diagnostic], file: String, mutant: Int) {
    for d in diagnostics {
      #expect(d.location.file == file, "mutant \(mutant): \(d)")
      #expect(!d.message.isEmpty, "mutant \(mutant): an empty message")
      #expect(!d.description.contains("\n"), "mutant \(mutant): \(d.description.debugDescription)")
      if d.severity == .error && d.message.hasPrefix("invalid JSON") {
        #expect(d.location.line >= 1, "mutant \(mutant): a syntax error without a line: \(d)")
      }
    }
  }

  @Test func scenarioAndFixtureMutantsDecodeWithoutATrapAndWithLocatedProblems() {
    #expect(Self.scenarioFiles.count >= 3 && Self.fixtureFiles.count >= 2, "the inputs moved")
    var rng = Mutator(seed: 0x11_5EED)
    var errors = 0
    for i in 0..<400 {
      let (name, base) = Self.scenarioFiles[i % Self.scenarioFiles.count]
      let path = "mutants/\(i)-\(name)"
      let decoded = ScenarioDecoder.decode(path: path, bytes: rng.mutate(base))
      Self.expectLocated(decoded.diagnostics, file: path, mutant: i)
      if decoded.diagnostics.hasErrors { errors += 1 }
    }
    for i in 0..<400 {
      let (name, base) = Self.fixtureFiles[i % Self.fixtureFiles.count]
      let path = "mutants/\(i)-\(name)"
      let decoded = FixtureDecoder.decode(path: path, bytes: rng.mutate(base))
      Self.expectLocated(decoded.diagnostics, file: path, mutant: i)
      if decoded.diagnostics.hasErrors { errors += 1 }
      // A store of what was accepted answers a request without trapping.
      if let f = decoded.fixtures.first {
        _ = FixtureStore(fixtures: decoded.fixtures).respond(
          to: HTTPRequest(method: f.request.method, target: f.request.target),
          keys: KeyClassifier(validKey: Credentials.fixtureKey), session: FixtureSession())
      }
    }
    // The mutants are hostile enough to break most files, and mild enough to leave some valid.
    #expect(errors > 200 && errors < 800, "\(errors) of 800 mutants had errors")
  }

  /// Through the binary: `validate` on a scenario mutant, `validate --fixtures` and `run` on a fixture mutant.
  @Test func mutantsThroughTheBinaryEndInExitZeroOneOrTwoWithLocatedErrors() async throws {
    let dir = Harness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var rng = Mutator(seed: 0xB1_7A2E)
    var list: [(args: [String], file: String, dir: String)] = []
    for i in 0..<24 {
      let (name, base) = Self.scenarioFiles[i % Self.scenarioFiles.count]
      let d = dir + "/s\(i)"
      Harness.write(String(decoding: rng.mutate(base), as: UTF8.self), to: d + "/scenarios/" + name)
      list.append((["validate", "scenarios"], "scenarios/" + name, d))
    }
    for i in 0..<24 {
      let (name, base) = Self.fixtureFiles[i % Self.fixtureFiles.count]
      let d = dir + "/f\(i)"
      Harness.write(MiniSuite.scenarios, to: d + "/scenarios/models.json")
      Harness.write(#"{"model": "gpt-4o-mini"}"#, to: d + "/scenarios/variables.json")
      Harness.write(String(decoding: rng.mutate(base), as: UTF8.self), to: d + "/Fixtures/" + name)
      let args = i % 2 == 0 ? ["validate", "--fixtures", "Fixtures"] : ["run", "--format", "json"]
      list.append((args, "Fixtures/" + name, d))
    }
    let jobs = list
    // Four at a time: the machine is shared.
    try await withThrowingTaskGroup(of: (Int, Harness.Result).self) { group in
      var next = 0
      func start() {
        guard next < jobs.count else { return }
        let i = next
        next += 1
        group.addTask { (i, try await Harness.run(jobs[i].args, in: jobs[i].dir, timeout: 60)) }
      }
      for _ in 0..<4 { start() }
      while let (i, r) = try await group.next() {
        let job = jobs[i]
        #expect(
          [0, 1, 2].contains(r.status), "\(job.args) on \(job.file): exit \(r.status)\n\(r.stderr)")
        if r.status == 2 {
          let located = r.stderr.split(separator: "\n").contains { line in
            line.hasPrefix(job.file + ":") && line.contains(": error: ")
          }
          #expect(
            located, "\(job.args) on \(job.file): exit 2 without a located error:\n\(r.stderr)")
        }
        start()
      }
    }
  }
}
