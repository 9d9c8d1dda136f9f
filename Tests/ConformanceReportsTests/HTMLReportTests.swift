import ConformanceCore
import Foundation
import Testing

@testable import ConformanceReports

@Suite struct HTMLReportTests {
  static let hostile =
    "</script><script>window.pwned=1</script><!-- <img src=x onerror=alert(1)> & \u{2028}\u{2029} \"quote\" ]]>"

  @Test(arguments: [
    JSONValue.null, true, 0, -0.5, 1e300, "", "a string long enough to share", .string(hostile),
    [], [:], [1, 2, [3, [4, []]]], ["__proto__": "x", "constructor": ["a": 1]],
    [
      ["same": "a string long enough to share"], ["same": "a string long enough to share"],
      ["same": "a string long enough to share", "other": [1, 2]], [1, 2], [1, 2],
    ],
  ])
  func packingRoundTrips(value: JSONValue) throws {
    var packer = JSONPacker()
    let root = packer.add(value)
    let packed = try JSONParser.parse(packer.bytes(root: root))
    let back = try #require(JSONPacker.unpack(packed))
    // Compare the JSON text: JSONValue's equality ignores member order, the packing must not.
    #expect(JSONWriter.string(back) == JSONWriter.string(value))
  }

  /// The packed text itself, table order and multi-digit references included, is fixed: the page's script
  /// reads it, whatever hashing the packer uses inside.
  @Test func packedTextIsExact() {
    let names = (0..<12).map { "shared-string-\($0)" }
    let value: JSONValue = .array(
      names.flatMap { [JSONValue.string($0), .string($0)] } + [
        ["k": 1, "j": [true, .null]], ["k": 1, "j": [true, .null]], "short", "short",
      ])
    var packer = JSONPacker()
    let root = packer.add(value)
    let bytes = packer.bytes(root: root)
    let table = names.map { "\"\($0)\"" } + ["[1,1,[0,true,null]]"]
    let refs = (1...12).map { "[-\($0)],[-\($0)]" } + ["[-13],[-13]", "\"short\",\"short\""]
    let expected =
      #"{"packed":1,"shapes":[["k","j"]],"table":["# + table.joined(separator: ",")
      + #"],"root":[0,"# + refs.joined(separator: ",") + "]}"
    #expect(String(decoding: bytes, as: UTF8.self) == expected)
  }

  @Test(arguments: [0, 7, 9, 10, 99, 100, 12_345, 1 << 40])
  func decimalsAreWrittenAsStringDoes(n: Int) {
    var out: [UInt8] = [UInt8(ascii: "x")]
    JSONPacker.appendDecimal(n, to: &out)
    #expect(out == [UInt8(ascii: "x")] + Array(String(n).utf8))
  }

  @Test func repeatedValuesAreWrittenOnce() throws {
    let item: JSONValue = [
      "sdk": ["openai-python": ["retries": false, "why": "HTTP 200 is not retried"]]
    ]
    var packer = JSONPacker()
    let root = packer.array((0..<1000).map { _ in packer.add(item) })
    let bytes = packer.bytes(root: root)
    #expect(bytes.count < 10_000, "\(bytes.count) bytes for 1000 copies")
    let text = String(decoding: bytes, as: UTF8.self)
    #expect(text.components(separatedBy: "HTTP 200 is not retried").count == 2)
  }

  /// Nothing a report holds can end the data block or become markup: the page has exactly its two script
  /// elements, and the data reads back to the same strings.
  @Test func hostileReportContentStaysInsideTheDataBlock() throws {
    var run = sampleRun()
    run.scenarios[0].summary = Self.hostile
    run.scenarios[0].request?.headers.append(.init(name: Self.hostile, value: Self.hostile))
    run.scenarios[1].observed?.bodyExcerpt = Self.hostile
    run.scenarios[1].failures[0].actual = Self.hostile
    let html = String(decoding: HTMLReport.render(run), as: UTF8.self)
    #expect(html.components(separatedBy: "<script").count == 3)
    #expect(html.components(separatedBy: "</script>").count == 3)
    #expect(!html.contains("\u{2028}") && !html.contains("\u{2029}"))
    let data = try #require(Self.dataBlock(html))
    #expect(!data.contains("<") && !data.contains(">") && !data.contains("&"))
    let page = try #require(JSONPacker.unpack(try JSONParser.parse(data)))
    let first = page["report"]?["scenarios"]?.arrayValue?.first
    #expect(first?["summary"]?.stringValue == Self.hostile)
    #expect(first?["request"]?["headers"]?[Self.hostile]?.stringValue == Self.hostile)
    let second = page["report"]?["scenarios"]?.arrayValue?[1]
    #expect(second?["observed"]?["bodyExcerpt"]?.stringValue == Self.hostile)
    #expect(second?["failures"]?.arrayValue?.first?["actual"]?.stringValue == Self.hostile)
  }

  @Test func thePageIsSelfContained() throws {
    let html = String(decoding: HTMLReport.render(sampleRun()), as: UTF8.self)
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(html.contains("Content-Security-Policy\" content=\"default-src 'none';"))
    for fetches in [
      "src=\"", "href=\"", "url(http", "@import", "fetch(", "XMLHttpRequest", "innerHTML",
    ] {
      #expect(!html.contains(fetches), "\(fetches)")
    }
    #expect(
      html.contains(
        "<title>AnyInt conformance: 2 passed, 1 failed, 1 errored (4 scenarios)</title>"))
  }

  /// What the page carries beside the report: routes, explain texts of the notes present, the retry table,
  /// each scenario's checks (positions relative to its file), the baseline.
  @Test func thePageDataCarriesWhatThePageNeeds() throws {
    var run = sampleRun()
    run.scenarios[1].diagnoses = [Note(.headerMismatch, "m")]
    let checks: JSONValue = [
      "file": "scenarios/anthropic/bearer.json",
      "checks": [["check": "status", "expected": "401", "at": "14:15"]],
    ]
    let diff = try DiffSamples.diff()
    let html = String(
      decoding: HTMLReport.render(
        run,
        options: HTMLOptions(expectations: ["anthropic.messages.bearer": checks], baseline: diff)),
      as: UTF8.self)
    let block = try #require(Self.dataBlock(html))
    let page = try #require(JSONPacker.unpack(try JSONParser.parse(block)))
    #expect(page["report"]?["scenarios"]?.arrayValue?.count == 4)
    #expect(page["explain"]?["header-mismatch"]?["kind"] == "diagnosis")
    #expect(page["explain"]?.objectValue?.members.count == 1)
    #expect(page["expectations"]?.arrayValue?[1] == checks)
    #expect(page["expectations"]?.arrayValue?[0] == .null)
    #expect(page["baseline"]?["summary"]?["regressions"] == 2)
    #expect(page["retryTable"]?.arrayValue?.count == RetryTable.rows.count)
    #expect(
      page["routes"]?.arrayValue?.map { $0["route"] } == [
        "GET /openai/v1/models", "POST /anthropic/v1/messages",
      ])
  }

  @Test func expectationListsNameEveryCheckAsFailuresDo() throws {
    let source = #"""
      {"id": "x", "summary": "s", "request": {"method": "GET", "path": "/openai/v1/models"},
       "expect": {"status": 401, "envelope": "openai", "error": {"type": "authentication_error"},
                  "situation": "invalid-api-key", "retry": "no", "headers": {"x-request-id": {"exists": true}},
                  "json": {"$.error.code": "invalid_api_key"}, "latencyMs": {"max": 500}}}
      """#
    let decoded = ScenarioDecoder.decode(path: "scenarios/x.json", bytes: Array(source.utf8))
    #expect(!decoded.diagnostics.hasErrors, "\(decoded.diagnostics)")
    let scenario = try #require(decoded.scenarios.first)
    let list = ExpectationList.json(for: scenario)
    #expect(list["file"] == "scenarios/x.json")
    #expect(
      list["checks"]?.arrayValue?.map { $0["check"]?.stringValue ?? "" } == [
        "status", "envelope", "error.type", "situation", "retry", "headers.x-request-id",
        "json $.error.code", "latencyMs",
      ])
    #expect(list["checks"]?.arrayValue?.first?["at"]?.stringValue?.contains(":") == true)
  }

  static func dataBlock(_ html: String) -> String? {
    guard let start = html.range(of: "<script type=\"application/json\" id=\"report-data\">"),
      let end = html.range(of: "</script>", range: start.upperBound..<html.endIndex)
    else { return nil }
    return String(html[start.upperBound..<end.lowerBound])
  }
}
