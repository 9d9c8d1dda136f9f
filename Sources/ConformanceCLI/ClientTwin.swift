import ConformanceCore
import ConformanceNetwork
import ConformanceReports
import Foundation
import MockServer

/// A mock server built from the mock options: fixtures, the contract twin behind them, the injected faults,
/// and (when a client is judged) the recorder that sees every exchange and callback.
final class ClientTwin: Sendable {
  let setup: TwinSetup
  let server: MockServer
  let recorder: TrafficRecorder?
  let tasks: ContractTasks?
  let startedAt = Date()

  init(setup: TwinSetup, judging: Bool, log: (@Sendable (LoggedRequest) -> Void)?) {
    self.setup = setup
    let clock = Stopwatch()
    let key = setup.configuration.validKey
    let recorder = judging ? TrafficRecorder(validKey: key, clock: clock) : nil
    let tasks = setup.contract.map { ContractTasks(taskMs: $0.taskMs, clock: clock) }
    var contract: ContractResponder?
    if let configuration = setup.contract, let tasks {
      contract = ContractResponder(configuration: configuration, validKey: key, tasks: tasks)
    }
    let deliver: CallbackDelivery
    if let recorder {
      deliver = { url, body, headers in
        let sent = recorder.nowMs()
        let outcome = await CallbackSender.post(url, body: body, headers: headers)
        // A delivery cut short because the twin stopped says nothing about the client.
        guard !outcome.cancelled, !Task.isCancelled else { return }
        recorder.callback(
          url: url, body: body, sentMs: sent, answeredMs: recorder.nowMs(),
          status: outcome.status, error: outcome.error)
      }
    } else {
      deliver = { url, body, headers in await CallbackPoster.post(url, body: body, headers: headers)
      }
    }
    var wrap: (@Sendable (any HTTPResponder) -> any HTTPResponder)?
    if let plan = setup.plan {
      wrap = { inner in FaultInjector(inner, plan: plan, tasks: tasks) }
    }
    server = MockServer(
      configuration: setup.configuration, store: setup.store ?? FixtureStore(fixtures: []),
      deliverCallback: deliver, log: log, fallback: contract, wrap: wrap, observer: recorder)
    self.recorder = recorder
    self.tasks = tasks
  }

  /// The judgement of everything served so far.
  func judgement() -> ClientJudgement {
    ClientJudge.judge(recorder?.traffic(tasks: tasks) ?? ClientTraffic(), options: setup.judge)
  }

  func context(baseURL: String, command: ClientReportContext.Command? = nil) -> ClientReportContext
  {
    ClientReportContext(
      startedAt: startedAt, mode: setup.mode, baseURL: baseURL,
      injections: setup.plan?.injections.map { ($0.kind.rawValue, $0.rate) } ?? [],
      seed: setup.plan?.seed, injectFirst: setup.plan?.injectFirst, taskMs: setup.contract?.taskMs,
      command: command, dropped: recorder?.droppedCount ?? 0)
  }

  /// What the twin serves, for the line printed when it starts.
  var servingLine: String {
    let count = setup.store?.fixtures.count ?? 0
    var line =
      "serving \(count) fixture\(count == 1 ? "" : "s") from \(setup.fixturesDirectory ?? "-")"
    if setup.contract != nil {
      line =
        setup.store == nil ? "serving the AnyInt contract" : line + " before the AnyInt contract"
    }
    if let plan = setup.plan {
      line +=
        "; injecting \(plan.injections.map { "\($0.kind.rawValue):\(JSONWriter.formatNumber($0.rate))" }.joined(separator: ", ")) (seed \(plan.seed))"
    }
    return line
  }

  /// Judges the traffic served, prints the console form and writes the files; the exit code says whether a
  /// rule was broken (2 when the files cannot be written).
  func report(
    baseURL: String, command: ClientReportContext.Command?, to directory: String, cli: CLI
  ) -> ExitCode {
    let judgement = judgement()
    let context = context(baseURL: baseURL, command: command)
    cli.out(
      ClientReportText.console(
        judgement, context,
        color: ConsoleStyle.detect(isTTY: cli.terminal.isTTY, environment: cli.environment)))
    do {
      let files = try Self.write(judgement, context, to: directory, redactor: cli.secrets.redactor)
      cli.out("client reports: \(files.joined(separator: ", "))\n")
    } catch {
      cli.err("error: \(error)\n")
      return .invalidInput
    }
    return judgement.held ? .success : .failure
  }

  /// Writes `client-report.json` and `client-report.md` into `directory` (each file whole or not at all) and
  /// returns their paths.
  static func write(
    _ j: ClientJudgement, _ c: ClientReportContext, to directory: String, redactor: Redactor
  ) throws -> [String] {
    try ReportDirectory.createDirectory(directory)
    let json = directory + "/client-report.json"
    let markdown = directory + "/client-report.md"
    try ReportDirectory.writeAtomically(redactor.redact(ClientReport.render(j, c)), to: json)
    try ReportDirectory.writeAtomically(
      redactor.redact(ClientReportText.markdown(j, c)), to: markdown)
    return [json, markdown]
  }
}

/// Posts a callback like `CallbackPoster`, and says how the client answered it.
enum CallbackSender {
  struct Outcome {
    var status: Int?
    var error: String?
    var cancelled = false
  }

  static func post(
    _ url: String, body: JSONValue, headers: HTTPHeaders, timeoutMs: Int = 10_000
  ) async -> Outcome {
    guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(),
      scheme == "http" || scheme == "https", let host = parsed.host
    else { return Outcome(error: "callBackUrl is not an http(s) URL") }
    var base = "\(scheme)://\(host.contains(":") ? "[\(host)]" : host)"
    if let port = parsed.port { base += ":\(port)" }
    guard let baseURL = URL(string: base) else {
      return Outcome(error: "callBackUrl is not an http(s) URL")
    }
    var target = parsed.path.isEmpty ? "/" : parsed.path
    if let q = parsed.query { target += "?" + q }
    var h = headers
    if !h.contains("content-type") { h.add("content-type", "application/json") }
    var configuration = LiveTransportConfiguration(baseURL: baseURL)
    configuration.maxBodyBytes = 1 << 20
    let transport: LiveTransport
    do {
      transport = try LiveTransport(configuration)
    } catch {
      return Outcome(error: "cannot post the callback: \(error.message)")
    }
    let result = await transport.send(
      HTTPRequest(method: "POST", target: target, headers: h, body: JSONWriter.bytes(body)),
      timeout: .milliseconds(timeoutMs))
    switch result {
    case .success(let reply): return Outcome(status: reply.response.status)
    case .failure(let fault):
      return Outcome(error: fault.message, cancelled: fault.kind == .cancelled)
    }
  }
}
