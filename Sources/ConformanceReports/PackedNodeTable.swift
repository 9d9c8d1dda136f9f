/// The distinct arrays and objects a `JSONPacker` has seen, hash-consed: the items of every node lie back to
/// back in one buffer of words (no allocation per node), and a node is found again through an open-addressing
/// table keyed by a seeded hash (`Hasher`) of its tag and words, so hostile report content cannot make the
/// lookups collide on purpose.
struct PackedNodeTable {
  /// 0 for an array, k > 0 for an object of shape k - 1, per node.
  private(set) var tags: [Int] = []
  /// Node i's items are `words[starts[i]..<starts[i + 1]]`.
  private(set) var starts: [Int] = [0]
  private(set) var words: [UInt64] = []
  private var hashes: [Int] = []
  /// Node ids, -1 for an empty slot; never more than half full.
  private var slots: [Int32] = []

  var count: Int { tags.count }

  init(reserving n: Int = 0) {
    guard n > 0 else { return }
    tags.reserveCapacity(n)
    starts.reserveCapacity(n + 1)
    hashes.reserveCapacity(n)
    words.reserveCapacity(4 * n)
    var size = 64
    while size < 2 * n { size *= 2 }
    slots = [Int32](repeating: -1, count: size)
  }

  /// The id of the node with this tag and these items, added if it is new.
  mutating func intern(tag: Int, items: ArraySlice<UInt64>) -> Int {
    var hasher = Hasher()
    hasher.combine(tag)
    items.withUnsafeBytes { hasher.combine(bytes: $0) }
    let hash = hasher.finalize()
    if 2 * (count + 1) > slots.count { grow() }
    let mask = slots.count - 1
    var i = hash & mask
    while true {
      let s = Int(slots[i])
      if s < 0 { break }
      if hashes[s] == hash, tags[s] == tag, same(s, items) { return s }
      i = (i + 1) & mask
    }
    let id = count
    slots[i] = Int32(truncatingIfNeeded: id)
    tags.append(tag)
    hashes.append(hash)
    words.append(contentsOf: items)
    starts.append(words.count)
    return id
  }

  private func same(_ id: Int, _ items: ArraySlice<UInt64>) -> Bool {
    let start = starts[id]
    guard starts[id + 1] - start == items.count else { return false }
    var k = start
    for w in items {
      if words[k] != w { return false }
      k += 1
    }
    return true
  }

  private mutating func grow() {
    let size = max(64, slots.count * 2)
    var fresh = [Int32](repeating: -1, count: size)
    let mask = size - 1
    for id in 0..<count {
      var i = hashes[id] & mask
      while fresh[i] >= 0 { i = (i + 1) & mask }
      fresh[i] = Int32(truncatingIfNeeded: id)
    }
    slots = fresh
  }
}
