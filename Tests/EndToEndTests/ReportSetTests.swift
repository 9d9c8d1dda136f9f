import ConformanceCore
import Foundation
import Testing

/// Issue 11, cases 1-3: report directories are checked (and created) before anything is sent, every file of a
/// set carries one run id, and one run at a time writes into a directory.
@Suite struct ReportSetTests {
  static let key = "sk-report-set-test-key-0123456789"

  /// The run id of each file of a report set, and the names in the directory.
  static func runIDs(in dir: String) throws -> (json: String?, junit: [String], markdown: String?) {
    let report = try JSONParser.parse(Array((Harness.read(dir + "/report.json") ?? "").utf8))
    let junit = Harness.read(dir + "/junit.xml") ?? ""
    let ids = junit.components(separatedBy: #"<property name="runId" value=""#).dropFirst().map {
      String($0.prefix { $0 != "\"" })
    }
    let md = Harness.read(dir + "/report.md") ?? ""
    let last = md.split(separator: "\n").last.map(String.init)
    return (
      report["runId"]?.stringValue, ids,
      last?.hasPrefix("run id: ") == true ? String(last!.dropFirst(8)) : nil
    )
  }

  /// Whether some process holds a flock on this directory.
  static func isLocked(_ path: String) -> Bool {
    var st = stat()
    // Read to the end with read(2): /proc/locks reports size 0 and comes a page at a time (FileManager and
    // FileHandle.readToEnd stop after the first page, and other processes on the machine hold locks too).
    guard stat(path, &st) == 0 else { return false }
    let fd = open("/proc/locks", O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var data: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
      let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else { break }
      data.append(contentsOf: buffer[..<n])
    }
    let locks = String(decoding: data, as: UTF8.self)
    return locks.split(separator: "\n").contains {
      $0.contains("FLOCK") && $0.hasSuffix(":\(st.st_ino) 0 EOF")
    }
  }

  static func expectOneSet(_ dir: String, _ context: String) throws {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: dir).sorted()) ?? []
    #expect(
      names == ["junit.xml", "report.html", "report.json", "report.md"], "\(context): \(names)")
    let ids = try runIDs(in: dir)
    #expect(ids.json?.isEmpty == false, "\(context)")
    #expect(!ids.junit.isEmpty && ids.junit.allSatisfy { $0 == ids.json }, "\(context): \(ids)")
    #expect(ids.markdown == ids.json, "\(context): \(ids)")
    // report.html embeds the report, run id included.
    let html = Harness.read(dir + "/report.html") ?? ""
    #expect(ids.json.map { html.contains($0) } == true, "\(context): report.html lacks the run id")
  }

  @Test(arguments: ["x", "q/e", "deep/er/still/", "./dot/../dotted"])
  func missingComponentsAreCreatedWithoutATrap(_ reportDir: String) async throws {
    let dir = MiniSuite.make()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let r = try await Harness.run(["run", "--report-dir", reportDir], in: dir)
    #expect(r.status == 0, "\(reportDir): \(r.stderr)")
    try Self.expectOneSet(dir + "/" + reportDir, reportDir)
    // The ${run_id} variable and the reports agree.
    #expect(try Self.runIDs(in: dir + "/" + reportDir).json?.count == 36)
  }

  @Test func recordIntoMissingComponentsDoesNotTrap() async throws {
    let dir = MiniSuite.make()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let mock = try await MockServeProcess(
      arguments: ["--fixtures", dir + "/Fixtures"], env: ["ANYINT_API_KEY": Self.key])
    defer { mock.terminate() }
    let r = try await Harness.run(
      ["record", "--base-url", mock.url, "--fixtures", "f/g", "--report-dir", "r/s"], in: dir,
      env: ["ANYINT_API_KEY": Self.key])
    #expect(r.status == 0 || r.status == 1, "\(r.stdout)\(r.stderr)")
    #expect(FileManager.default.fileExists(atPath: dir + "/f/g/mini.models.ok.fixture.json"))
    try Self.expectOneSet(dir + "/r/s", "record")
  }

  struct BadDirectory: Sendable, CustomTestStringConvertible {
    var path: String
    var says: String
    var testDescription: String { path.isEmpty ? "\"\"" : String(path.prefix(40)) }
  }

  static let badDirectories = [
    BadDirectory(path: "", says: "the path is empty"),
    BadDirectory(path: "/proc/anyint-reports", says: "cannot create /proc/anyint-reports"),
    BadDirectory(path: "/proc/self", says: "cannot create files in it"),
    BadDirectory(path: String(repeating: "r", count: 300), says: "300 bytes long"),
    BadDirectory(path: "blocker", says: "it is a file, not a directory"),
    BadDirectory(path: "blocker/sub", says: "blocker is a file, not a directory"),
  ]

  /// Issue 11, case 2: found before anything is sent (the mock's request log stays empty), exit 2.
  @Test(arguments: badDirectories)
  func aBadReportDirectoryIsRefusedBeforeAnythingIsSent(_ bad: BadDirectory) async throws {
    let dir = MiniSuite.make()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    Harness.write("x", to: dir + "/blocker")
    let log = dir + "/requests.jsonl"
    let mock = try await MockServeProcess(
      arguments: ["--fixtures", dir + "/Fixtures", "--log-requests", log],
      env: ["ANYINT_API_KEY": Self.key])
    defer { mock.terminate() }
    for command in ["run", "record"] {
      var args = [command, "--report-dir", bad.path, "--base-url", mock.url]
      if command == "run" { args += ["--target", "live"] }
      let r = try await Harness.run(args, in: dir, env: ["ANYINT_API_KEY": Self.key])
      #expect(r.status == 2, "\(command) \(bad): \(r.stdout)\(r.stderr)")
      #expect(r.stderr.contains("--report-dir: "), "\(r.stderr)")
      #expect(r.stderr.contains(bad.says), "\(r.stderr)")
      #expect(r.stderr.contains("nothing was sent"), "\(r.stderr)")
      #expect((Harness.read(log) ?? "").isEmpty, "\(command) \(bad): requests were sent")
    }
  }

  /// Issue 11, case 3: while one run writes into a directory, a second is refused naming its PID, and sends
  /// nothing; once the first is done the set is whole and the directory holds nothing else.
  @Test func aSecondRunIntoTheSameDirectoryIsRefused() async throws {
    let dir = MiniSuite.make()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let log = dir + "/requests.jsonl"
    let mock = try await MockServeProcess(
      arguments: ["--fixtures", dir + "/Fixtures", "--delay-ms", "15000", "--log-requests", log],
      env: ["ANYINT_API_KEY": Self.key])
    defer { mock.terminate() }
    // Hundreds of other locks make /proc/locks longer than a page: the holder is still found.
    var others: [Int32] = []
    for i in 0..<300 {
      let fd = open(dir + "/other-lock-\(i)", O_RDWR | O_CREAT, 0o600)
      if fd >= 0, flock(fd, LOCK_EX) == 0 { others.append(fd) }
    }
    defer { for fd in others { close(fd) } }
    let args = ["run", "--target", "live", "--base-url", mock.url, "--report-dir", "shared"]
    // Started as a plain child process (not an async task), so a busy test pool cannot delay it.
    let first = try InterruptionTests.Child(args, in: dir, key: Self.key)
    // The first run holds the claim (a flock on the directory, seen in /proc/locks) while the mock holds each
    // answer for 15 s; a second run started then finds the directory claimed.
    let deadline = Date().addingTimeInterval(240)
    while !Self.isLocked(dir + "/shared"), first.isRunning, Date() < deadline {
      try await Task.sleep(for: .milliseconds(25))
    }
    #expect(
      Self.isLocked(dir + "/shared"),
      "the first run never claimed the directory: running \(first.isRunning), \((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [])"
    )
    let second = try await Harness.run(args, in: dir, env: ["ANYINT_API_KEY": Self.key])
    #expect(second.status == 2, "\(second.stdout)\(second.stderr)")
    #expect(
      second.stderr.contains(
        "--report-dir: cannot write shared: another anyint-conformance run (PID "),
      "\(second.stderr)")
    #expect(second.stderr.contains("nothing was sent"), "\(second.stderr)")
    let pid = second.stderr.components(separatedBy: "(PID ").dropFirst().first?.prefix {
      $0.isNumber
    }
    #expect(pid.flatMap { Int32($0) }.map { $0 > 0 && $0 != getpid() } == true, "\(second.stderr)")
    let (status, stdout, stderr) = await first.finish()
    #expect(status == 0, "\(stdout)\(stderr)")
    // The second run sent nothing: only the first run's two requests reached the mock.
    #expect((Harness.read(log) ?? "").split(separator: "\n").count == 2)
    try Self.expectOneSet(dir + "/shared", "after the first run")
  }
}
