import ConformanceCore

/// Latency per route (p50 and p95 of the answers' `observed.latencyMs`), from report v1 JSON: what the HTML
/// chart draws and what `report diff` compares.
///
/// A route is the documented route an exchange went to (`POST /openai/v1/chat/completions`,
/// `GET /suno/query/task`), or its method and path without the query when no documented route fits. A step
/// scenario contributes each step's answer; any other scenario its one answer. Exchanges without an answer
/// (network faults, no fixture) have no latency and are left out.
public struct RouteLatency: Sendable, Equatable {
  public var route: String
  public var family: String?
  public var count: Int
  public var p50: Double
  public var p95: Double

  /// Collects latencies scenario by scenario (so a run's scenarios need not all be JSON at once).
  public struct Collector: Sendable {
    private var samples: [String: [Double]] = [:]
    private var families: [String: String] = [:]
    private var order: [String] = []
    private var cache: [String: String] = [:]

    public init() {}

    /// The routes of one report v1 scenario object, with their latencies.
    public mutating func add(scenario s: JSONValue) {
      for (route, latency) in exchanges(s) {
        if samples[route] == nil {
          order.append(route)
          families[route] = s["family"]?.stringValue
        }
        samples[route, default: []].append(latency)
      }
    }

    /// The route key of each answered exchange of a scenario, with its latency.
    public mutating func exchanges(_ s: JSONValue) -> [(String, Double)] {
      let steps = s["steps"]?.arrayValue ?? []
      var out: [(String, Double)] = []
      for e in steps.isEmpty ? [s] : steps {
        guard let latency = e["observed"]?["latencyMs"]?.numberValue,
          let method = e["request"]?["method"]?.stringValue,
          let target = e["request"]?["target"]?.stringValue
        else { continue }
        out.append((route(method: method, target: target), latency))
      }
      return out
    }

    /// The route key of a request: the documented route's pattern when one fits.
    public mutating func route(method: String, target: String) -> String {
      let key = method + " " + target
      if let hit = cache[key] { return hit }
      let path =
        target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(
          String.init) ?? target
      let name =
        RouteCatalog.route(method: method, path: path).map { "\($0.method) \($0.pattern)" }
        ?? "\(method.uppercased()) \(path)"
      cache[key] = name
      return name
    }

    /// Every route in first-seen order.
    public var routes: [RouteLatency] {
      order.compactMap { r in
        guard let values = samples[r], !values.isEmpty else { return nil }
        let sorted = values.sorted()
        return RouteLatency(
          route: r, family: families[r], count: sorted.count,
          p50: RouteLatency.percentile(sorted, 50), p95: RouteLatency.percentile(sorted, 95))
      }
    }
  }

  /// Nearest-rank percentile of sorted values.
  public static func percentile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
    return sorted[min(max(rank, 1), sorted.count) - 1]
  }

  public var json: JSONValue {
    [
      "route": .string(route), "family": .optionalString(family), "count": .number(Double(count)),
      "p50": .number(p50), "p95": .number(p95),
    ]
  }
}
