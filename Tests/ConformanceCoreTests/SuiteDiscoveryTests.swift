import Foundation
import Testing

@testable import ConformanceCore

/// Discovery walks directories with `readdir` (DirectoryWalk) and loading decodes files in parallel; both must
/// find and order exactly what the FileManager-based walk and the one-file-after-another load did.
@Suite struct SuiteDiscoveryTests {
  /// The walk `discover` used before: FileManager's enumerator, filtered and sorted, then `fileExists`.
  static func reference(_ root: String) -> [String] {
    let fm = FileManager.default
    let found = (fm.enumerator(atPath: root)?.allObjects as? [String] ?? [])
      .filter { rel in
        let name = (rel as NSString).lastPathComponent
        return ScenarioLoader.isScenarioFile(name)
          && !rel.split(separator: "/").contains { $0.hasPrefix(".") }
      }
      .sorted()
    return found.compactMap { rel in
      let full = root + "/" + rel
      var isDir: ObjCBool = false
      return fm.fileExists(atPath: full, isDirectory: &isDir) && !isDir.boolValue ? full : nil
    }
  }

  static func makeTree() throws -> String {
    let fm = FileManager.default
    let root = NSTemporaryDirectory() + "discovery-\(UUID().uuidString)"
    func write(_ rel: String, _ text: String = "{}") throws {
      let path = root + "/" + rel
      try fm.createDirectory(
        atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }
    for i in 0..<300 { try write("many/s\(i).json") }
    try write("a/b/c/deep.json")
    try write("a/b/notes.txt")
    try write("a/variables.json")
    try write("a/x.schema.json")
    try write("a/.hidden.json")
    try write(".git/config.json")
    try write("a/.cache/inside.json")
    try write("dir.json/inner.json")
    try write("Ünïcode/日本.json")
    try fm.createSymbolicLink(
      atPath: root + "/link-to-file.json", withDestinationPath: "a/b/c/deep.json")
    try fm.createSymbolicLink(atPath: root + "/a/b/loop", withDestinationPath: "..")
    // A link to a directory is followed once per real directory (DirectoryWalk, issue 11, tested there), which
    // FileManager's enumerator does not do; so this tree has none besides the loop.
    try fm.createSymbolicLink(atPath: root + "/dangling.json", withDestinationPath: "nowhere.json")
    return root
  }

  @Test func findsTheSameFilesInTheSameOrderAsFileManager() throws {
    let root = try Self.makeTree()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let found = ScenarioLoader.discover([root]).files
    #expect(found == Self.reference(root))
    #expect(found.count == 300 + 4)
    #expect(found.contains(root + "/link-to-file.json"))
    #expect(!found.contains { $0.contains("/loop/") || $0.contains("/.") })
    // A trailing slash names the same directory.
    #expect(ScenarioLoader.discover([root + "/"]).files == found)
  }

  @Test func readsFilesWhole() throws {
    let dir = NSTemporaryDirectory() + "read-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let big = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
    try Data(big).write(to: URL(fileURLWithPath: dir + "/big"))
    try Data().write(to: URL(fileURLWithPath: dir + "/empty"))
    #expect(Platform.readFile(dir + "/big") == big)
    #expect(Platform.readFile(dir + "/empty") == [])
    #expect(Platform.readFile(dir + "/missing") == nil)
    #expect(Platform.readFile(dir) == nil)
  }

  /// Files decoded in parallel still meet the suite-wide checks in file order: the later of two equal ids is
  /// the duplicate, and scenarios keep the order of their files.
  @Test func parallelLoadingKeepsFileOrderAndFindsDuplicates() throws {
    let root = NSTemporaryDirectory() + "parallel-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: root) }
    try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    for f in 0..<120 {
      let items = (0..<5).map { k -> String in
        let id = f == 77 && k == 2 ? "dup.3.1" : "dup.\(f).\(k)"
        return
          #"{"id":"\#(id)","summary":"s","request":{"method":"GET","path":"/openai/v1/models"},"expect":{"status":200}}"#
      }
      let name = String(format: "%03d.json", f)
      try Data(("[" + items.joined(separator: ",") + "]").utf8).write(
        to: URL(fileURLWithPath: root + "/" + name))
    }
    let (suite, diagnostics) = ScenarioLoader.load(paths: [root], variables: VariableSources())
    #expect(suite.scenarios.count == 599)
    #expect(suite.scenarios.first?.id == "dup.0.0")
    #expect(suite.scenarios.last?.id == "dup.119.4")
    #expect(suite.scenarios.map(\.source.file) == suite.scenarios.map(\.source.file).sorted())
    #expect(diagnostics.count == 1)
    #expect(diagnostics.first?.location.file == root + "/077.json")
    #expect(diagnostics.first?.path == "$[2].id")
    #expect(diagnostics.first?.message.contains("first defined at \(root)/003.json:1:") == true)
  }
}
