import ConformanceCore
import MockServer
import Synchronization

/// The run's webhook listener for live targets: an HTTP server on `--callback-host:--callback-port` whose
/// callbacks reach the scenarios waiting for them; `--callback-url` names its public address when the gateway
/// cannot reach the host directly (a tunnel or a forwarded port).
final class CallbackListener: Sendable {
  let hub: CallbackHub
  private let server: MockServer

  private init(hub: CallbackHub, server: MockServer) {
    self.hub = hub
    self.server = server
  }

  /// Starts a listener when any scenario waits for a webhook; nil otherwise.
  static func start(for scenarios: [Scenario], options: CallbackOptions) throws(UsageError)
    -> CallbackListener?
  {
    let needed = scenarios.contains { s in
      s.steps.contains { if case .webhook = $0.kind { return true } else { return false } }
    }
    guard needed else { return nil }
    var configuration = MockServerConfiguration()
    configuration.host = options.host
    configuration.port = options.port
    let box = HubBox()
    let server = MockServer(
      configuration: configuration, responder: LateCallbackResponder(box: box))
    let port: Int
    do {
      port = try server.start()
    } catch {
      throw UsageError(
        .unusableFile, option: "--callback-port",
        "cannot start the webhook listener on \(configuration.host):\(configuration.port): \(error)"
      )
    }
    let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
    let base = options.url ?? "http://\(host):\(port)"
    guard base.hasPrefix("http://") || base.hasPrefix("https://") else {
      server.stop()
      throw UsageError(
        .invalidValue, option: "--callback-url", "--callback-url '\(base)' is not an http(s) URL")
    }
    let hub = CallbackHub(baseURL: base)
    box.set(hub)
    return CallbackListener(hub: hub, server: server)
  }

  func stop() { server.stop() }
}

/// Holds the hub once the listener's port (and so the hub's URL) is known.
final class HubBox: Sendable {
  private let hub = Mutex<CallbackHub?>(nil)
  func set(_ h: CallbackHub) { hub.withLock { $0 = h } }
  func get() -> CallbackHub? { hub.withLock { $0 } }
}

struct LateCallbackResponder: HTTPResponder {
  let box: HubBox

  func answer(_ request: HTTPRequest) -> ResponderAnswer {
    guard let hub = box.get() else {
      return ResponderAnswer(
        response: FixtureResponse(
          status: 503, headers: HTTPHeaders([("content-type", "application/json")]),
          body: Array("{}".utf8)))
    }
    return CallbackResponder(hub: hub).answer(request)
  }
}
