/// One attempt to read a pattern from a text position, trying every way each byte may be written.
struct PatternWalk {
  let t: UnsafeBufferPointer<UInt8>
  let p: UnsafeBufferPointer<UInt8>
  let forms: RedactionForms
  /// Results of positions where several readings fit (only made when that happens).
  var memo: [Int: (j: Int, end: Int)] = [:]

  /// The furthest pattern byte reached from text `i` and pattern `j`, and the text position there.
  mutating func longest(_ i0: Int, _ j0: Int) -> (j: Int, end: Int) {
    var i = i0
    var j = j0
    let m = p.count
    let n = t.count
    while true {
      if j == m || i >= n { return (j, i) }
      var next = Alternatives()
      let readings = Readings(t, i, forms)
      for k in 0..<readings.count {
        let r = readings[k]
        if !r.isScalar {
          if UInt8(truncatingIfNeeded: r.value) == p[j] { next.add(r.end, j + 1) }
          continue
        }
        var u: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
        let n = EscapeReader.utf8(r.value, &u)
        if j + n <= m, p[j] == u.0, n < 2 || p[j + 1] == u.1, n < 3 || p[j + 2] == u.2,
          n < 4 || p[j + 3] == u.3
        {
          next.add(r.end, j + n)
        }
      }
      switch next.count {
      case 0: return (j, i)
      case 1:
        (i, j) = next[0]
      default:
        return branch(next)
      }
    }
  }

  private mutating func branch(_ next: Alternatives) -> (j: Int, end: Int) {
    var best = (j: -1, end: 0)
    for k in 0..<next.count {
      let (i, j) = next[k]
      let key = i &* (p.count + 1) &+ j
      let r: (j: Int, end: Int)
      if let known = memo[key] {
        r = known
      } else {
        r = longest(i, j)
        memo[key] = r
      }
      if r.j > best.j { best = r }
      if best.j == p.count { break }
    }
    return best
  }
}

/// Up to eight ways to go on from one position.
private struct Alternatives {
  private var i: (Int, Int, Int, Int, Int, Int, Int, Int) = (0, 0, 0, 0, 0, 0, 0, 0)
  private var j: (Int, Int, Int, Int, Int, Int, Int, Int) = (0, 0, 0, 0, 0, 0, 0, 0)
  private(set) var count = 0

  mutating func add(_ ni: Int, _ nj: Int) {
    guard count < 8 else { return }
    for k in 0..<count where self[k] == (ni, nj) { return }
    let stride = MemoryLayout<Int>.stride
    withUnsafeMutableBytes(of: &i) {
      $0.storeBytes(of: ni, toByteOffset: count * stride, as: Int.self)
    }
    withUnsafeMutableBytes(of: &j) {
      $0.storeBytes(of: nj, toByteOffset: count * stride, as: Int.self)
    }
    count += 1
  }

  subscript(k: Int) -> (Int, Int) {
    let stride = MemoryLayout<Int>.stride
    return (
      withUnsafeBytes(of: i) { $0.load(fromByteOffset: k * stride, as: Int.self) },
      withUnsafeBytes(of: j) { $0.load(fromByteOffset: k * stride, as: Int.self) }
    )
  }
}
