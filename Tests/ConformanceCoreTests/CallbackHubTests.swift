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
}
