import Foundation
import TestSupport
import Testing

/// Runs the built `anyint-conformance` binary and captures what it did.
struct Harness {
  static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path

  /// The binary next to the test bundle (SwiftPM builds it because this target depends on it).
  static let binary: String = {
    let candidates = [
      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("anyint-conformance").path,
      Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("anyint-conformance")
        .path,
      repoRoot + "/.build/debug/anyint-conformance",
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
      ?? candidates[candidates.count - 1]
  }()

  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// Runs the binary in `directory` with a clean environment (plus `env`), with a time limit.
  ///
  /// Async and non-blocking: waiting on a child process must not hold one of the few threads of Swift's
  /// cooperative pool, or every other test running in parallel stalls behind it (`ChildProcess` waits and
  /// reads on threads of its own).
  static func run(
    _ args: [String], in directory: String = repoRoot, env: [String: String] = [:],
    timeout: TimeInterval = 120, executable: String = binary
  ) async throws -> Result {
    var environment = [
      "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
      "HOME": NSTemporaryDirectory(),
    ]
    environment.merge(env) { _, new in new }
    let child = try ChildProcess(
      [executable] + args, environment: environment, directory: directory)
    if await child.wait(seconds: timeout) == nil {
      let threads = threadStates(child.pid)
      child.send(SIGTERM)
      Issue.record(
        "anyint-conformance \(args.joined(separator: " ")) did not finish within \(timeout) s; its threads: \(threads)"
      )
    }
    let out = await child.output()
    return Result(
      status: out.status, stdout: String(decoding: out.stdout, as: UTF8.self),
      stderr: String(decoding: out.stderr, as: UTF8.self))
  }

  /// What each thread of a process is doing (name, state, kernel wait channel), for a hang's report.
  static func threadStates(_ pid: pid_t) -> String {
    let dir = "/proc/\(pid)/task"
    let tasks = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
    return tasks.sorted().map { tid in
      func field(_ name: String) -> String {
        (try? String(contentsOfFile: "\(dir)/\(tid)/\(name)", encoding: .utf8))?
          .trimmingCharacters(in: .whitespacesAndNewlines) ?? "?"
      }
      let state = field("stat").split(separator: ")").last?.split(separator: " ").first ?? "?"
      return "\(field("comm"))[\(state) \(field("wchan"))]"
    }.joined(separator: " ")
  }

  /// A fresh temporary directory, removed by the caller.
  static func temporaryDirectory() -> String {
    let dir = NSTemporaryDirectory() + "anyint-e2e-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
  }

  static func write(_ text: String, to path: String) {
    let dir = (path as NSString).deletingLastPathComponent
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
  }

  static func read(_ path: String) -> String? {
    FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
  }
}

/// A tiny suite written to a temporary folder: two scenarios and the fixtures that answer them.
enum MiniSuite {
  static let scenarios = """
    [
      {"id": "mini.models.ok", "summary": "models list answers", "tags": ["smoke"],
       "request": {"method": "GET", "path": "/openai/v1/models"},
       "expect": {"status": 200, "json": {"$.data[*].id": {"contains": "${model}"}}, "situation": "success"}},
      {"id": "mini.models.bad-key", "summary": "a wrong key is refused", "tags": ["auth"],
       "request": {"method": "GET", "path": "/openai/v1/models", "key": "invalid"},
       "expect": {"status": 401, "envelope": "openai", "error": {"type": "authentication_error", "code": "invalid_api_key"},
                  "situation": "invalid-api-key", "retry": "no"}}
    ]
    """

  static let fixtures = """
    [
      {"id": "models.ok", "request": {"method": "GET", "path": "/openai/v1/models"},
       "response": {"status": 200, "json": {"object": "list", "data": [{"id": "gpt-4o-mini", "object": "model"}]}}},
      {"id": "models.bad-key", "request": {"method": "GET", "path": "/openai/v1/models", "key": "invalid"},
       "response": {"status": 401, "json": {"error": {"message": "Invalid or missing API key", "type": "authentication_error", "code": "invalid_api_key"}}}}
    ]
    """

  /// Writes the suite into a new temporary directory and returns it.
  static func make() -> String {
    let dir = Harness.temporaryDirectory()
    Harness.write(scenarios, to: dir + "/scenarios/models.json")
    Harness.write(#"{"model": "gpt-4o-mini"}"#, to: dir + "/scenarios/variables.json")
    Harness.write(fixtures, to: dir + "/Fixtures/models.fixture.json")
    return dir
  }
}
