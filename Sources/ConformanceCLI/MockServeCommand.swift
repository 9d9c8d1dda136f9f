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

/// SIGINT and SIGTERM delivered as values: the default handlers are switched off and Dispatch signal sources
/// report the signals on a queue of their own, so no global state or async-signal-unsafe code is involved.
final class TerminationSignals {
  private let sources: [any DispatchSourceSignal]
  private let stream: AsyncStream<Int32>
  private let registered = DispatchGroup()

  init() {
    let (stream, continuation) = AsyncStream<Int32>.makeStream()
    let queue = DispatchQueue(label: "anyint-conformance.signals")
    var sources: [any DispatchSourceSignal] = []
    for number in [SIGINT, SIGTERM] {
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
      source.setEventHandler { continuation.yield(number) }
      registered.enter()
      source.setRegistrationHandler { [registered] in registered.leave() }
      source.resume()
      sources.append(source)
    }
    self.sources = sources
    self.stream = stream
  }

  /// Returns once Dispatch watches both signals. It installs its handler lazily on its own thread; until then
  /// an ignored signal would be lost, so a launcher that signals right after reading the URL would hang.
  func armed() async {
    await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
      registered.notify(queue: .global()) { done.resume() }
    }
  }

  /// Waits for the next SIGINT or SIGTERM and returns its number.
  func next() async -> Int32 {
    for await number in stream { return number }
    return SIGTERM
  }

  /// Stops listening. The signals stay ignored, so a second Ctrl-C cannot kill the process half-way through
  /// its clean shutdown.
  func cancel() {
    for source in sources { source.cancel() }
  }
}

/// The `--log-requests` file: one JSON object per line, written as requests are answered (keys as kinds only).
final class RequestLogFile: Sendable {
  private let handle: Mutex<FileHandle>

  private init(_ handle: FileHandle) { self.handle = Mutex(handle) }

  static func open(_ path: String?) throws(UsageError) -> RequestLogFile? {
    guard let path else { return nil }
    if !FileManager.default.fileExists(atPath: path) {
      guard FileManager.default.createFile(atPath: path, contents: nil) else {
        throw UsageError(
          .unusableFile, option: "--log-requests", "--log-requests: cannot create \(path)")
      }
    }
    guard let h = FileHandle(forWritingAtPath: path) else {
      throw UsageError(
        .unusableFile, option: "--log-requests", "--log-requests: cannot write \(path)")
    }
    h.seekToEndOfFile()
    return RequestLogFile(h)
  }

  func append(_ e: LoggedRequest) {
    let line: JSONValue = [
      "method": .string(e.method), "target": .string(e.target), "auth": .string(e.auth.rawValue),
      "key": .string(e.key.rawValue),
      "status": .number(Double(e.status)), "fixture": .optionalString(e.fixture),
    ]
    let bytes = JSONWriter.bytes(line) + [0x0A]
    handle.withLock { $0.write(Data(bytes)) }
  }
}
