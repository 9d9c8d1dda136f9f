import Testing

@testable import ConformanceCore

@Suite struct CallbackHubTests {
  /// A wait whose time runs out before its waiter has registered still returns: the late waiter must not
  /// register and sleep forever. Hundreds of short waits at once make that order likely on a small machine.
  @Test(.timeLimit(.minutes(1))) func shortWaitsAllReturnWhenNothingArrives() async {
    let hub = CallbackHub(baseURL: CallbackHub.offlineBaseURL)
    hub.open("t")
    let timedOut = await withTaskGroup(of: Bool.self) { group in
      for _ in 0..<500 {
        group.addTask { await !hub.wait("t", timeoutMs: 1, until: { !$0.isEmpty }).satisfied }
      }
      return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
    }
    #expect(timedOut == 500)
  }

  @Test(.timeLimit(.minutes(1))) func aDeliveryWakesEveryWaiter() async {
    let hub = CallbackHub(baseURL: CallbackHub.offlineBaseURL)
    hub.open("t")
    async let waits = withTaskGroup(of: Bool.self) { group in
      for _ in 0..<50 {
        group.addTask { await hub.wait("t", timeoutMs: 30_000, until: { !$0.isEmpty }).satisfied }
      }
      return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
    }
    try? await Task.sleep(for: .milliseconds(50))
    hub.deliver(token: "t", body: ["callbackType": "complete"])
    #expect(await waits == 50)
  }

  /// A callback that arrives between a wait's look at what came and its registration as a waiter still ends
  /// the wait (it used to sleep on until its time limit: minutes for a music scenario). Deliveries race the
  /// waits on thousands of tokens so that order comes up; a lost wake-up runs into the suite's time limit.
  @Test(.timeLimit(.minutes(1))) func aCallbackRacingTheWaitIsNeverMissed() async {
    let hub = CallbackHub(baseURL: CallbackHub.offlineBaseURL)
    let tokens = (0..<3000).map { "t\($0)" }
    for t in tokens { hub.open(t) }
    let satisfied = await withTaskGroup(of: Bool.self) { group in
      for (i, t) in tokens.enumerated() {
        group.addTask { await hub.wait(t, timeoutMs: 600_000, until: { !$0.isEmpty }).satisfied }
        group.addTask {
          if i % 3 == 1 { await Task.yield() }
          if i % 3 == 2 { try? await Task.sleep(for: .microseconds(50)) }
          hub.deliver(token: t, body: ["callbackType": "complete"])
          return true
        }
      }
      return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
    }
    #expect(satisfied == 2 * tokens.count)
  }
}
