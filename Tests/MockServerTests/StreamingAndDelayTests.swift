import ConformanceCore
import MockServer
import Testing

/// Recorded pacing: streamed chunks with their delays, interrupted streams, response delays and the options
/// that add or remove delay. Timing is asserted loosely: lower bounds for pauses, never tight windows.
extension MockServerSuites {
  @Suite(.timeLimit(.minutes(1)))
  struct StreamingAndDelayTests {
    private func post(_ body: JSONValue) -> String {
      TestFixtures.request("POST", "/v1/chat/completions", body: JSONWriter.string(body))
    }

    @Test func streamedChunksArriveInOrderWithTheirDelays() throws {
      try withServer { _, port in
        let client = try RawClient(port: port)
        try client.send(post(TestFixtures.streamRequest))
        let response = try client.readResponse(timeout: .seconds(10))
        #expect(response.status == 200)
        #expect(response.header("transfer-encoding") == "chunked")
        #expect(response.header("content-length") == nil)
        #expect(response.header("content-type") == "text/event-stream")
        #expect(response.complete)
        #expect(
          response.chunks.map { String(decoding: $0.data, as: UTF8.self) } == [
            "data: a\n\n", "data: b\n\n", "data: [DONE]\n\n",
          ])
        if response.chunks.count == 3 {
          // The recorded 300 ms pause between the first and second chunk.
          #expect(ms(response.chunks[1].at - response.chunks[0].at) >= 200)
          #expect(response.chunks[2].at >= response.chunks[1].at)
        }
        // The connection stays usable after a finished stream.
        try client.send(TestFixtures.request("GET", "/v1/models"))
        #expect(try client.readResponse().status == 200)
      }
    }

    @Test func truncatedStreamEndsWithoutTheLastChunk() throws {
      try withServer { _, port in
        let client = try RawClient(port: port)
        try client.send(post(TestFixtures.truncatedRequest))
        let response = try client.readResponse(timeout: .seconds(10))
        #expect(response.status == 200)
        #expect(response.header("transfer-encoding") == "chunked")
        #expect(response.text == "data: a\n\ndata: b\n\n")
        #expect(!response.complete)
        #expect(client.closes(within: .seconds(5)))
      }
    }

    @Test func streamToHTTP10ClientEndsWithTheConnection() throws {
      try withServer { _, port in
        let client = try RawClient(port: port)
        let body = JSONWriter.string(TestFixtures.fastStreamRequest)
        try client.send(
          "POST /v1/chat/completions HTTP/1.0\r\nAuthorization: Bearer \(TestFixtures.validKey)\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
        )
        let response = try client.readResponse()
        #expect(response.header("transfer-encoding") == nil)
        #expect(response.text == "data: a\n\ndata: b\n\n")
      }
    }

    @Test func responseDelayIsHonoured() throws {
      try withServer { _, port in
        let client = try RawClient(port: port)
        let start = ContinuousClock.now
        try client.send(TestFixtures.request("GET", "/v1/paused"))
        #expect(try client.readResponse().text == "paused")
        #expect(ms(ContinuousClock.now - start) >= 250)
      }
    }

    @Test func noDelaysOptionSkipsRecordedDelays() throws {
      try withServer(configuration { $0.honourDelays = false }) { _, port in
        let client = try RawClient(port: port)
        let start = ContinuousClock.now
        try client.send(TestFixtures.request("GET", "/v1/slow"))
        #expect(try client.readResponse().text == "slow")
        // The fixture waits 10 s; without delays the answer comes long before that.
        #expect(ms(ContinuousClock.now - start) < 5000)
      }
    }

    @Test func extraDelayDelaysEveryAnswer() throws {
      try withServer(configuration { $0.extraDelayMs = 300 }) { _, port in
        let client = try RawClient(port: port)
        for target in ["/v1/models", "/v1/not-recorded"] {
          let start = ContinuousClock.now
          try client.send(TestFixtures.request("GET", target))
          _ = try client.readResponse()
          #expect(ms(ContinuousClock.now - start) >= 250, "answer to \(target)")
        }
      }
    }
  }
}
