extension String {
  /// Whether `needle` occurs in the string, compared as UTF-8 bytes.
  ///
  /// Used on hot paths instead of Foundation's `contains(_:)`, which bridges through `NSString` on Linux and
  /// dominated profiles of large runs.
  func containsBytes(_ needle: String) -> Bool {
    firstByteOffset(of: needle) != nil
  }

  /// The byte offset of the first occurrence of `needle`, or nil.
  func firstByteOffset(of needle: String, from start: Int = 0) -> Int? {
    let n = Array(needle.utf8)
    guard let first = n.first else { return start }
    return utf8.withContiguousStorageIfAvailable { hay -> Int? in
      guard hay.count >= n.count else { return nil }
      var i = start
      let last = hay.count - n.count
      while i <= last {
        if hay[i] == first {
          var j = 1
          while j < n.count && hay[i + j] == n[j] { j += 1 }
          if j == n.count { return i }
        }
        i += 1
      }
      return nil
    }
      ?? Array(utf8).withUnsafeBufferPointer { hay -> Int? in
        guard hay.count >= n.count else { return nil }
        var i = start
        while i <= hay.count - n.count {
          if hay[i] == first && Array(hay[i..<(i + n.count)]) == n { return i }
          i += 1
        }
        return nil
      }
  }
}

extension String {
  /// Every occurrence of `target` replaced (Foundation-free, so the core stays portable).
  func replacingAll(_ target: String, with replacement: String) -> String {
    guard !target.isEmpty else { return self }
    let bytes = Array(utf8)
    let width = target.utf8.count
    var result: [UInt8] = []
    var start = 0
    while let hit = firstByteOffset(of: target, from: start) {
      result += bytes[start..<hit]
      result += replacement.utf8
      start = hit + width
    }
    result += bytes[start...]
    return String(decoding: result, as: UTF8.self)
  }
}
