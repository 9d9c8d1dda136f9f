import ConformanceCore
import MockServer
import Testing

/// Malformed and oversized requests: each gets its status code, then the connection closes.
extension MockServerSuites {
  @Suite(.timeLimit(.minutes(1)))
  struct ProtocolLimitTests {
    /// Sends `wire`, expects `status` with a JSON error body, then expects the server to close the connection.
    private func expectRefusal(
      _ wire: String, status: Int,
      configuration: MockServerConfiguration = MockServerConfiguration()
    ) throws {
      try withServer(configuration) { _, port in
        let client = try RawClient(port: port)
        try client.send(wire)
        let response = try client.readResponse()
        #expect(response.status == status)
        #expect(response.header("connection") == "close")
        #expect(try response.json()["error"]?["type"] == "invalid_request")
        #expect(client.closes(within: .seconds(5)))
      }
    }

    @Test(arguments: [
      "GARBAGE\r\n\r\n",
      "GET /v1/models\r\n\r\n",
      "GET  /v1/models HTTP/1.1\r\n\r\n",
      "GET v1/models HTTP/1.1\r\n\r\n",
      "GET /v1/models HTTP/1.1 extra\r\n\r\n",
      "G(T /v1/models HTTP/1.1\r\n\r\n",
      "GET /v1/mo dels HTTP/1.1\r\n\r\n",
      "GET /v1/models FTP/1.1\r\n\r\n",
    ])
    func malformedRequestLineIs400(wire: String) throws {
      try expectRefusal(wire, status: 400)
    }

    @Test(arguments: [
      "Bad Header: x",
      "Bad-Header : x",
      "NoColon",
      " folded: continuation",
      ": no-name",
      "X-Control: a\u{1}b",
    ])
    func malformedHeaderIs400(line: String) throws {
      try expectRefusal("GET /v1/models HTTP/1.1\r\nHost: x\r\n\(line)\r\n\r\n", status: 400)
    }

    @Test(arguments: [
      ["Content-Length: 5", "Transfer-Encoding: chunked"],
      ["Content-Length: 5", "Content-Length: 6"],
      ["Content-Length: -1"],
      ["Content-Length: 1x"],
      ["Transfer-Encoding: chunked, identity"],
    ])
    func conflictingOrInvalidFramingIs400(headers: [String]) throws {
      try expectRefusal(TestFixtures.request("POST", "/v1/upload", extra: headers), status: 400)
    }

    @Test func otherTransferCodingsAre501() throws {
      try expectRefusal(
        TestFixtures.request("POST", "/v1/upload", extra: ["Transfer-Encoding: gzip, chunked"]),
        status: 501)
    }

    @Test func otherHTTPVersionsAre505() throws {
      try expectRefusal("GET /v1/models HTTP/2.0\r\n\r\n", status: 505)
    }

    @Test func unknownExpectationIs417() throws {
      try expectRefusal(
        TestFixtures.request("GET", "/v1/models", extra: ["Expect: something"]), status: 417)
    }

    @Test func tooLongRequestLineIs414() throws {
      try expectRefusal(
        "GET /" + String(repeating: "a", count: 20_000) + " HTTP/1.1\r\n\r\n", status: 414)
    }

    @Test func aMegabyteOfHeadersIs431ThenClose() throws {
      var wire = "GET /v1/models HTTP/1.1\r\nHost: x\r\n"
      let filler = String(repeating: "v", count: 1000)
      for i in 0..<1000 { wire += "X-Fill-\(i): \(filler)\r\n" }
      wire += "\r\n"
      #expect(wire.utf8.count > 1_000_000)
      try expectRefusal(wire, status: 431)
    }

    @Test func oversizedBodyByContentLengthIs413BeforeTheBodyIsSent() throws {
      try withServer(configuration { $0.limits.maxBodyBytes = 1024 }) { _, port in
        let client = try RawClient(port: port)
        try client.send(TestFixtures.request("POST", "/v1/upload", extra: ["Content-Length: 4096"]))
        let response = try client.readResponse()
        #expect(response.status == 413)
        #expect(try response.json()["error"]?["code"] == "body_too_large")
        #expect(client.closes(within: .seconds(5)))
      }
    }

    @Test func oversizedChunkedBodyIs413() throws {
      let chunk = String(repeating: "y", count: 800)
      let piece = String(chunk.utf8.count, radix: 16) + "\r\n" + chunk + "\r\n"
      let wire =
        TestFixtures.request("POST", "/v1/upload", extra: ["Transfer-Encoding: chunked"]) + piece
        + piece + "0\r\n\r\n"
      try expectRefusal(
        wire, status: 413, configuration: configuration { $0.limits.maxBodyBytes = 1024 })
    }

    @Test func malformedChunkIs400() throws {
      try expectRefusal(
        TestFixtures.request("POST", "/v1/upload", extra: ["Transfer-Encoding: chunked"])
          + "zz\r\nabc\r\n0\r\n\r\n", status: 400)
    }

    @Test func bodyAtTheLimitIsServed() throws {
      try withServer(configuration { $0.limits.maxBodyBytes = 1024 }) { _, port in
        let client = try RawClient(port: port)
        try client.send(
          TestFixtures.request("POST", "/v1/upload", body: String(repeating: "z", count: 1024)))
        #expect(try client.readResponse().text == "ok")
      }
    }
  }
}
