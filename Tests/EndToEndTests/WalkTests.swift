import ConformanceCore
import Foundation
import Testing

/// Issue 11, case 8: symlinked directories are followed (once), walks are bounded, ports are range-checked.
@Suite struct WalkTests {
  @Test func symlinkedScenarioAndFixtureDirectoriesAreFollowedAndCyclesEnd() async throws {
    let dir = MiniSuite.make()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let fm = FileManager.default
    try fm.moveItem(atPath: dir + "/scenarios", toPath: dir + "/real-scenarios")
    try fm.createSymbolicLink(atPath: dir + "/scenarios", withDestinationPath: "real-scenarios")
    // Links back into the tree: cycles the walk must leave after one visit.
    try fm.createDirectory(
      atPath: dir + "/real-scenarios/deeper", withIntermediateDirectories: true)
    try fm.createSymbolicLink(atPath: dir + "/real-scenarios/loop", withDestinationPath: ".")
    try fm.createSymbolicLink(
      atPath: dir + "/real-scenarios/deeper/up", withDestinationPath: "..")
    try fm.moveItem(atPath: dir + "/Fixtures", toPath: dir + "/real-fixtures")
    try fm.createDirectory(atPath: dir + "/Fixtures", withIntermediateDirectories: true)
    try fm.createSymbolicLink(
      atPath: dir + "/Fixtures/linked", withDestinationPath: dir + "/real-fixtures")
    try fm.createSymbolicLink(atPath: dir + "/Fixtures/self", withDestinationPath: ".")
    let r = try await Harness.run(["run", "scenarios"], in: dir, timeout: 60)
    #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
    #expect(r.stdout.contains("2 passed, 0 failed (2 scenarios"), "\(r.stdout)")
    #expect(!r.stderr.contains("never used"), "each fixture is loaded once: \(r.stderr)")
    let v = try await Harness.run(["validate", "scenarios"], in: dir)
    #expect(v.stdout.contains("2 scenarios in 1 file valid"), "\(v.stdout)\(v.stderr)")
  }

  @Test(arguments: [
    ["run", "--fixtures", "/proc/self"], ["run", "/proc/self"], ["validate", "/proc/self"],
    ["validate", "--fixtures", "/proc/self", "scenarios"],
  ])
  func procSelfEndsQuickly(_ args: [String]) async throws {
    let dir = MiniSuite.make()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let watch = Date()
    // The point is that it ends (it used to walk /proc/self/root, the whole file system): the limit is
    // generous because a loaded machine makes any process slow.
    let r = try await Harness.run(args, in: dir, timeout: 240)
    // An empty fixture set is usable (every scenario then errors); a path with no scenarios is exit 2.
    #expect([0, 1, 2].contains(r.status), "\(args): \(r.stdout)\(r.stderr)")
    #expect(Date().timeIntervalSince(watch) < 240, "\(args)")
  }

  @Test func aWalkStopsAtItsBudgetAndSaysSo() throws {
    let dir = Harness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    for i in 0..<30 { Harness.write("[]", to: dir + "/d\(i)/s.json") }
    var walk = DirectoryWalk()
    walk.maxEntries = 20
    let result = walk.files(under: dir, include: { _ in true })
    #expect(result.files.count < 20)
    #expect(result.problems.first?.contains("stopped after 20 entries under \(dir)") == true)
    walk = DirectoryWalk()
    walk.maxDepth = 0
    #expect(walk.files(under: dir, include: { _ in true }).files.isEmpty)
  }

  @Test(arguments: [
    ["run", "--callback-port", "70000"], ["run", "--callback-port", "-1"],
    ["run", "--callback-port", "http"], ["record", "--callback-port", "65536"],
    ["mock", "serve", "--port", "70000"], ["mock", "serve", "--port", "99999999999999999999999"],
  ])
  func portOptionsAreRangeChecked(_ args: [String]) async throws {
    let dir = MiniSuite.make()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let r = try await Harness.run(
      args, in: dir,
      env: ["ANYINT_API_KEY": "sk-walk-test", "ANYINT_BASE_URL": "http://127.0.0.1:9"])
    #expect(r.status == 2, "\(args): \(r.stdout)\(r.stderr)")
    #expect(r.stderr.contains("takes a whole number from 0 to 65535"), "\(r.stderr)")
    #expect(!FileManager.default.fileExists(atPath: dir + "/Reports"), "nothing ran")
  }
}
