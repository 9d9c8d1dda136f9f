import ConformanceCore
import ConformanceNetwork
import ConformanceReports

/// `diagnose --route PATH`: probe one route with each header family and say which one it accepts, whether it
/// wrongly accepts another, and what a failing request of the caller's should change.
struct DiagnoseCommand: Command {
  let cli: CLI

  static let spec = CommandSpec(
    name: "diagnose", summary: "probe a route with each header family and say which one it accepts",
    abstract: "Probe a route with each header family and say which one it accepts.",
    options: DiagnoseOptions.options,
    discussion: """
      Only a 2xx counts as accepted; a 404 is route-not-found and any other answer not about the headers is not-judged.
      Exit codes: 0 the route behaves as documented; 1 it does not (rejects its documented headers, accepts another family,
      accepts no key, or answers a wrong key with something other than 401), or it could not be judged (no HTTP answer,
      or 404 to every probe: the verdict starts "could not judge:"); 2 invalid input.
      """)

  func execute(_ parsed: ParsedArguments) async throws(UsageError) -> ExitCode {
    let options = try DiagnoseOptions(parsed, catalog: cli.catalog)
    let transport: any Transport
    let credentials: Credentials
    let target: String
    if let dir = options.fixtures {
      guard let store = cli.loadFixtures(dir) else { return .invalidInput }
      credentials = Credentials(validKey: Credentials.fixtureKey)
      // A miss answers 404 as `mock serve` does: offline and the mock give the same verdicts.
      transport = MockEquivalentReplay(
        ReplayTransport(store: store, keys: credentials.keyClassifier, honourDelays: false))
      target = "fixtures \(dir)"
    } else {
      let live = try LiveTarget.resolve(
        options.live, environment: cli.environment, concurrency: 4, secrets: cli.secrets,
        needs: "diagnose", otherwise: "; or give --fixtures DIR to probe a fixture set offline")
      if let warning = live.warning { cli.err(warning) }
      credentials = live.credentials
      transport = live.transport
      target = live.baseURL
    }
    let diagnosis = await RouteDiagnosis.run(
      options.plan, transport: transport, credentials: credentials, catalog: cli.catalog,
      target: target)
    switch options.format {
    case .json: cli.out(JSONWriter.string(DiagnoseReport.json(diagnosis), style: .pretty))
    case .text: cli.out(DiagnoseReport.text(diagnosis))
    }
    return diagnosis.verdict.asDocumented ? .success : .failure
  }
}
