import ConformanceCore
import Foundation
import Testing

/// Progress on standard error: the opening line, the status line a terminal redraws in place, the plain
/// progress line off a terminal, none with --quiet, and the summary line whatever the formats.
@Suite struct ProgressTests {
  /// The issue's check: a 300-scenario live run against `mock serve --delay-ms 300` under a pseudo-terminal
  /// shows `N/300` soon after the start and redraws it at least once a second. (Bounds are loosened for a
  /// loaded machine: the binary redraws every 0.25 s.)
  @Test func aTerminalGetsAStatusLineRedrawnInPlace() async throws {
    let dir = OperatingSuite.make(count: 300)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let mock = try await MockServeProcess(
      arguments: ["--fixtures", dir + "/Fixtures", "--delay-ms", "300"], directory: dir)
    defer { mock.terminate() }
    let run = try await OperatingSuite.runOnTerminal(
      ["run", "--target", "live", "--base-url", mock.url], in: dir,
      env: ["ANYINT_API_KEY": OperatingSuite.mockKey, "TERM": "xterm"])
    #expect(run.exit == 0, "\(run.text.suffix(2000))")
    let status = try Regex(#"\r\u{1B}\[K(\d+)/300 done: "#)
    var draws: [(t: Double, done: Int)] = []
    for chunk in run.chunks {
      for m in chunk.text.matches(of: status) {
        draws.append((chunk.t, Int(m.output[1].substring ?? "") ?? -1))
      }
    }
    let first = try #require(draws.first, "no status line in \(run.text.prefix(500))")
    #expect(first.t < 4, "the first status line came \(first.t) s after the start")
    let finished = draws.firstIndex { $0.done == 300 } ?? draws.count - 1
    let during = Array(draws[...finished])
    let gaps = zip(during.dropFirst(), during).map { $0.t - $1.t }
    #expect((gaps.max() ?? 0) < 2.0, "status line gaps: \(gaps.sorted().suffix(5))")
    #expect(during.count >= Int((during.last?.t ?? 0) - first.t), "fewer than one redraw a second")
    // Results and counts move on; the opening line names the target; the status line is cleared at the end.
    #expect(Set(during.map(\.done)).count > 5)
    #expect(run.text.contains("running 300 scenarios against live \(mock.url)"))
    #expect(run.text.contains("concurrency 8, retries 0"))
    #expect(run.text.contains("300 passed, 0 failed (300 scenarios in"))
    let tail = run.text.components(separatedBy: "\r\u{1B}[K").last ?? ""
    #expect(!tail.contains("/300 done"), "the status line is left on screen: \(tail.suffix(200))")
  }

  @Test func offATerminalAPlainProgressLineComesEveryTenSeconds() async throws {
    let dir = OperatingSuite.make(count: 30)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    // 30 requests at 2.5 a second take 12 s: one progress line.
    let r = try await Harness.run(["run", "--rate", "2.5", "--concurrency", "4"], in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stderr.split(separator: "\n").filter { $0.hasPrefix("progress: ") }
    #expect(lines.count >= 1, "\(r.stderr)")
    #expect(lines.first?.contains("/30 done: ") == true)
    #expect(!r.stderr.contains("\u{1B}["), "no terminal control codes off a terminal")
  }

  @Test func quietPrintsNoProgressAndTheSummaryIsAlwaysPrinted() async throws {
    let dir = MiniSuite.make()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let plain = try await Harness.run(["run"], in: dir)
    #expect(plain.status == 0)
    let opening = plain.stderr.split(separator: "\n").first ?? ""
    #expect(opening.hasPrefix("running 2 scenarios against fixture set Fixtures (concurrency "))
    #expect(opening.hasSuffix(", retries 0)"))

    let quiet = try await Harness.run(["run", "--quiet"], in: dir)
    #expect(quiet.status == 0)
    #expect(!quiet.stderr.contains("running "))
    #expect(!quiet.stderr.contains("progress"))
    #expect(
      quiet.stdout.hasSuffix("2 passed, 0 failed (2 scenarios in \(Self.time(quiet.stdout)))\n"))

    // --format json alone: nothing on stdout, the summary on stderr.
    let json = try await Harness.run(["run", "--format", "json", "--quiet"], in: dir)
    #expect(json.status == 0)
    #expect(json.stdout.isEmpty)
    #expect(json.stderr.contains("2 passed, 0 failed (2 scenarios in"))
    #expect(json.stderr.contains("reports: Reports/report.json"))
  }

  @Test func aSingleScenarioIsOneScenario() async throws {
    let dir = MiniSuite.make()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let r = try await Harness.run(["run", "--id", "mini.models.ok"], in: dir)
    #expect(r.status == 0)
    #expect(r.stderr.contains("running 1 scenario against"))
    #expect(r.stdout.contains("1 passed, 0 failed (1 scenario in"))
    let v = try await Harness.run(["validate", "scenarios/models.json"], in: dir)
    #expect(v.stdout == "2 scenarios in 1 file valid\n")
  }

  static func time(_ stdout: String) -> String {
    guard let open = stdout.range(of: "scenarios in ", options: .backwards),
      let close = stdout.range(of: ")", options: .backwards)
    else { return "" }
    return String(stdout[open.upperBound..<close.lowerBound])
  }
}
