/// A request and the expectations on its answer.
public struct Exchange: Sendable {
  public var request: RequestSpec
  public var expect: ScenarioExpectation

  public init(request: RequestSpec, expect: ScenarioExpectation) {
    self.request = request
    self.expect = expect
  }
}
