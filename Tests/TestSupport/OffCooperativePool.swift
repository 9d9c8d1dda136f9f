import Testing

/// Runs each test of a suite (or one test) on `ThreadPoolExecutor` instead of Swift's cooperative pool: for
/// synchronous tests that block a thread (raw sockets with poll(2), usleep). The test keeps its task, so
/// `#expect` and every task-local still know which test is running.
public struct OffCooperativePool: TestTrait, SuiteTrait, TestScoping {
  public var isRecursive: Bool { true }

  public func scopeProvider(for test: Test, testCase: Test.Case?) -> Self? {
    // Once per test case (each argument of a parameterised test), never around a whole suite.
    testCase == nil ? nil : self
  }

  public func provideScope(
    for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
  ) async throws {
    try await withTaskExecutorPreference(ThreadPoolExecutor.shared) { try await function() }
  }
}

extension Trait where Self == OffCooperativePool {
  /// Runs the test body on threads of its own: see `OffCooperativePool`.
  public static var offCooperativePool: Self { OffCooperativePool() }
}
