import ConformanceCore
import MockServer
import Testing

/// Requests that fixtures answer (or do not), over raw sockets.
extension MockServerSuites {
  @Suite(.timeLimit(.minutes(1)))
  struct FixtureServingTests {
    @Test func hitAnswersWithTheRecordedStatusHeadersAndBody() throws {
      try withServer { _, port in
        let client = try RawClient(port: port)
        try client.send(TestFixtures.request("GET", "/v1/models"))
        let response = try client.readResponse()
        #expect(response.status == 200)
        #expect(response.header("x-request-id") == "req_1")
        #expect(response.header("content-type") == "application/json")
        #expect(response.header("content-length") == String(response.body.count))
        #expect(response.header("connection") == nil)
        #expect(try response.json() == ["object": "list", "data": []])
      }
    }

    @Test func keepAliveServesTwoRequestsOnOneConnection() throws {
      try withServer { server, port in
        let client = try RawClient(port: port)
        try client.send(TestFixtures.request("GET", "/v1/models"))
        #expect(try client.readResponse().status == 200)
        try client.send(TestFixtures.request("GET", "/v1/models", key: "wrong"))
        #expect(try client.readResponse().text == #"{"error":"invalid"}"#)
        #expect(server.openConnectionCount == 1)
      }
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() throws {
      try withServer { _, port in
        let client = try RawClient(port: port)
        try client.send(
          TestFixtures.request("GET", "/v1/models", key: "")
            + TestFixtures.request("GET", "/v1/models", key: nil))
        #expect(try client.readResponse().text == #"{"error":"empty"}"#)
        #expect(try client.readResponse().text == #"{"error":"none"}"#)
      }
    }

    @Test func connectionCloseIsHonoured() throws {
      try withServer { _, port in
        let client = try RawClient(port: port)
        try client.send(TestFixtures.request("GET", "/v1/models", extra: ["Connection: close"]))
        let response = try client.readResponse()
        #expect(response.status == 200)
        #expect(response.header("connection") == "close")
        #expect(client.closes(within: .seconds(5)))
      }
    }

    @Test func http10ClosesUnlessKeepAliveIsAsked() throws {
      try withServer { _, port in
        let once = try RawClient(port: port)
        try once.send(
          "GET /v1/models HTTP/1.0\r\nAuthorization: Bearer \(TestFixtures.validKey)\r\n\r\n")
        #expect(try once.readResponse().status == 200)
        #expect(once.closes(within: .seconds(5)))

        let kept = try RawClient(port: port)
        let request =
          "GET /v1/models HTTP/1.0\r\nConnection: keep-alive\r\nAuthorization: Bearer \(TestFixtures.validKey)\r\n\r\n"
        try kept.send(request)
        let first = try kept.readResponse()
        #expect(first.header("connection") == "keep-alive")
        try kept.send(request)
        #expect(try kept.readResponse().status == 200)
      }
    }

    @Test func jsonBodyByContentLengthMatches() throws {
      try withServer { _, port in
        let client = try RawClient(port: port)
        // Key order and spacing differ from the fixture: bodies compare as canonical JSON.
        let body = #"{ "messages": [{"content": "hi", "role": "user"}], "model": "m" }"#
        try client.send(
          TestFixtures.request(
            "POST", "/v1/chat/completions", body: body, extra: ["Content-Type: application/json"]))
        #expect(try client.readResponse().text == #"{"id":"chatcmpl-1"}"#)
      }
    }

    @Test func chunkedRequestBodyIsReassembled() throws {
      try withServer { _, port in
        let client = try RawClient(port: port)
        let parts = [#"{"model":"m","#, #""messages":[{"role":"user","#, #""content":"hi"}]}"#]
        var wire = TestFixtures.request(
          "POST", "/v1/chat/completions", extra: ["Transfer-Encoding: chunked"])
        for (i, part) in parts.enumerated() {
          wire +=
            String(part.utf8.count, radix: 16) + (i == 1 ? ";ext=1" : "") + "\r\n" + part + "\r\n"
        }
        wire += "0\r\nX-Trailer: yes\r\n\r\n"
        try client.send(wire)
        let response = try client.readResponse()
        #expect(response.status == 200)
        #expect(response.text == #"{"id":"chatcmpl-1"}"#)
        // The connection is still usable after a chunked body.
        try client.send(TestFixtures.request("GET", "/v1/models"))
        #expect(try client.readResponse().status == 200)
      }
    }

    @Test func expectContinueGetsAnInterimAnswerBeforeTheBody() throws {
      try withServer { _, port in
        let client = try RawClient(port: port)
        let body = String(repeating: "x", count: 5000)
        let head = TestFixtures.request(
          "POST", "/v1/upload",
          extra: ["Content-Length: \(body.utf8.count)", "Expect: 100-continue"])
        try client.send(head)
        #expect(try client.readResponse(keepInterim: true).status == 100)
        try client.send(body)
        let response = try client.readResponse()
        #expect(response.status == 200)
        #expect(response.text == "ok")
      }
    }

    @Test func missAnswers404NamingTheNearestFixture() throws {
      try withServer { _, port in
        let client = try RawClient(port: port)
        try client.send(TestFixtures.request("GET", "/v1/modelz"))
        let response = try client.readResponse()
        #expect(response.status == 404)
        #expect(response.header("content-type") == "application/json")
        let error = try response.json()["error"]
        #expect(error?["type"] == "fixture_not_found")
        #expect(error?["code"] == "no_matching_fixture")
        let message = error?["message"]?.stringValue ?? ""
        #expect(message.contains("\"models.valid\""))
        #expect(message.contains("path: recorded /v1/models, sent /v1/modelz"))
      }
    }

    @Test func missNamesTheBodyDifference() throws {
      try withServer { _, port in
        let client = try RawClient(port: port)
        try client.send(
          TestFixtures.request(
            "POST", "/v1/chat/completions",
            body: #"{"model":"m","messages":[{"role":"user","content":"bye"}]}"#))
        let response = try client.readResponse()
        #expect(response.status == 404)
        let message = try response.json()["error"]?["message"]?.stringValue ?? ""
        #expect(message.contains("\"chat.create\""))
        #expect(message.contains("$.messages[0].content"))
      }
    }

    @Test func answersNeverEchoTheKey() throws {
      try withServer { _, port in
        let client = try RawClient(port: port)
        // The key sent where a miss message quotes the request (the query) is still not echoed.
        try client.send(TestFixtures.request("GET", "/v1/models?api_key=\(TestFixtures.validKey)"))
        let response = try client.readResponse()
        #expect(response.status == 404)
        #expect(response.text.contains("api_key=<redacted>"))
        #expect(!response.text.contains(TestFixtures.validKey))
        for header in response.headers { #expect(!header.value.contains(TestFixtures.validKey)) }
      }
    }

    @Test(arguments: [
      (
        "Authorization: Bearer \(MockServerConfiguration.defaultTestKey)",
        #"{"object":"list","data":[]}"#
      ),
      ("Authorization: Bearer sk-something-else", #"{"error":"invalid"}"#),
      ("Authorization: Bearer ", #"{"error":"empty"}"#),
      ("X-Unrelated: 1", #"{"error":"none"}"#),
    ])
    func keyKindsSelectTheirFixtures(header: String, body: String) throws {
      try withServer { _, port in
        let client = try RawClient(port: port)
        try client.send("GET /v1/models HTTP/1.1\r\nHost: x\r\n\(header)\r\n\r\n")
        #expect(try client.readResponse().text == body)
      }
    }

    @Test func theConfiguredKeyIsTheValidOne() throws {
      try withServer(configuration { $0.validKey = "sk-configured-key" }) { _, port in
        let client = try RawClient(port: port)
        try client.send(TestFixtures.request("GET", "/v1/models", key: "sk-configured-key"))
        #expect(try client.readResponse().status == 200)
        try client.send(
          TestFixtures.request("GET", "/v1/models", key: MockServerConfiguration.defaultTestKey))
        #expect(try client.readResponse().text == #"{"error":"invalid"}"#)
      }
    }

    @Test func validKeyComesFromTheEnvironmentOrTheDefault() {
      #expect(
        MockServerConfiguration.validKey(environment: ["ANYINT_API_KEY": "sk-from-env"])
          == "sk-from-env")
      #expect(
        MockServerConfiguration.validKey(environment: ["ANYINT_API_KEY": ""]) == "sk-anyint-mock")
      #expect(MockServerConfiguration.validKey(environment: [:]) == "sk-anyint-mock")
      #expect(
        !String(describing: configuration { $0.validKey = "sk-secret-value" }).contains(
          "sk-secret-value"))
    }

    @Test func bodylessStatusHasNoBodyOrLength() throws {
      try withServer { _, port in
        let client = try RawClient(port: port)
        try client.send(TestFixtures.request("DELETE", "/v1/things/1"))
        let response = try client.readResponse()
        #expect(response.status == 204)
        #expect(response.header("content-length") == nil)
        try client.send(TestFixtures.request("GET", "/v1/models"))
        #expect(try client.readResponse().status == 200)
      }
    }

    @Test func headAnswersWithTheLengthButNoBody() throws {
      let store = FixtureStore(fixtures: [
        TestFixtures.fixture(
          "head", "HEAD", "/v1/models", response: TestFixtures.json(200, ["object": "list"]))
      ])
      try withServer(store: store) { _, port in
        let client = try RawClient(port: port)
        try client.send(TestFixtures.request("HEAD", "/v1/models"))
        let response = try client.readResponse(bodyless: true)
        #expect(response.status == 200)
        #expect(response.header("content-length") == "17")
        // Nothing follows the head: the next answer starts right away.
        try client.send(TestFixtures.request("HEAD", "/v1/models"))
        #expect(try client.readResponse(bodyless: true).status == 200)
      }
    }
  }
}
