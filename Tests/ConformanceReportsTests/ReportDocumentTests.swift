import ConformanceCore
import Foundation
import Testing

@testable import ConformanceReports

@Suite struct ReportDocumentTests {
  /// Every bad report gets a located message: `file:line:col`, the JSON path, what is wrong.
  @Test(arguments: [
    ("", "r.json:1:1: not JSON: the file holds no JSON value"),
    ("{\"scenarios\": [}", "r.json:1:16: not JSON"),
    ("[1, 2]", "r.json:1:1: $: a report v1 file holds an object, not an array"),
    (
      "{\"tool\": {\"name\": \"newman\"}, \"scenarios\": []}",
      "r.json:1:19: $.tool.name: \"newman\" is not anyint-conformance"
    ),
    (
      "{\"reportVersion\": 2, \"scenarios\": []}",
      "r.json:1:19: $.reportVersion: 2 is not report v1"
    ),
    ("{\"summary\": {}}", "r.json:1:1: $: has no \"scenarios\" array"),
    ("{\"scenarios\": {}}", "r.json:1:15: $.scenarios: must be an array, not an object"),
    ("{\"scenarios\": [\n  3]}", "r.json:2:3: $.scenarios[0]: must be an object, not a number"),
    (
      "{\"scenarios\": [{\"outcome\": \"passed\"}]}",
      "r.json:1:16: $.scenarios[0].id: must be a non-empty string"
    ),
    (
      "{\"scenarios\": [{\"id\": \"a\", \"outcome\": \"great\"}]}",
      "r.json:1:39: $.scenarios[0].outcome: must be one of passed, failed, errored, skipped, not \"great\""
    ),
    (
      "{\"scenarios\": [{\"id\": \"a\", \"outcome\": \"passed\"}, {\"id\": \"a\", \"outcome\": \"passed\"}]}",
      "r.json:1:57: $.scenarios[1].id: \"a\" appears twice (also $.scenarios[0])"
    ),
    (
      "{\"scenarios\": [{\"id\": \"a\", \"outcome\": \"passed\", \"observed\": {\"status\": \"200\"}}]}",
      "$.scenarios[0].observed.status: must be a number"
    ),
    (
      "{\"scenarios\": [{\"id\": \"a\", \"outcome\": \"passed\", \"findings\": [{\"id\": 3}]}]}",
      "$.scenarios[0].findings[0]: must be an object with an \"id\" string"
    ),
    (
      "{\"scenarios\": [{\"id\": \"a\", \"outcome\": \"passed\", \"steps\": [{\"situation\": 4}]}]}",
      "$.scenarios[0].steps[0].situation: must be a string or null"
    ),
  ])
  func badReportsAreLocated(text: String, message: String) {
    do {
      _ = try ReportDocument.parse(Array(text.utf8), file: "r.json")
      Issue.record("accepted: \(text)")
    } catch {
      #expect(error.description.contains(message), "\(error.description)")
    }
  }

  @Test func notUTF8IsLocated() {
    #expect(throws: ReportDocument.LoadError.self) {
      try ReportDocument.parse(
        Array("{\"scenarios\": [\"".utf8) + [0xFF, 0x22, 0x5D, 0x7D], file: "r.json")
    }
    do {
      _ = try ReportDocument.parse(
        Array("{\"a\": \"".utf8) + [0xC3, 0x28, 0x22, 0x7D], file: "r.json")
    } catch {
      #expect(error.description.hasPrefix("r.json:1:8: not UTF-8"), "\(error.description)")
    }
  }

  @Test func aMissingFileOrADirectorySaysSo() {
    let dir = NSTemporaryDirectory() + "anyint-doc-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    #expect(throws: ReportDocument.LoadError.self) { try ReportDocument.load(dir + "/nope.json") }
    do {
      _ = try ReportDocument.load(dir)
    } catch {
      #expect(error.description.contains("is a directory; give the report.json inside it"))
    }
  }

  /// A report this tool writes reads back, and writes out again, with every field (including ones this
  /// version does not model).
  @Test func aWrittenReportReadsBackWithEveryField() throws {
    var bytes = JSONReport.render(sampleRun())
    let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(
      of: "\"reportVersion\": 1,", with: "\"reportVersion\": 1,\n  \"futureField\": \"r-1\",")
    bytes = Array(text.utf8)
    let doc = try ReportDocument.parse(bytes, file: "r.json")
    #expect(doc.scenarios.count == 4)
    #expect(doc.root["futureField"] == "r-1")
    #expect(doc.root["runId"] == .string(sampleRun().runId))
    #expect(doc.root["scenarios"] == nil)
    let again = try ReportDocument.parse(doc.jsonBytes, file: "again.json")
    #expect(JSONWriter.string(.array(again.scenarios)) == JSONWriter.string(.array(doc.scenarios)))
    #expect(JSONWriter.string(.object(again.root)) == JSONWriter.string(.object(doc.root)))
  }

  @Test func shardsMergeInSelectionOrderWithTotalsCountedAgain() throws {
    func shard(_ ids: [(String, Int, String)], start: String, ms: Int) throws -> ReportDocument {
      let list = ids.map { #"{"id": "\#($0.0)", "index": \#($0.1), "outcome": "\#($0.2)"}"# }
      let text =
        #"{"tool": {"name": "anyint-conformance"}, "startedAt": "\#(start)", "durationMs": \#(ms), "summary": {}, "scenarios": [\#(list.joined(separator: ","))]}"#
      return try ReportDocument.parse(Array(text.utf8), file: "s")
    }
    let a = try shard(
      [("a", 0, "passed"), ("c", 2, "failed")], start: "2026-11-25T12:00:00Z", ms: 1000)
    let b = try shard([("b", 1, "errored")], start: "2026-11-25T12:00:01Z", ms: 3000)
    let m = try ReportDocument.merged([a, b])
    #expect(m.scenarios.map { $0["id"]?.stringValue ?? "" } == ["a", "b", "c"])
    #expect(m.root["summary"]?["total"] == 3)
    #expect(m.root["summary"]?["errored"] == 1)
    #expect(m.root["durationMs"] == 4000)
    #expect(m.root["startedAt"] == "2026-11-25T12:00:00Z")
  }
}
