/// `--shard K/N`: the K-th of N deterministic, even slices of the selection (round robin in selection order, so
/// shard sizes differ by at most one and a scenario's shard depends only on its position).
struct Shard: Equatable {
  var index: Int
  var count: Int

  static func parse(_ raw: String?) throws(UsageError) -> Shard? {
    guard let raw else { return nil }
    let parts = raw.split(separator: "/")
    guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, n <= 1000, k >= 1,
      k <= n
    else {
      throw UsageError(
        .invalidValue, option: "--shard",
        "--shard takes K/N with 1 <= K <= N <= 1000 (e.g. --shard 2/4), not '\(raw)'")
    }
    return Shard(index: k, count: n)
  }

  /// The positions this shard takes out of `total`.
  func positions(of total: Int) -> [Int] {
    stride(from: index - 1, to: total, by: count).map { $0 }
  }
}
