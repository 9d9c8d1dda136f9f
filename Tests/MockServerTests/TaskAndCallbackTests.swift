import ConformanceCore
import MockServer
import Synchronization
import Testing

/// Task fixtures over HTTP: `{{task_id}}` minted and matched, sequences advancing per task, callbacks delivered.
extension MockServerSuites {
  @Suite(.timeLimit(.minutes(1)))
  struct TaskAndCallbackTests {
    static let fixtures = """
      [
        {"id": "job.create", "request": {"method": "POST", "path": "/v1/jobs", "auth": "bearer", "json": {"prompt": "x", "callBackUrl": "{{any}}"}},
         "response": {"status": 200, "json": {"taskId": "{{task_id}}"}},
         "callbacks": [{"afterMs": 200, "json": {"callbackType": "complete", "task_id": "{{task_id}}"}}]},
        {"id": "job.slow", "request": {"method": "POST", "path": "/v1/jobs", "auth": "bearer", "json": {"prompt": "slow", "callBackUrl": "{{any}}"}},
         "response": {"status": 200, "json": {"taskId": "{{task_id}}"}},
         "callbacks": [{"afterMs": 1000, "json": {"task_id": "{{task_id}}"}}]},
        {"id": "job.query", "request": {"method": "GET", "path": "/v1/jobs/{{task_id}}", "auth": "bearer"},
         "sequence": [{"afterRequests": 0, "response": {"status": 200, "json": {"taskId": "{{task_id}}", "status": "PENDING"}}},
                      {"afterRequests": 1, "response": {"status": 200, "json": {"taskId": "{{task_id}}", "status": "SUCCESS"}}}]}
      ]
      """

    static func store() throws -> FixtureStore {
      let decoded = FixtureDecoder.decode(path: "memory.fixture.json", bytes: Array(fixtures.utf8))
      #expect(decoded.diagnostics.isEmpty, "\(decoded.diagnostics)")
      #expect(decoded.fixtures.count == 3)
      return FixtureStore(fixtures: decoded.fixtures)
    }

    /// Callbacks the server handed over, with when they came.
    final class Recorder: Sendable {
      private let received = Mutex<[(url: String, body: JSONValue, at: ContinuousClock.Instant)]>([]
      )

      func record(_ url: String, _ body: JSONValue) {
        received.withLock { $0.append((url, body, .now)) }
      }

      var all: [(url: String, body: JSONValue, at: ContinuousClock.Instant)] {
        received.withLock { $0 }
      }

      /// Waits up to `timeout` for `count` callbacks.
      func wait(for count: Int, timeout: Duration) -> Bool {
        let end = ContinuousClock.now + timeout
        while all.count < count && ContinuousClock.now < end { pause(milliseconds: 10) }
        return all.count >= count
      }
    }

    @Test func createMintsATaskThatPollsAdvanceAndCallsBack() throws {
      let recorder = Recorder()
      let server = MockServer(
        store: try Self.store(), deliverCallback: { url, body, _ in recorder.record(url, body) })
      let port = try server.start()
      defer { server.stop() }
      let client = try RawClient(port: port)

      try client.send(
        TestFixtures.request(
          "POST", "/v1/jobs", body: #"{"prompt":"x","callBackUrl":"http://hooks.example/done"}"#))
      let created = try client.readResponse()
      let answered = ContinuousClock.now
      let taskID = try #require(try created.json()["taskId"]?.stringValue)
      #expect(taskID.hasPrefix("task_"))

      try client.send(TestFixtures.request("GET", "/v1/jobs/\(taskID)"))
      #expect(try client.readResponse().json() == ["taskId": .string(taskID), "status": "PENDING"])
      try client.send(TestFixtures.request("GET", "/v1/jobs/\(taskID)"))
      #expect(try client.readResponse().json() == ["taskId": .string(taskID), "status": "SUCCESS"])

      #expect(recorder.wait(for: 1, timeout: .seconds(5)))
      let callback = try #require(recorder.all.first)
      #expect(callback.url == "http://hooks.example/done")
      #expect(callback.body == ["callbackType": "complete", "task_id": .string(taskID)])
      #expect(ms(callback.at - answered) >= 100)
    }

    @Test func eachCreateGetsItsOwnTask() throws {
      try withServer(store: try Self.store()) { _, port in
        let client = try RawClient(port: port)
        var ids: [String] = []
        for _ in 0..<2 {
          try client.send(
            TestFixtures.request(
              "POST", "/v1/jobs", body: #"{"prompt":"x","callBackUrl":"http://hooks.example/a"}"#))
          ids.append(try client.readResponse().json()["taskId"]?.stringValue ?? "")
        }
        #expect(ids[0] != ids[1])
        // A fresh task starts its own sequence.
        try client.send(TestFixtures.request("GET", "/v1/jobs/\(ids[1])"))
        #expect(try client.readResponse().json()["status"] == "PENDING")
      }
    }

    @Test func stopDropsPendingCallbacks() throws {
      let recorder = Recorder()
      let server = MockServer(
        store: try Self.store(), deliverCallback: { url, body, _ in recorder.record(url, body) })
      let port = try server.start()
      let client = try RawClient(port: port)
      try client.send(
        TestFixtures.request(
          "POST", "/v1/jobs", body: #"{"prompt":"slow","callBackUrl":"http://hooks.example/late"}"#)
      )
      #expect(try client.readResponse().status == 200)
      server.stop()
      // The callback was due 1000 ms after the answer; the stopped server never sends it.
      #expect(!recorder.wait(for: 1, timeout: .milliseconds(1500)))
    }
  }
}
