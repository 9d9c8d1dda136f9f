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
struct CheckClientCommand {
  let cli: CLI

  static let spec = CommandSpec(
    name: "check-client", abstract: "Run a client against the AnyInt contract twin and judge how it keeps the rules.",
    positional: "-- COMMAND [ARGS...]",
    options: [
      OptionSpec(
        "--report-dir", value: "DIR",
        "where client-report.json and client-report.md go (default Reports)")
    ] + MockOptions.serving.filter { $0.name != "--fixtures" } + [
      OptionSpec(
        "--fixtures", value: "DIR", "a fixture set that answers before the contract (default: none)")
    ] + MockOptions.twin + MockOptions.judging,
    discussion: """
      COMMAND runs with ANYINT_BASE_URL (the twin), OPENAI_BASE_URL (.../openai/v1), ANTHROPIC_BASE_URL
      (.../anthropic), and ANYINT_API_KEY, OPENAI_API_KEY and ANTHROPIC_API_KEY set to the twin's valid key
      unless already set (the valid key is ANYINT_API_KEY's value, or the test key \\(MockServerConfiguration.defaultTestKey)).
      Its standard input, output and error are this command's; Ctrl-C reaches it, and the judgement follows.
      Rules: \\(ClientRule.allCases.map(\\.rawValue).joined(separator: ", ")); each held, broken (with the
      requests, times and the fix) or not exercised. The same request means the same method, path, query and
      canonical body, whatever headers changed between attempts.
      Exit code: 0 every exercised rule held, 1 a rule was broken, 2 bad options or a COMMAND that cannot be
      run. COMMAND's own exit status is reported, not used as the verdict.
      """)

  func execute(_ args: [String]) async throws(UsageError) -> ExitCode {
    let split = args.firstIndex(of: "--")
    let optionArgs = split.map { Array(args[..<$0]) } ?? args
    guard let parsed = try cli.parse(optionArgs, Self.spec) else { return .success }
    guard let split, split + 1 < args.count else {
      throw UsageError(
        "check-client needs the client to run after '--', e.g. check-client -- python3 my_app.py")
    }
    if let stray = parsed.positionals.first {
      throw UsageError(
        "'\(stray)' comes before '--'; put the command and its arguments after '--'")
    }
    let command = Array(args[(split + 1)...])
    guard let setup = try MockOptions.setup(parsed, cli: cli, contract: true) else {
      return .invalidInput
    }
    let reportDirectory = parsed.value("--report-dir") ?? "Reports"
    do {
      try ReportDirectory.checkWritable(reportDirectory)
    } catch {
      throw UsageError("--report-dir: \(error)")
    }
    let logFile = try RequestLogFile.open(parsed.value("--log-requests"))
    var log: (@Sendable (LoggedRequest) -> Void)?
    if let logFile { log = { entry in logFile.append(entry) } }

    let twin = ClientTwin(setup: setup, judging: true, log: log)
    let port: Int
    do throws(MockServerError) {
      port = try twin.server.start()
    } catch {
      cli.terminal.err("error: \(error.message)\n")
      return .invalidInput
    }
    let host = setup.configuration.host
    let baseURL = "http://\(host.contains(":") ? "[\(host)]" : host):\(port)"
    let environment = Self.environment(
      cli.environment, baseURL: baseURL, key: setup.configuration.validKey)
    guard let executable = Self.locate(command[0], path: environment["PATH"]) else {
      twin.server.stop()
      throw UsageError(
        "cannot run '\(command[0])': not found\(command[0].contains("/") ? "" : " on PATH") or not executable")
    }
    cli.terminal.err("check-client: the twin serves \(setup.mode) at \(baseURL); running \(command[0])\n")

    let exit: (status: Int32?, signal: Int32?)
    do {
      exit = try await ChildRun.run(
        executable, arguments: Array(command.dropFirst()), environment: environment)
    } catch {
      twin.server.stop()
      cli.terminal.err("error: cannot run '\(command[0])': \(error.localizedDescription)\n")
      return .invalidInput
    }
    twin.server.stop()

    let redactor = Redactor(secrets: [setup.configuration.validKey])
    let judgement = twin.judgement()
    let context = twin.context(
      baseURL: baseURL,
      command: ClientReportContext.Command(
        argv: command.map(redactor.string), exitStatus: exit.status, signal: exit.signal))
    cli.terminal.out(
      ClientReportText.console(
        judgement, context,
        color: ConsoleStyle.detect(isTTY: cli.terminal.isTTY, environment: cli.environment)))
    do {
      let files = try ClientTwin.write(judgement, context, to: reportDirectory)
      cli.terminal.out("reports: \(files.joined(separator: ", "))\n")
    } catch {
      cli.terminal.err("error: \(error)\n")
      return .invalidInput
    }
    return judgement.held ? .success : .failure
  }

  /// COMMAND's environment: ours, with the twin's base URLs, and its key where no key is set.
  static func environment(_ base: [String: String], baseURL: String, key: String) -> [String: String] {
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
