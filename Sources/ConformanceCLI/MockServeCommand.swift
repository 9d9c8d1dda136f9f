import ConformanceCore
import ConformanceNetwork
import ConformanceReports
import Dispatch
import Foundation
import MockServer
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `mock serve`: serve a fixture set over HTTP until SIGINT or SIGTERM, then shut down cleanly.
struct MockServeCommand: Command {
  let cli: CLI

  static let clientReport: Option<String?> = .value(
    "--client-report", "DIR",
    "when stopped, judge the client by the traffic served: DIR/client-report.json and .md")

  static let spec = CommandSpec(
    name: "mock serve", summary: "serve a fixture set over HTTP on loopback",
    abstract:
      "Serve a fixture set over HTTP/1.1 on loopback, answering as replay would; with --contract, be AnyInt's contract twin.",
    options: MockServeOptions.options + TwinOptions.options + [clientReport.spec]
      + JudgeOptions.options,
    discussion: """
      The first line on standard output is the base URL, e.g. http://127.0.0.1:8080; point a client there.
      A request counts as carrying the valid key when it sends the value of ANYINT_API_KEY, or, when that
      is not set, the test key \(MockServerConfiguration.defaultTestKey). A key from the environment is never
      printed, logged or echoed in an answer.
      A request no fixture answers gets 404 with a JSON error naming the nearest fixture and what differed;
      with --contract it is answered by the documented contract instead: successes in the upstream APIs'
      shapes (streamed when asked), the documented errors for a wrong header family or key (401), a missing
      or unknown anthropic-version (400), invalid JSON or a missing field (400 with param), an unknown (404)
      or disabled (403) model, and music and video tasks that move through their states over --task-ms.
      Callbacks are POSTed to the callback URL the request body names (recorded ones after their delay; the
      twin's text/first/complete, with complete sent twice).
      --inject faults answers that would succeed; --inject-first N faults only the first N copies of each
      distinct request (same method, path, query and canonical body).
      Stop with Ctrl-C (SIGINT) or SIGTERM; exit code 0 after a clean shutdown (with --client-report: 1 when
      a client rule was broken), 2 for bad options or fixtures.
      """)

  func execute(_ parsed: ParsedArguments) async throws(UsageError) -> ExitCode {
    let reportDirectory = try parsed.get(Self.clientReport)
    if reportDirectory == nil, let name = parsed.firstGiven(JudgeOptions.options) {
      throw UsageError(
        .conflictingOptions, option: name,
        "\(name) sets how a client is judged; add --client-report DIR")
    }
    if let reportDirectory {
      do {
        try ReportDirectory.checkWritable(reportDirectory)
      } catch {
        throw UsageError(.unusableFile, option: Self.clientReport.name, "--client-report: \(error)")
      }
    }
    guard let setup = try TwinSetup.read(parsed, cli: cli, contract: false) else {
      return .invalidInput
    }
    let configuration = setup.configuration

    // Take the signals over before the URL is printed: whoever reads that line may signal at once.
    let signals = TerminationSignals()
    await signals.armed()
    // Callbacks go out as real POSTs to the URL each create request named, as the gateway's would.
    let logFile = try RequestLogFile.open(setup.logFile, secrets: cli.secrets)
    var log: (@Sendable (LoggedRequest) -> Void)?
    if let logFile { log = { entry in logFile.append(entry) } }
    let twin = ClientTwin(setup: setup, judging: reportDirectory != nil, log: log)
    let port: Int
    do throws(MockServerError) {
      port = try twin.server.start()
    } catch {
      signals.cancel()
      cli.err("error: \(error.message.escapingControlCharacters)\n")
      return .invalidInput
    }
    let shownHost =
      configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
    let baseURL = "http://\(shownHost):\(port)"
    cli.out(baseURL + "\n")
    let keyFromEnvironment =
      !(cli.environment[MockServerConfiguration.keyEnvironmentVariable] ?? "").isEmpty
    cli.err(
      twin.servingLine + "; valid key: "
        + (keyFromEnvironment
          ? "the value of \(MockServerConfiguration.keyEnvironmentVariable)"
          : "the default test key (see --help)")
        + "; stop with Ctrl-C\n")

    let received = await signals.next()
    cli.err("\(received == SIGTERM ? "SIGTERM" : "SIGINT") received; stopping\n")
    twin.server.stop()
    signals.cancel()
    guard let reportDirectory else { return .success }
    return twin.report(baseURL: baseURL, command: nil, to: reportDirectory, cli: cli)
  }
}
