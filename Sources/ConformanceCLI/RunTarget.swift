import ConformanceCore
import ConformanceNetwork
import Foundation

/// A target resolved before anything is sent: the transport, the keys, what the reports say about it, and where
/// callbacks arrive on the fixture mock.
struct RunTarget {
  var transport: any Transport
  var credentials: Credentials
  var info: TargetInfo
  /// The fixture mock's callback hub (replay delivers recorded callbacks to it); nil for a live target, whose
  /// listener starts once the scenarios are known.
  var callbacks: CallbackHub?

  /// Resolves the target options; nil when the fixture set cannot be used (its diagnostics are printed).
  static func resolve(_ options: TargetOptions, cli: CLI, concurrency: Int) throws(UsageError)
    -> RunTarget?
  {
    switch options.kind {
    case .fixtures:
      guard let store = cli.loadFixtures(options.fixtures) else { return nil }
      let credentials = Credentials(validKey: Credentials.fixtureKey)
      // Replay delivers recorded callbacks straight to the run's hub (no socket needed offline); a callback
      // URL elsewhere gets a real POST.
      let hub = CallbackHub(baseURL: CallbackHub.offlineBaseURL)
      let transport = ReplayTransport(
        store: store, keys: credentials.keyClassifier, honourDelays: options.honourDelays,
        deliver: { url, body, headers in
          if url.hasPrefix(hub.baseURL + "/"), let token = CallbackHub.token(inPath: url) {
            hub.deliver(token: token, body: body)
          } else {
            await CallbackPoster.post(url, body: body, headers: headers)
          }
        })
      return RunTarget(
        transport: transport, credentials: credentials,
        info: TargetInfo(kind: "fixtures", fixtures: options.fixtures), callbacks: hub)
    case .live:
      let live = try LiveTarget.resolve(
        options.live, environment: cli.environment, concurrency: concurrency, secrets: cli.secrets)
      if let warning = live.warning { cli.err(warning) }
      var info = TargetInfo(kind: "live", baseURL: live.baseURL)
      info.connection = live.connection
      return RunTarget(
        transport: live.transport, credentials: live.credentials, info: info, callbacks: nil)
    }
  }
}
