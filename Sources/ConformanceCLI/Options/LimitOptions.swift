import ConformanceCore
import Foundation

/// How much of a run is in flight and how long things may take (`run`, `record`).
struct LimitOptions {
  static let concurrency: Option<Int?> = .custom(
    "--concurrency", "N",
    "scenarios in flight at once (default \(Defaults.liveConcurrency) for a live gateway, the number of cores for fixtures)"
  ) { raw throws(UsageError) in
    guard let raw else { return nil }
    guard let v = Int(raw), (1...4096).contains(v) else {
      throw UsageError(
        .invalidValue, option: "--concurrency",
        "--concurrency takes a whole number from 1 to 4096, not '\(raw)'")
    }
    return v
  }
  static let requestTimeout: Option<Int> = .integer(
    "--timeout-ms", default: Defaults.requestTimeoutMs, range: 1...86_400_000,
    "per-request limit when a scenario sets none (default \(Defaults.requestTimeoutMs))")
  static let scenarioTimeout: Option<Int> = .integer(
    "--scenario-timeout-ms", default: Defaults.scenarioTimeoutMs, range: 1...86_400_000,
    "whole-scenario limit when a scenario sets none (default \(Defaults.scenarioTimeoutMs))")

  static let options = [concurrency.spec, requestTimeout.spec, scenarioTimeout.spec]

  /// `--concurrency` as given; nil takes the target's default (`concurrency(live:)`).
  var given: Int?
  var requestTimeoutMs: Int
  var scenarioTimeoutMs: Int

  init(_ parsed: ParsedArguments) throws(UsageError) {
    given = try parsed.get(Self.concurrency)
    requestTimeoutMs = try parsed.get(Self.requestTimeout)
    scenarioTimeoutMs = try parsed.get(Self.scenarioTimeout)
  }

  /// The scenarios in flight: as given, else 8 for a live gateway (network latency, not the CPU, is the limit)
  /// and the number of cores for the fixture mock.
  func concurrency(live: Bool) -> Int {
    given ?? (live ? Defaults.liveConcurrency : ProcessInfo.processInfo.activeProcessorCount)
  }
}
