import ConformanceCore

/// The HTTP side of a run's webhook listener: `POST .../callbacks/<token>` with a JSON body goes to the hub,
/// which hands it to the scenario waiting on that token.
public struct CallbackResponder: HTTPResponder {
  let hub: CallbackHub

  public init(hub: CallbackHub) { self.hub = hub }

  public func answer(_ request: HTTPRequest) -> ResponderAnswer {
    guard request.method == "POST" else {
      return ResponderAnswer(response: Self.json(405, ["error": "callbacks are POSTed"]))
    }
    guard let token = CallbackHub.token(inPath: request.path) else {
      return ResponderAnswer(
        response: Self.json(
          404, ["error": "not a callback URL of this run (expected .../callbacks/<token>)"]))
    }
    guard let body = try? JSONParser.parse(request.body) else {
      return ResponderAnswer(response: Self.json(400, ["error": "a callback body must be JSON"]))
    }
    guard hub.deliver(token: token, body: body) else {
      return ResponderAnswer(
        response: Self.json(404, ["error": "no scenario of this run waits on that callback URL"]))
    }
    // AnyInt and Suno-style providers expect a 200 to stop retrying a callback.
    return ResponderAnswer(response: Self.json(200, ["code": 200, "msg": "received"]))
  }

  static func json(_ status: Int, _ body: JSONValue) -> FixtureResponse {
    FixtureResponse(
      status: status, headers: HTTPHeaders([("content-type", "application/json")]),
      body: JSONWriter.bytes(body))
  }
}
