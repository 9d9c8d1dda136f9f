import Foundation
import Testing

@testable import ConformanceCore

/// Issue 11, case 1: conversions of outside numbers clamp instead of trapping.
@Suite struct SaturatingTests {
  @Test(arguments: [
    (Double.nan, 0), (Double.infinity, Int.max), (-Double.infinity, Int.min), (1e300, Int.max),
    (-1e300, Int.min), (0x1p63, Int.max), (-0x1p63, Int.min), (42.9, 42), (-42.9, -42),
  ])
  func saturatingInt(_ d: Double, _ expected: Int) {
    #expect(Int(saturating: d) == expected)
  }

  @Test func clampingIntoARange() {
    #expect(Int(clamping: 1e300, to: 0...100) == 100)
    #expect(Int(clamping: -1e300, to: 0...100) == 0)
    #expect(Int(clamping: .nan, to: 5...100) == 5)
    #expect(Saturating.whole(1e300) == "1e+300")
    #expect(Saturating.whole(.infinity) == "inf")
    #expect(Saturating.whole(121.7) == "121")
  }

  static let absurd = ["1e300", "inf", "infinity", "99999999999999999999999999", "1e308"]

  @Test(arguments: absurd)
  func findingsSDKViewAndRetryPolicyNeverTrap(_ value: String) {
    for name in ["retry-after", "retry-after-ms"] {
      let headers = HTTPHeaders([(name, value)])
      let findings = FindingRules.find(
        status: 429, headers: headers, envelope: .none,
        classification: Classification(.rateLimited, "429"), stream: nil,
        request: HTTPRequest(method: "POST", target: "/openai/v1/chat/completions"),
        profile: RouteCatalog.anyint.profile(.openai))
      #expect(findings.contains { $0.id == .retryAfterAbove120s }, "\(name): \(value)")
      let sdk = SDKRules.decisions(status: 429, headers: headers, streamError: false)
      #expect(sdk.count == 2)
      let wait = RetryPolicy(random: { 0.5 }).delayMs(
        after: Classification(.rateLimited, "429"), headers: headers, attempt: 0)
      #expect(wait == 60_000)
    }
  }
}
