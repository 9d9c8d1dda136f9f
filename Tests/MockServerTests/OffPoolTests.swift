import TestSupport
import Testing

extension MockServerSuites {
  /// The blocking tests here really run beside the cooperative pool, not on it.
  @Suite struct OffPoolTests {
    @Test func aSynchronousTestOfTheseSuitesRunsOnAThreadOfItsOwn() {
      #expect(ThreadPoolExecutor.onItsThread)
    }

    @Test func anAsynchronousOneToo() async {
      await Task.yield()
      #expect(Self.onItsThread())
    }

    static func onItsThread() -> Bool { ThreadPoolExecutor.onItsThread }
  }
}
