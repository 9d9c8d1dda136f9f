import ConformanceCore
import Synchronization

/// Prints results in input order as soon as every earlier one has finished, whatever order they finish in.
final class OrderedPrinter: Sendable {
  private let state: Mutex<(next: Int, pending: [Int: ScenarioResult])>
  private let emit: @Sendable (ScenarioResult) -> Void

  init(count: Int, emit: @escaping @Sendable (ScenarioResult) -> Void) {
    state = Mutex((0, [:]))
    self.emit = emit
  }

  func deliver(_ index: Int, _ result: ScenarioResult) {
    state.withLock { s in
      s.pending[index] = result
      while let r = s.pending.removeValue(forKey: s.next) {
        emit(r)
        s.next += 1
      }
    }
  }
}
