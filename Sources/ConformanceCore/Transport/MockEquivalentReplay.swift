/// Replay that answers a request no fixture answers the way `mock serve` does: HTTP 404 with a JSON error
/// (`fixture_not_found`) naming the nearest fixture, instead of a transport fault. `diagnose --fixtures`
/// uses it, so offline probing and probing the mock give the same verdicts for the same answers.
public struct MockEquivalentReplay: Transport {
  public let replay: ReplayTransport

  public init(_ replay: ReplayTransport) { self.replay = replay }

  public func send(_ request: HTTPRequest, timeout: Duration) async -> TransportResult {
    let result = await replay.send(request, timeout: timeout)
    guard case .failure(let fault) = result, fault.kind == .noFixture else { return result }
    return .success(TransportReply(response: Self.notFound(fault.message)))
  }

  /// The mock's answer to a request no fixture answers.
  public static func notFound(_ message: String) -> HTTPResponse {
    let envelope: JSONValue = [
      "error": [
        "message": .string(message), "type": "fixture_not_found", "code": "no_matching_fixture",
      ]
    ]
    return HTTPResponse(
      status: 404, headers: HTTPHeaders([(HeaderName.contentType, MediaType.json)]),
      body: JSONWriter.bytes(envelope))
  }
}
