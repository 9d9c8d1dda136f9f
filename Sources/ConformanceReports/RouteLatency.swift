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
  /// The median of each phase of `observed.timings` (`dnsMs`, `connectMs`, `tlsMs`, `firstByteMs`, `totalMs`)
  /// over the answers that carry one, in the order the transport writes them; empty when none does.
  public var timingNames: [String] = []
  public var timingMedians: [Double] = []

  /// Collects latencies scenario by scenario (so a run's scenarios need not all be JSON at once).
  public struct Collector: Sendable {
    private var samples: [String: [Double]] = [:]
    private var families: [String: String] = [:]
    private var order: [String] = []
    private var cache: [String: String] = [:]
    private var timings: [String: [(String, [Double])]] = [:]
    /// The documented routes that name exchanges.
    let catalog: RouteCatalog

    public init(catalog: RouteCatalog = .anyint) { self.catalog = catalog }

    /// The routes of one report v1 scenario object, with their latencies.
    public mutating func add(scenario s: JSONValue) {
      for (route, latency, phases) in exchanges(s) {
        if samples[route] == nil {
          order.append(route)
          families[route] = s["family"]?.stringValue
        }
        samples[route, default: []].append(latency)
        guard let phases else { continue }
        var list = timings[route] ?? []
        for m in phases.members {
          guard let v = m.value.numberValue, v.isFinite else { continue }
          if let i = list.firstIndex(where: { $0.0 == m.key }) {
            list[i].1.append(v)
          } else {
            list.append((m.key, [v]))
          }
        }
        timings[route] = list
      }
    }

    /// The route key of each answered exchange of a scenario, with its latency.
    public mutating func exchanges(_ s: JSONValue) -> [(String, Double, JSONObject?)] {
      let steps = s["steps"]?.arrayValue ?? []
      var out: [(String, Double, JSONObject?)] = []
      for e in steps.isEmpty ? [s] : steps {
        guard let latency = e["observed"]?["latencyMs"]?.numberValue,
          let method = e["request"]?["method"]?.stringValue,
          let target = e["request"]?["target"]?.stringValue
        else { continue }
        out.append(
          (route(method: method, target: target), latency, e["observed"]?["timings"]?.objectValue))
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
        catalog.route(method: method, path: path).map { "\($0.method) \($0.pattern)" }
        ?? "\(method.uppercased()) \(path)"
      cache[key] = name
      return name
    }

    /// Every route in first-seen order.
    public var routes: [RouteLatency] {
      order.compactMap { r in
        guard let values = samples[r], !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let phases = timings[r] ?? []
        return RouteLatency(
          route: r, family: families[r], count: sorted.count,
          p50: RouteLatency.percentile(sorted, 50), p95: RouteLatency.percentile(sorted, 95),
          timingNames: phases.map(\.0),
          timingMedians: phases.map { RouteLatency.percentile($0.1.sorted(), 50) })
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
      "timings": timingNames.isEmpty
        ? .null
        : .object(
          JSONObject(
            zip(timingNames, timingMedians).map { .init(key: $0, value: .number($1)) })),
    ]
  }
}
