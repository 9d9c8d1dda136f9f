import Testing

@testable import ConformanceCLI

/// `--shard K/N` slices, for every small N and selection size: each position in exactly one shard, sizes
/// differing by at most one. (The end-to-end ShardTests run a few N through the binary and `report merge`.)
@Suite struct ShardSliceTests {
  @Test(arguments: 1...24)
  func theShardsOfNPartitionEverySelectionEvenly(n: Int) {
    for total in 0...60 {
      let slices = (1...n).map { Shard(index: $0, count: n).positions(of: total) }
      #expect(slices.flatMap { $0 }.sorted() == Array(0..<total), "N=\(n), \(total) scenarios")
      let sizes = slices.map(\.count)
      #expect((sizes.max() ?? 0) - (sizes.min() ?? 0) <= 1, "N=\(n), \(total): sizes \(sizes)")
      #expect(slices.allSatisfy { $0 == $0.sorted() }, "each shard keeps the selection's order")
    }
  }

  @Test func kOverNIsParsedAndBadSlicesAreRefused() throws {
    #expect(try Shard.parse("2/4") == Shard(index: 2, count: 4))
    #expect(try Shard.parse(nil) == nil)
    for bad in ["0/2", "3/2", "1/0", "1/1001", "a/b", "1/2/3", "2", "-1/2"] {
      #expect(throws: UsageError.self, "\(bad)") { try Shard.parse(bad) }
    }
  }
}
