import ConformanceCore
import Foundation

/// How much of a run is in flight and how long things may take (`run`, `record`).
struct LimitOptions {
  static let concurrency: Option<Int> = .integer(
    "--concurrency", default: ProcessInfo.processInfo.activeProcessorCount, range: 1...4096,
    "scenarios in flight at once (default: the number of cores)")
  static let requestTimeout: Option<Int> = .integer(
    "--timeout-ms", default: Defaults.requestTimeoutMs, range: 1...86_400_000,
    "per-request limit when a scenario sets none (default \(Defaults.requestTimeoutMs))")
  static let scenarioTimeout: Option<Int> = .integer(
    "--scenario-timeout-ms", default: Defaults.scenarioTimeoutMs, range: 1...86_400_000,
    "whole-scenario limit when a scenario sets none (default \(Defaults.scenarioTimeoutMs))")

  static let options = [concurrency.spec, requestTimeout.spec, scenarioTimeout.spec]

  var concurrency: Int
  var requestTimeoutMs: Int
  var scenarioTimeoutMs: Int

  init(_ parsed: ParsedArguments) throws(UsageError) {
    concurrency = try parsed.get(Self.concurrency)
    requestTimeoutMs = try parsed.get(Self.requestTimeout)
    scenarioTimeoutMs = try parsed.get(Self.scenarioTimeout)
  }
}
