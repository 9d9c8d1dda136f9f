import Foundation
import Synchronization
import Testing

@testable import ConformanceCore

/// Recorded callbacks leave the replay transport in their recorded order, so replayed reports are the same run
/// to run and shard to shard; those due at once are delivered before the create's answer returns.
@Suite struct ReplayCallbackTests {
  /// A create whose five callbacks are recorded out of time order (offsets 40, 0, 0, 20, 0).
  static let fixtures = """
    [{"id": "create", "request": {"method": "POST", "path": "/suno/generate", "anyBody": true},
      "response": {"status": 200, "json": {"code": 200, "data": {"taskId": "{{task_id}}"}}},
      "callbacks": [
        {"afterMs": 40, "json": {"n": 1}}, {"afterMs": 0, "json": {"n": 2}}, {"afterMs": 0, "json": {"n": 3}},
        {"afterMs": 20, "json": {"n": 4}}, {"afterMs": 0, "json": {"n": 5}}
      ]}]
    """

  /// Sends the create and returns what had been delivered when `send` returned, and everything once the
  /// last callback is in.
  static func deliveries(honourDelays: Bool) async -> (atAnswer: [Int], all: [Int]) {
    let decoded = FixtureDecoder.decode(path: "f.fixture.json", bytes: Array(fixtures.utf8))
    let got = Mutex<[Int]>([])
    let transport = ReplayTransport(
      store: FixtureStore(fixtures: decoded.fixtures),
      keys: Credentials(validKey: Credentials.fixtureKey).keyClassifier, honourDelays: honourDelays,
      deliver: { _, body, _ in
        if case .number(let n)? = body["n"] { got.withLock { $0.append(Int(n)) } }
      })
    let request = HTTPRequest(
      method: "POST", target: "/suno/generate",
      headers: HTTPHeaders([("authorization", "Bearer \(Credentials.fixtureKey)")]),
      body: Array(#"{"callBackUrl": "http://callbacks.invalid/callbacks/t"}"#.utf8))
    _ = await transport.send(request, timeout: .seconds(30))
    let atAnswer = got.withLock { $0 }
    // The delayed ones come later, at their offsets (a loaded machine only delays them further).
    for _ in 0..<3000 where got.withLock({ $0.count }) < 5 {
      try? await Task.sleep(for: .milliseconds(10))
    }
    return (atAnswer, got.withLock { $0 })
  }

  @Test func withoutDelaysEveryCallbackIsInBeforeTheAnswerInRecordedOrder() async {
    let d = await Self.deliveries(honourDelays: false)
    #expect(d.atAnswer == [1, 2, 3, 4, 5])
  }

  @Test func withDelaysTheyComeByOffsetAndInRecordedOrderAtEqualOffsets() async {
    let d = await Self.deliveries(honourDelays: true)
    // Those due at once are in; a delayed one may be too if the machine stalled this task past its offset.
    #expect(Array(d.atAnswer.prefix(3)) == [2, 3, 5])
    // One task delivers the delayed ones in offset order, so no scheduling can swap them.
    #expect(d.all == [2, 3, 5, 4, 1])
  }
}
