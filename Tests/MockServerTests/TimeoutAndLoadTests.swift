import ConformanceCore
import MockServer
import Testing

/// Slow and idle clients, many clients at once, and the connection limit.
extension MockServerSuites {
  @Suite(.timeLimit(.minutes(1)))
  struct TimeoutAndLoadTests {
    @Test func slowClientIsClosedWhileOthersAreServed() throws {
      try withServer(configuration { $0.timeouts.request = .milliseconds(400) }) { _, port in
        let slow = try RawClient(port: port)
        let started = ContinuousClock.now
        try slow.send("GET /v1/models HTTP/1.1\r\nHost: x\r\nAuthoriz")
        // While the slow client stalls, a well-behaved one is served.
        let good = try RawClient(port: port)
        try good.send(TestFixtures.request("GET", "/v1/models"))
        #expect(try good.readResponse().status == 200)

        let response = try slow.readResponse(timeout: .seconds(10))
        #expect(response.status == 408)
        #expect(slow.closes(within: .seconds(5)))
        #expect(ms(ContinuousClock.now - started) >= 300)

        try good.send(TestFixtures.request("GET", "/v1/models"))
        #expect(try good.readResponse().status == 200)
      }
    }

    @Test func slowBodyIsClosedAfterTheRequestTimeout() throws {
      try withServer(configuration { $0.timeouts.request = .milliseconds(400) }) { _, port in
        let client = try RawClient(port: port)
        try client.send(
          TestFixtures.request("POST", "/v1/upload", extra: ["Content-Length: 100"]) + "only part")
        #expect(try client.readResponse(timeout: .seconds(10)).status == 408)
        #expect(client.closes(within: .seconds(5)))
      }
    }

    @Test func idleKeepAliveConnectionIsClosedQuietly() throws {
      try withServer(configuration { $0.timeouts.idle = .milliseconds(300) }) { _, port in
        let client = try RawClient(port: port)
        try client.send(TestFixtures.request("GET", "/v1/models"))
        #expect(try client.readResponse().status == 200)
        let idleSince = ContinuousClock.now
        #expect(client.closes(within: .seconds(10)))
        #expect(ms(ContinuousClock.now - idleSince) >= 200)

        let silent = try RawClient(port: port)
        #expect(silent.closes(within: .seconds(10)))
      }
    }

    @Test func fiveHundredConcurrentConnectionsAreEachAnsweredOrClosed() throws {
      try withServer { server, port in
        var clients: [RawClient] = []
        for _ in 0..<500 { clients.append(try RawClient(port: port)) }
        for client in clients { try client.send(TestFixtures.request("GET", "/v1/models")) }
        // A normal request on a fresh connection still succeeds while the 500 are open.
        let normal = try RawClient(port: port)
        try normal.send(TestFixtures.request("GET", "/v1/models"))
        #expect(try normal.readResponse(timeout: .seconds(20)).status == 200)

        var answered = 0
        var closed = 0
        for client in clients {
          if let response = try? client.readResponse(timeout: .seconds(20)) {
            #expect(response.status == 200 || response.status == 503)
            if response.status == 200 { answered += 1 }
          } else {
            #expect(client.closes(within: .seconds(5)))
            closed += 1
          }
        }
        #expect(answered + closed == 500)
        // Under the default connection limit nothing needs turning away.
        #expect(answered == 500)
        #expect(server.openConnectionCount >= 1)
      }
    }

    @Test func connectionsOverTheLimitAreTurnedAwayWith503() throws {
      try withServer(configuration { $0.limits.maxConnections = 3 }) { server, port in
        var held: [RawClient] = []
        for _ in 0..<3 {
          let client = try RawClient(port: port)
          try client.send(TestFixtures.request("GET", "/v1/models"))
          #expect(try client.readResponse().status == 200)
          held.append(client)
        }
        #expect(server.openConnectionCount == 3)
        let extra = try RawClient(port: port)
        let refused = try extra.readResponse()
        #expect(refused.status == 503)
        #expect(try refused.json()["error"]?["code"] == "server_busy")
        #expect(extra.closes(within: .seconds(5)))

        try held[0].send(TestFixtures.request("GET", "/v1/models", extra: ["Connection: close"]))
        #expect(try held[0].readResponse().status == 200)
        #expect(held[0].closes(within: .seconds(5)))
        held.removeFirst()
        // Once a slot is free again a new connection is served.
        var served = false
        let giveUp = ContinuousClock.now + .seconds(10)
        while !served && ContinuousClock.now < giveUp {
          let next = try RawClient(port: port)
          try next.send(TestFixtures.request("GET", "/v1/models"))
          served = (try? next.readResponse())?.status == 200
          if !served { pause(milliseconds: 20) }
        }
        #expect(served)
      }
    }
  }
}
