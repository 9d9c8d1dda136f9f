import ConformanceCore
import Foundation
import Testing

/// Generated suites for the tests of operating a run (progress, rate, fail-fast, repeat, report sizes), the mock
/// serve request log, and a pseudo-terminal to run the binary under.
enum OperatingSuite {
  /// The valid key `mock serve` accepts when ANYINT_API_KEY is not set in its environment.
  static let mockKey = "sk-anyint-mock"

  /// `count` scenarios that each GET the models list; those at `failing` positions expect a status the fixture
  /// never gives, so they fail.
  static func make(count: Int, failing: Set<Int> = []) -> String {
    let dir = Harness.temporaryDirectory()
    var items: [String] = []
    for i in 0..<count {
      let status = failing.contains(i) ? 201 : 200
      items.append(
        #"{"id": "op.\#(pad(i))", "summary": "models list \#(i)", "request": {"method": "GET", "path": "/openai/v1/models"}, "expect": {"status": \#(status)}}"#
      )
    }
    Harness.write("[\n" + items.joined(separator: ",\n") + "\n]\n", to: dir + "/scenarios/ops.json")
    Harness.write(MiniSuite.fixtures, to: dir + "/Fixtures/models.fixture.json")
    return dir
  }

  static func pad(_ i: Int) -> String {
    let s = String(i)
    return String(repeating: "0", count: max(0, 4 - s.count)) + s
  }

  /// The `--log-requests` lines of a mock serve run, with their arrival times.
  static func logged(_ path: String) throws -> [(time: Date, entry: JSONValue)] {
    let parser = ISO8601DateFormatter()
    parser.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return try (Harness.read(path) ?? "").split(separator: "\n").map { line in
      let entry = try JSONParser.parse(Array(line.utf8))
      let time = try #require(entry["time"]?.stringValue.flatMap(parser.date(from:)))
      return (time, entry)
    }
  }

  static func report(_ dir: String) throws -> JSONValue {
    try JSONParser.parse(Array((Harness.read(dir + "/Reports/report.json") ?? "").utf8))
  }

  /// The interpreter for the pseudo-terminal helper (the standard library's pty module is all it needs).
  static let python =
    ProcessInfo.processInfo.environment["ANYINT_TEST_PYTHON"] ?? "/usr/bin/python3"
  static let ptyScript = Harness.repoRoot + "/Tests/Support/pty_run.py"

  /// What the binary wrote to its terminal, chunk by chunk, with seconds since it started.
  struct TerminalRun {
    var chunks: [(t: Double, text: String)]
    var exit: Int?
    var text: String { chunks.map(\.text).joined() }
  }

  /// Runs the binary with its standard output and error on a pseudo-terminal.
  static func runOnTerminal(
    _ args: [String], in directory: String, env: [String: String] = [:], timeout: TimeInterval = 120
  ) async throws -> TerminalRun {
    let r = try await Harness.run(
      [ptyScript, Harness.binary] + args, in: directory, env: env, timeout: timeout,
      executable: python)
    var run = TerminalRun(chunks: [])
    for line in r.stdout.split(separator: "\n") {
      let v = try JSONParser.parse(Array(line.utf8))
      if let code = v["exit"]?.numberValue { run.exit = Int(code) }
      if let t = v["t"]?.numberValue, let data = v["data"]?.stringValue {
        run.chunks.append((t, data))
      }
    }
    #expect(r.status == 0, "pty helper: \(r.stderr)")
    return run
  }
}
