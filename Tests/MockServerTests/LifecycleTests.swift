import ConformanceCore
import MockServer
import Testing

/// Starting, stopping and what stopping does to open connections and the port.
extension MockServerSuites {
  @Suite(.timeLimit(.minutes(1)))
  struct LifecycleTests {
    @Test func stopFreesThePort() throws {
      // Binding the same port again right after stop proves it free. Other tests of the suite open ports all
      // the while, so one of them may take the freed number in between: that attempt is tried again.
      var rebound: (server: MockServer, port: Int)?
      for attempt in 1...5 where rebound == nil {
        let first = MockServer(store: TestFixtures.store)
        let port = try first.start()
        #expect(first.port == port)
        first.stop()
        #expect(first.port == nil)
        let second = MockServer(
          configuration: configuration { $0.port = port }, store: TestFixtures.store)
        if let again = try? second.start() {
          #expect(again == port)
          rebound = (second, port)
        } else if attempt == 5 {
          _ = try second.start()
        }
      }
      let (second, port) = try #require(rebound)
      defer { second.stop() }
      let client = try RawClient(port: port)
      try client.send(TestFixtures.request("GET", "/v1/models"))
      #expect(try client.readResponse().status == 200)
    }

    @Test func stopEndsConnectionsMidDelayAndReturnsPromptly() throws {
      let server = MockServer(store: TestFixtures.store)
      let port = try server.start()
      let waiting = try RawClient(port: port)
      try waiting.send(TestFixtures.request("GET", "/v1/slow"))
      let idle = try RawClient(port: port)
      pause(milliseconds: 100)
      let start = ContinuousClock.now
      server.stop()
      // The slow fixture would answer after 10 s; stop does not wait for it (loose bound: busy machines).
      #expect(ms(ContinuousClock.now - start) < 5000)
      #expect(waiting.closes(within: .seconds(5)))
      #expect(idle.closes(within: .seconds(5)))
      #expect(server.openConnectionCount == 0)
    }

    @Test func stopIsIdempotentAndStartRunsOnce() throws {
      let server = MockServer(store: TestFixtures.store)
      _ = try server.start()
      #expect(throws: MockServerError.self) { try server.start() }
      server.stop()
      server.stop()
      #expect(throws: MockServerError.self) { try server.start() }
    }

    @Test func busyPortIsReported() throws {
      try withServer { _, port in
        let other = MockServer(
          configuration: configuration { $0.port = port }, store: TestFixtures.store)
        do throws(MockServerError) {
          try other.start()
          Issue.record("a second server started on a busy port")
        } catch {
          #expect(error.code == .cannotListen)
          #expect(error.message.contains("\(port)"))
        }
      }
    }

    @Test func unresolvableHostIsReported() {
      let server = MockServer(
        configuration: configuration { $0.host = "no-such-host.invalid" }, store: TestFixtures.store
      )
      #expect(throws: MockServerError.self) { try server.start() }
    }
  }
}
