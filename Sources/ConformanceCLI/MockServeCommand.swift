import ConformanceCore
import ConformanceNetwork
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

  static let spec = CommandSpec(
    name: "mock serve", summary: "serve a fixture set over HTTP on loopback",
    abstract: "Serve a fixture set over HTTP/1.1 on loopback, answering as replay would.",
    options: MockServeOptions.options,
    discussion: """
      The first line on standard output is the base URL, e.g. http://127.0.0.1:8080; point a client there.
      A request counts as carrying the valid key when it sends the value of ANYINT_API_KEY, or, when that
      is not set, the test key \(MockServerConfiguration.defaultTestKey). A key from the environment is never
      printed, logged or echoed in an answer.
      A request no fixture answers gets 404 with a JSON error naming the nearest fixture and what differed.
      Recorded callbacks are POSTed to the callback URL the request body names, after their recorded delay.
      Stop with Ctrl-C (SIGINT) or SIGTERM; exit code 0 after a clean shutdown, 2 for bad options or fixtures.
      """)

  func execute(_ parsed: ParsedArguments) async throws(UsageError) -> ExitCode {
    let options = try MockServeOptions(parsed, environment: cli.environment)
    let configuration = options.configuration
    let directory = options.fixtures
    guard let store = cli.loadFixtures(directory) else { return .invalidInput }

    // Take the signals over before the URL is printed: whoever reads that line may signal at once.
    let signals = TerminationSignals()
    await signals.armed()
    // Recorded callbacks go out as real POSTs to the URL each create request named, as the gateway's would.
    let logFile = try RequestLogFile.open(options.logFile)
    var log: (@Sendable (LoggedRequest) -> Void)?
    if let logFile { log = { entry in logFile.append(entry) } }
    let server = MockServer(
      configuration: configuration, store: store,
      deliverCallback: { url, body, headers in
        await CallbackPoster.post(url, body: body, headers: headers)
      }, log: log)
    let port: Int
    do throws(MockServerError) {
      port = try server.start()
    } catch {
      signals.cancel()
      cli.terminal.err("error: \(error.message)\n")
      return .invalidInput
    }
    let shownHost =
      configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
    cli.terminal.out("http://\(shownHost):\(port)\n")
    let keyFromEnvironment =
      !(cli.environment[MockServerConfiguration.keyEnvironmentVariable] ?? "").isEmpty
    let count = store.fixtures.count
    cli.terminal.err(
      "serving \(count) fixture\(count == 1 ? "" : "s") from \(directory); valid key: "
        + (keyFromEnvironment
          ? "the value of \(MockServerConfiguration.keyEnvironmentVariable)"
          : "the default test key (see --help)")
        + "; stop with Ctrl-C\n")

    let received = await signals.next()
    cli.terminal.err("\(received == SIGTERM ? "SIGTERM" : "SIGINT") received; stopping\n")
    server.stop()
    signals.cancel()
    return .success
  }
}
