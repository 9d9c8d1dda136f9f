import ConformanceCore
import Foundation
import Testing

@testable import ConformanceReports

/// Report files are streamed to disk a megabyte at a time and rendered in parallel; what lands on disk is
/// byte for byte what each renderer gives in one piece, and the escaping fast paths change nothing.
@Suite struct StreamedReportTests {
  /// A run of the sample's four kinds of result, repeated with distinct ids and mixed families, large enough
  /// that every file format flushes several times.
  static func largeRun(_ copies: Int) -> RunResult {
    let sample = sampleRun()
    let families: [Family?] = [.openai, .anthropic, .gemini, nil, .music]
    var results: [ScenarioResult] = []
    for i in 0..<copies {
      for (k, var r) in sample.scenarios.enumerated() {
        r.id += ".\(i)"
        r.summary += " — copy \(i) «\(k)»"
        r.family = families[(i + k) % families.count]
        results.append(r)
      }
    }
    return RunResult(
      target: sample.target, startedAt: sample.startedAt, durationMs: sample.durationMs,
      scenarios: results)
  }

  @Test func filesOnDiskEqualTheRenderersOutput() throws {
    let run = Self.largeRun(1_200)
    let dir = NSTemporaryDirectory() + "streamed-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let written = try ReportDirectory.write(
      run, formats: [.console, .json, .junit, .markdown], to: dir,
      redactor: Redactor(secrets: [Secret]()))
    #expect(written == ["report.json", "junit.xml", "report.md"].map { dir + "/" + $0 })
    let expected: [(String, [UInt8])] = [
      ("report.json", JSONReport.render(run)), ("junit.xml", JUnitReport.render(run)),
      ("report.md", Array(MarkdownReport.render(run).utf8)),
    ]
    for (name, bytes) in expected {
      let onDisk = try [UInt8](Data(contentsOf: URL(fileURLWithPath: dir + "/" + name)))
      #expect(onDisk.count == bytes.count, "\(name)")
      #expect(onDisk == bytes, "\(name)")
    }
    #expect(expected[0].1.count > 2 * ReportFormat.chunkBytes)
    #expect(expected[1].1.count > ReportFormat.chunkBytes)
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == [
        "junit.xml", "report.json", "report.md",
      ])
  }

  /// A secret in every result is replaced in every streamed file exactly as redacting the whole rendering
  /// at once would replace it (with the format's placeholder), wherever the megabyte pieces were cut.
  @Test func streamedFilesAreRedactedLikeTheWholeRendering() throws {
    let secret = "sk-streamed-secret-0123456789abcdef"
    var run = Self.largeRun(1_200)
    for i in run.scenarios.indices { run.scenarios[i].summary += " key \(secret)" }
    let redactor = Redactor(secrets: [secret])
    let dir = NSTemporaryDirectory() + "streamed-redacted-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let formats: [ReportFormat] = [.json, .junit, .markdown]
    _ = try ReportDirectory.write(run, formats: formats, to: dir, redactor: redactor)
    for format in formats {
      guard let name = format.fileName else { continue }
      let whole = format.render(run)
      // report.md is capped under 1 MiB (issue 14); the other two span several pieces.
      if format != .markdown { #expect(whole.count > ReportFormat.chunkBytes, "\(name)") }
      #expect(String(decoding: whole, as: UTF8.self).contains(secret), "\(name)")
      let onDisk = try [UInt8](Data(contentsOf: URL(fileURLWithPath: dir + "/" + name)))
      #expect(onDisk == redactor.redact(whole, placeholder: format.placeholder).bytes, "\(name)")
      #expect(!String(decoding: onDisk, as: UTF8.self).contains(secret), "\(name)")
    }
  }

  /// A scenario written with its record read once is the scenario the field table writes (key order and
  /// values), steps included; every table's keys are distinct, so members can be appended without a search.
  @Test func scenariosWriteAsTheFieldTableDoes() {
    let scenarios = Self.largeRun(3).scenarios + ReportRoundTripTests.richRun().scenarios
    for r in scenarios {
      let c = ReportContext(headers: true, outcome: r.outcome)
      let table = JSONValue.object(ReportFields.write(ReportFields.scenario, r, c))
      #expect(JSONWriter.string(JSONReport.scenario(r)) == JSONWriter.string(table), "\(r.id)")
      for st in r.steps {
        let sc = ReportContext(headers: false, outcome: st.record.outcome)
        #expect(
          JSONWriter.string(.object(ReportFields.writeStep(st, sc)))
            == JSONWriter.string(.object(ReportFields.write(ReportFields.step, st, sc))))
      }
    }
    #expect(scenarios.contains { !$0.steps.isEmpty })
    let keyLists = [
      ReportFields.run.map(\.key), ReportFields.scenario.map(\.key), ReportFields.step.map(\.key),
      ReportFields.target.map(\.key), ReportFields.exchange.map(\.key),
    ]
    for keys in keyLists { #expect(Set(keys).count == keys.count, "\(keys)") }
  }

  /// Each streaming renderer hands over every byte exactly once, in order, whatever it flushed on the way.
  @Test(arguments: [ReportFormat.json, .junit, .markdown, .html, .console, .github])
  func streamingGivesTheSameBytes(format: ReportFormat) {
    let run = Self.largeRun(800)
    var streamed: [UInt8] = []
    var flushes = 0
    var out: [UInt8] = []
    format.render(run, into: &out) { buffer in
      streamed += buffer
      buffer.removeAll()
      flushes += 1
    }
    streamed += out
    #expect(streamed == format.render(run))
    if format == .json || format == .junit { #expect(flushes > 0) }
  }

  @Test(arguments: [
    ("plain id.with-dots_and/slashes", "plain id.with-dots_and/slashes"),
    ("", ""),
    ("a & b < c > d \"e\" 'f'", "a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;"),
    ("tab\tnew\nline\rret", "tab\tnew\nline\rret"),
    ("bell\u{07}nul\u{00}", "bell\u{FFFD}nul\u{FFFD}"),
    (
      "non-chars \u{FFFE}\u{FFFF} and ï (U+00EF) and 日本",
      "non-chars \u{FFFD}\u{FFFD} and ï (U+00EF) and 日本"
    ),
  ])
  func xmlEscaping(input: String, expected: String) {
    #expect(XML.escape(input) == expected)
  }

  @Test(arguments: [
    ("plain", #""plain""#),
    ("", #""""#),
    ("quote \" backslash \\ slash /", #""quote \" backslash \\ slash /""#),
    ("\n\r\t\u{08}\u{0C}\u{01}\u{1F}", #""\n\r\t\b\f\u0001\u001f""#),
    ("日本 🎉 \u{7F}", "\"日本 🎉 \u{7F}\""),
    ("\"start and end\\", #""\"start and end\\""#),
  ])
  func jsonQuoting(input: String, expected: String) {
    #expect(JSONWriter.quoted(input) == expected)
    // A string that is not contiguous UTF-8 (bridged or a substring copy) quotes the same.
    #expect(JSONWriter.quoted(String(Substring(input))) == expected)
  }

  @Test func markdownCellsEscapeOnlyWhatTheyMust() {
    #expect(MarkdownReport.cell("plain `code`") == "plain `code`")
    #expect(MarkdownReport.cell("a | b\nc") == "a \\| b c")
    #expect(MarkdownReport.code("x `y` | z") == "x 'y' \\| z")
    #expect(MarkdownReport.code("nothing") == "nothing")
  }
}
