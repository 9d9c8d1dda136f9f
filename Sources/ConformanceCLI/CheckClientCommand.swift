import ConformanceCore
import ConformanceReports
import Dispatch
import Foundation
import MockServer

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `check-client [mock options] -- COMMAND [ARGS...]`: starts the contract twin on a free port, runs COMMAND
/// pointed at it, stops the twin when COMMAND exits, and judges how the client kept AnyInt's rules.
struct CheckClientCommand: Command {
  let cli: CLI

  static let reportDir = OutputOptions.reportDir.withHelp(
    "where client-report.json and client-report.md go (default \(Defaults.reportDirectory))")

  static let spec = CommandSpec(
    name: "check-client",
    summary: "run a client against the AnyInt contract twin and judge how it keeps the rules",
    abstract: "Run a client against the AnyInt contract twin and judge how it keeps the rules.",
    positional: "-- COMMAND [ARGS...]",
    options: [reportDir.spec]
      + MockServeOptions.options.overriding(
        MockServeOptions.fixtures.name,
        help: "a fixture set that answers before the contract (default: none)")
      + TwinOptions.options.overriding(
        TwinOptions.contract.name,
        help: "accepted for symmetry with mock serve: check-client is always the twin")
      + JudgeOptions.options,
    discussion: """
      COMMAND runs with ANYINT_BASE_URL (the twin), OPENAI_BASE_URL (.../openai/v1), ANTHROPIC_BASE_URL
      (.../anthropic), and ANYINT_API_KEY, OPENAI_API_KEY and ANTHROPIC_API_KEY set to the twin's valid key
      unless already set (the valid key is ANYINT_API_KEY's value, or the test key \(MockServerConfiguration.defaultTestKey)).
      Its standard input, output and error are this command's; Ctrl-C reaches it, and the judgement follows.
      Rules: auth-header, anthropic-version, no-retry-client-error, rate-limit-backoff, upstream-backoff,
      bounded-retries, poll-not-recreate, poll-interval, callback-ack; each held, broken (with the requests,
      times and the fix) or not exercised. The same request means the same method, path, query and
      canonical body, whatever headers changed between attempts.
      Exit code: 0 every exercised rule held, 1 a rule was broken, 2 bad options or a COMMAND that cannot be
      run. COMMAND's own exit status is reported, not used as the verdict.
      """)

  func execute(_ parsed: ParsedArguments) async throws(UsageError) -> ExitCode {
    let command = parsed.positionals
    guard let name = command.first else {
      throw UsageError(
        .missingArgument,
        "check-client needs the client to run after '--', e.g. check-client -- python3 my_app.py")
    }
    let reportDirectory = try parsed.get(Self.reportDir)
    do {
      try ReportDirectory.checkWritable(reportDirectory)
    } catch {
      throw UsageError(.unusableFile, option: Self.reportDir.name, "--report-dir: \(error)")
    }
    guard let setup = try TwinSetup.read(parsed, cli: cli, contract: true) else {
      return .invalidInput
    }
    let logFile = try RequestLogFile.open(setup.logFile, secrets: cli.secrets)
    var log: (@Sendable (LoggedRequest) -> Void)?
    if let logFile { log = { entry in logFile.append(entry) } }
    let environment0 = cli.environment
    guard let executable = Self.locate(name, path: environment0["PATH"]) else {
      throw UsageError(
        .missingArgument, option: name,
        "cannot run '\(name)': not found\(name.contains("/") ? "" : " on PATH") or not executable")
    }

    let twin = ClientTwin(setup: setup, judging: true, log: log)
    let port: Int
    do throws(MockServerError) {
      port = try twin.server.start()
    } catch {
      cli.err("error: \(error.message)\n")
      return .invalidInput
    }
    let host = setup.configuration.host
    let baseURL = "http://\(host.contains(":") ? "[\(host)]" : host):\(port)"
    let environment = Self.environment(
      environment0, baseURL: baseURL, key: setup.configuration.validKey)
    cli.err("check-client: \(twin.servingLine) at \(baseURL); running \(name)\n")

    let exit: (status: Int32?, signal: Int32?)
    do {
      exit = try await ChildRun.run(
        executable, arguments: Array(command.dropFirst()), environment: environment)
    } catch {
      twin.server.stop()
      cli.err("error: cannot run '\(name)': \(error.localizedDescription)\n")
      return .invalidInput
    }
    twin.server.stop()
    let redactor = cli.secrets.redactor
    return twin.report(
      baseURL: baseURL,
      command: ClientReportContext.Command(
        argv: command.map(redactor.string), exitStatus: exit.status, signal: exit.signal),
      to: reportDirectory, cli: cli)
  }

  /// COMMAND's environment: ours, with the twin's base URLs, and its key where no key is set.
  static func environment(_ base: [String: String], baseURL: String, key: String) -> [String:
    String]
  {
    var env = base
    env["ANYINT_BASE_URL"] = baseURL
    env["OPENAI_BASE_URL"] = baseURL + "/openai/v1"
    env["ANTHROPIC_BASE_URL"] = baseURL + "/anthropic"
    for name in ["ANYINT_API_KEY", "OPENAI_API_KEY", "ANTHROPIC_API_KEY"]
    where (env[name] ?? "").isEmpty {
      env[name] = key
    }
    return env
  }

  /// The executable a command name means: a path as given, or the first match on PATH.
  static func locate(_ name: String, path: String?) -> String? {
    func runnable(_ p: String) -> Bool {
      var isDirectory: ObjCBool = false
      return FileManager.default.fileExists(atPath: p, isDirectory: &isDirectory)
        && !isDirectory.boolValue && access(p, X_OK) == 0
    }
    guard !name.isEmpty else { return nil }
    if name.contains("/") { return runnable(name) ? name : nil }
    for dir in (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
      let candidate = (dir.isEmpty ? "." : String(dir)) + "/" + name
      if runnable(candidate) { return candidate }
    }
    return nil
  }
}

/// Runs the client as a child process sharing our terminal, forwarding SIGINT/SIGTERM to it, and waits
/// for it to exit without blocking a thread of the cooperative pool.
enum ChildRun {
  static func run(_ executable: String, arguments: [String], environment: [String: String])
    async throws -> (status: Int32?, signal: Int32?)
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.environment = environment
    let exited = AsyncStream<Void>.makeStream()
    process.terminationHandler = { _ in
      exited.continuation.yield()
      exited.continuation.finish()
    }
    try process.run()
    // Ctrl-C and SIGTERM go to the client (a terminal's Ctrl-C reaches it anyway); this process stays to
    // write the judgement. The signals stay ignored afterwards, so a second Ctrl-C cannot cut the writing.
    let pid = process.processIdentifier
    let queue = DispatchQueue(label: "anyint-conformance.check-client.signals")
    let sources = [SIGINT, SIGTERM].map { number -> any DispatchSourceSignal in
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
      source.setEventHandler { kill(pid, number) }
      source.resume()
      return source
    }
    for await _ in exited.stream { break }
    for source in sources { source.cancel() }
    process.waitUntilExit()
    switch process.terminationReason {
    case .uncaughtSignal: return (nil, process.terminationStatus)
    default: return (process.terminationStatus, nil)
    }
  }
}
