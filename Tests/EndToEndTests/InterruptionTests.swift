import ConformanceCore
import Foundation
import TestSupport
import Testing

/// Issue 11, case 3: real signals sent to the binary during a live run against `mock serve --delay-ms`, at
/// several moments (nothing finished yet, mid-run, during the write phase). Each leaves one complete,
/// parseable report set with one run id and nothing else in the directory; unfinished scenarios are skipped
/// with the reason `interrupted`; the exit code is 130 (SIGINT) or 143 (SIGTERM).
@Suite(.serialized) struct InterruptionTests {
  static let key = "sk-interruption-test-0123456789"

  /// `count` scenarios, each one GET the mock answers after its delay.
  static func suite(_ count: Int) -> String {
    "["
      + (0..<count).map {
        #"{"id": "int.\#($0)", "summary": "s", "request": {"method": "GET", "path": "/openai/v1/models"}, "expect": {"status": 200}}"#
      }.joined(separator: ",\n") + "]"
  }

  /// A running `anyint-conformance` with its output collected (a `ChildProcess`: spawned without Foundation's
  /// `Process`, waited for off the cooperative pool).
  final class Child: Sendable {
    let child: ChildProcess

    init(_ args: [String], in dir: String, key: String = InterruptionTests.key) throws {
      child = try ChildProcess(
        [Harness.binary] + args,
        environment: [
          "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
          "ANYINT_API_KEY": key,
        ], directory: dir)
    }

    var pid: pid_t { child.pid }

    /// Whether the process is still running (not gone, not a zombie waiting to be reaped): a synchronous
    /// check, for conditions polled on a thread.
    var isRunning: Bool {
      guard kill(pid, 0) == 0,
        let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
        let close = stat.lastIndex(of: ")")
      else { return false }
      return !stat[close...].hasPrefix(") Z")
    }

    func signal(_ number: Int32) { child.send(number) }

    /// Waits for the exit (SIGKILL after `timeout` seconds); returns status, stdout, stderr.
    func finish(timeout: TimeInterval = 60) async -> (Int32, String, String) {
      if await child.wait(seconds: timeout) == nil { child.send(SIGKILL) }
      let o = await child.output()
      return (
        o.status, String(decoding: o.stdout, as: UTF8.self),
        String(decoding: o.stderr, as: UTF8.self)
      )
    }
  }

  /// Polls `condition` every 5 ms on a thread of its own, not the test pool (a loaded suite keeps the pool's
  /// threads busy for seconds, long enough to miss a moment of a child's run), and runs `then` on that thread
  /// the moment it holds; returns whether it held in time.
  /// Whether `signal` is pending for the process or any of its threads (`/proc/PID/status`, `ShdPnd` and
  /// each task's `SigPnd`).
  static func pending(_ signal: Int32, in pid: pid_t) -> Bool {
    let bit = UInt64(1) << UInt64(signal - 1)
    func masks(_ path: String, _ field: String) -> [UInt64] {
      guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
      return text.split(separator: "\n").compactMap { line in
        guard line.hasPrefix(field + ":") else { return nil }
        return UInt64(
          line.dropFirst(field.count + 1).trimmingCharacters(in: .whitespaces), radix: 16)
      }
    }
    var all = masks("/proc/\(pid)/status", "ShdPnd")
    let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
    for t in tasks { all += masks("/proc/\(pid)/task/\(t)/status", "SigPnd") }
    return all.contains { $0 & bit != 0 }
  }

  static func waitUntil(
    _ seconds: Double = 120, _ condition: @escaping @Sendable () -> Bool,
    then action: (@Sendable () -> Void)? = nil
  ) async -> Bool {
    await withCheckedContinuation { (c: CheckedContinuation<Bool, Never>) in
      Thread.detachNewThread {
        let deadline = Date().addingTimeInterval(seconds)
        var held = condition()
        while !held && Date() < deadline {
          usleep(5_000)
          held = condition()
        }
        if held { action?() }
        c.resume(returning: held)
      }
    }
  }

  static func answered(_ log: String) -> Int {
    (Harness.read(log) ?? "").split(separator: "\n").count
  }

  /// One report set, one run id, nothing else; the report says which signal; what did not finish is skipped.
  static func expectInterruptedSet(_ dir: String, signal: String) throws -> JSONValue {
    try ReportSetTests.expectOneSet(dir, "interrupted by \(signal)")
    let report = try JSONParser.parse(Array((Harness.read(dir + "/report.json") ?? "").utf8))
    #expect(report["interrupted"]?.stringValue == signal)
    for s in report["scenarios"]?.arrayValue ?? [] where s["outcome"] == "skipped" {
      #expect(s["reason"] == "interrupted", "\(s)")
    }
    #expect((Harness.read(dir + "/junit.xml") ?? "").contains(#"<skipped message="interrupted"/>"#))
    return report
  }

  struct Moment: Sendable, CustomTestStringConvertible {
    var signal: Int32
    var name: String
    var code: Int32
    /// Answers the mock must have given before the signal.
    var after: Int
    var testDescription: String { "\(name) after \(after) answers" }
  }

  @Test(arguments: [
    Moment(signal: SIGINT, name: "SIGINT", code: 130, after: 0),
    Moment(signal: SIGINT, name: "SIGINT", code: 130, after: 3),
    Moment(signal: SIGTERM, name: "SIGTERM", code: 143, after: 3),
  ])
  func aSignalMidRunKeepsWhatFinished(_ m: Moment) async throws {
    let dir = MiniSuite.make()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    // 40 scenarios two at a time, each answered after a second: 20 s of run in which to signal.
    Harness.write(Self.suite(40), to: dir + "/scenarios/models.json")
    let log = dir + "/requests.jsonl"
    let mock = try await MockServeProcess(
      arguments: ["--fixtures", dir + "/Fixtures", "--delay-ms", "1000", "--log-requests", log],
      env: ["ANYINT_API_KEY": Self.key])
    defer { mock.terminate() }
    // An earlier, finished run: its set is replaced by the interrupted one, never mixed with it.
    let earlier = try await Harness.run(
      ["run", "--target", "live", "--base-url", mock.url, "--id", "int.0"], in: dir,
      env: ["ANYINT_API_KEY": Self.key])
    #expect(earlier.status == 0, "\(earlier.stdout)\(earlier.stderr)")
    let before = Self.answered(log)
    let child = try Child(
      ["run", "--target", "live", "--base-url", mock.url, "--concurrency", "2"], in: dir)
    let started = await Self.waitUntil {
      ReportSetTests.isLocked(dir + "/Reports") && Self.answered(log) >= before + m.after
    } then: {
      child.signal(m.signal)
    }
    #expect(started)
    let (status, stdout, stderr) = await child.finish()
    #expect(status == m.code, "\(stdout)\(stderr)")
    let report = try Self.expectInterruptedSet(dir + "/Reports", signal: m.name)
    let summary = report["summary"]
    #expect(summary?["total"] == 40)
    #expect((summary?["skipped"]?.intValue ?? 0) >= 1, "\(summary ?? .null)")
    if m.after > 0 { #expect((summary?["passed"]?.intValue ?? 0) >= 1, "\(summary ?? .null)") }
    let last = stdout.split(separator: "\n").last.map(String.init) ?? ""
    #expect(last.hasSuffix("(interrupted by \(m.name))"), "\(last)")
    #expect(last.contains("skipped (40 scenarios in"), "\(last)")
  }

  @Test func aSignalDuringTheWritePhaseStillLeavesOneWholeSet() async throws {
    let dir = MiniSuite.make()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    // Enough scenarios that writing the reports takes a moment to catch.
    Harness.write(Self.suite(3000), to: dir + "/scenarios/models.json")
    let mock = try await MockServeProcess(
      arguments: ["--fixtures", dir + "/Fixtures"], env: ["ANYINT_API_KEY": Self.key])
    defer { mock.terminate() }
    let reports = dir + "/Reports"
    var caught = false
    for _ in 0..<3 where !caught {
      let child = try Child(
        ["run", "--target", "live", "--base-url", mock.url, "--concurrency", "8", "--quiet"],
        in: dir)
      // A staged file (.report.json.<pid>.tmp) means the write phase has begun; the signal goes at once.
      _ = await Self.waitUntil(60) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: reports)) ?? []
        return names.contains { $0.hasSuffix(".\(child.pid).tmp") }
          || !child.isRunning
      } then: {
        child.signal(SIGINT)
      }
      let (status, stdout, stderr) = await child.finish()
      // A run that ended before the signal exits 0: try again.
      caught = status != 0
      guard caught else { continue }
      #expect(status == 130, "\(stdout.suffix(300))\(stderr)")
      try ReportSetTests.expectOneSet(reports, "SIGINT in the write phase")
      let last = stdout.split(separator: "\n").last.map(String.init) ?? ""
      #expect(last.hasSuffix("(interrupted by SIGINT)"), "\(last)")
    }
    #expect(caught, "never caught the write phase in three runs")
  }

  /// The first signal starts an orderly stop (here: the reports of 3,000 scenarios); a second one, sent
  /// right after, ends the process at once with the same exit code.
  @Test func aSecondSignalExitsAtOnce() async throws {
    let dir = MiniSuite.make()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    Harness.write(Self.suite(3000), to: dir + "/scenarios/models.json")
    let log = dir + "/requests.jsonl"
    let mock = try await MockServeProcess(
      arguments: ["--fixtures", dir + "/Fixtures", "--log-requests", log],
      env: ["ANYINT_API_KEY": Self.key])
    defer { mock.terminate() }
    var sawSecond = false
    for _ in 0..<3 where !sawSecond {
      let sent = Self.answered(log)
      let child = try Child(
        ["run", "--target", "live", "--base-url", mock.url, "--quiet"], in: dir)
      let watch = Date()
      let signalled = await Self.waitUntil {
        Self.answered(log) >= sent + 5
      } then: {
        child.signal(SIGINT)
        // Two SIGINTs while the first is still pending are one to the kernel: wait until the process took
        // the first (a loaded machine may not schedule it for a while), then send the second.
        let end = Date().addingTimeInterval(5)
        while Self.pending(SIGINT, in: child.pid) && Date() < end { usleep(1_000) }
        child.signal(SIGINT)
      }
      #expect(signalled)
      let (status, _, stderr) = await child.finish()
      #expect(status == 130, "\(stderr)")
      #expect(Date().timeIntervalSince(watch) < 60)
      sawSecond = stderr.contains("SIGINT again: exiting now")
    }
    #expect(sawSecond, "the second signal never arrived while the first was being handled")
  }

  @Test func recordKeepsTheFixturesOfWhatFinished() async throws {
    let dir = MiniSuite.make()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    Harness.write(Self.suite(10), to: dir + "/scenarios/models.json")
    let log = dir + "/requests.jsonl"
    let mock = try await MockServeProcess(
      arguments: ["--fixtures", dir + "/Fixtures", "--delay-ms", "1000", "--log-requests", log],
      env: ["ANYINT_API_KEY": Self.key])
    defer { mock.terminate() }
    let child = try Child(
      ["record", "--base-url", mock.url, "--fixtures", "rec", "--concurrency", "1"], in: dir)
    let signalled = await Self.waitUntil {
      Self.answered(log) >= 2
    } then: {
      child.signal(SIGINT)
    }
    #expect(signalled)
    let (status, stdout, stderr) = await child.finish()
    #expect(status == 130, "\(stdout)\(stderr)")
    let report = try Self.expectInterruptedSet(dir + "/Reports", signal: "SIGINT")
    let passed = (report["scenarios"]?.arrayValue ?? []).filter { $0["outcome"] == "passed" }.count
    let files = FixtureLoader.fixtureFiles(in: dir + "/rec")
    // Each finished scenario's answer is recorded once (the first file answers the same request for all).
    #expect(passed >= 1 && files.count == 1, "\(passed) passed, files \(files)")
    #expect(stdout.contains("recorded 1 fixture in 1 file"), "\(stdout)")
  }
}
