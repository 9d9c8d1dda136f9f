import ConformanceCore
import Foundation
import Testing

@testable import ConformanceReports

/// A live run's wire facts (HTTP version, timings) and connection (proxy, insecure, rewrites) in every format,
/// and through a report.json round trip (`report merge` reads them back).
struct WireFactsTests {
  func liveRun() -> RunResult {
    var run = sampleRun()
    run.target = TargetInfo(kind: "live", baseURL: "https://gw.example")
    run.target.connection = ConnectionInfo(
      proxy: "http://proxy.example:3128", insecure: true,
      rewrites: [.init(from: "/openai/v1", to: "/v1"), .init(from: "/anthropic", to: "")])
    run.scenarios[0].observed?.httpVersion = "2"
    run.scenarios[0].observed?.timings = WireTimings(
      dnsMs: 1.4, connectMs: 10.2, tlsMs: 31.9, firstByteMs: 80.5, totalMs: 81.0)
    return run
  }

  @Test func reportJSONCarriesThemAndReadsThemBack() throws {
    let bytes = JSONReport.render(liveRun())
    let json = try JSONParser.parse(bytes)
    #expect(json["target"]?["proxy"] == "http://proxy.example:3128")
    #expect(json["target"]?["insecure"] == true)
    #expect(
      json["target"]?["rewrites"] == [
        ["from": "/openai/v1", "to": "/v1"], ["from": "/anthropic", "to": ""],
      ])
    let observed = json["scenarios"]?.arrayValue?.first?["observed"]
    #expect(observed?["httpVersion"] == "2")
    #expect(
      observed?["timings"] == [
        "dnsMs": 1, "connectMs": 10, "tlsMs": 32, "firstByteMs": 81, "totalMs": 81,
      ])
    let back = try JSONReportReader.read(bytes, file: "report.json")
    #expect(back.target.connection == liveRun().target.connection)
    #expect(back.scenarios[0].observed?.httpVersion == "2")
    #expect(back.scenarios[0].observed?.timings?.tlsMs == 32)
  }

  @Test func replayedRunsHaveNeither() throws {
    let json = try JSONParser.parse(JSONReport.render(sampleRun()))
    #expect(json["target"]?["proxy"] == nil)
    #expect(json["scenarios"]?.arrayValue?.first?["observed"]?["httpVersion"] == nil)
    #expect(json["scenarios"]?.arrayValue?.first?["observed"]?["timings"] == nil)
    #expect(!MarkdownReport.render(sampleRun()).contains("## Timings"))
  }

  @Test func markdownAndConsoleShowThem() {
    let md = MarkdownReport.render(liveRun())
    #expect(md.contains("via proxy `http://proxy.example:3128`"))
    #expect(md.contains("certificates not verified"))
    #expect(md.contains("path prefix `/anthropic` dropped"))
    #expect(md.contains("## Timings"))
    #expect(
      md.contains("| `openai.models.ok` | 2 | 1.4 ms | 10 ms | 32 ms | 81 ms | 81 ms |"), "\(md)")
    let verbose = ConsoleReport(style: ConsoleStyle(wire: true)).line(for: liveRun().scenarios[0])
    #expect(
      verbose.contains(
        "HTTP/2 · dns 1.4 ms · connect 10 ms · tls 32 ms · first byte 81 ms · total 81 ms"))
    let plain = ConsoleReport(style: ConsoleStyle()).line(for: liveRun().scenarios[0])
    #expect(!plain.contains("HTTP/2"))
  }
}
