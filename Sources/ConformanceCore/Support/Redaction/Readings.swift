/// The ways the text at one position can spell what comes next: a byte (the text's own, a percent escape's) or
/// a scalar (an escape's), each with where it ends.
struct Readings {
  private var values: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (
    0, 0, 0, 0, 0, 0, 0, 0
  )
  private var ends: (Int, Int, Int, Int, Int, Int, Int, Int) = (0, 0, 0, 0, 0, 0, 0, 0)
  /// Bit k set: reading k is a scalar (else a byte).
  private var scalars: UInt8 = 0
  private(set) var count = 0

  /// Every reading of `t` at `i` the forms allow.
  init(_ t: UnsafeBufferPointer<UInt8>, _ i: Int, _ forms: RedactionForms) {
    let c = t[i]
    add(UInt32(c), i + 1, scalar: false)
    let percent = forms.contains(.percent)
    if percent, c == UInt8(ascii: "+") { add(0x20, i + 1, scalar: false) }
    var percentIntroducers: [Int] = []
    if c == UInt8(ascii: "%") { percentIntroducers.append(i + 1) }
    if let (s, next) = EscapeReader.escape(t, i, forms) {
      add(s, next, scalar: true)
      if percent, s == 0x2B { add(0x20, next, scalar: false) }
      if s == 0x25 { percentIntroducers.append(next) }
    }
    // An escape escaped again (`\\u0073` in JSON that holds JSON): the last backslash of a run starts it. Runs
    // longer than `deepestNesting` are not read so (a hostile run of backslashes stays linear).
    if c == UInt8(ascii: "\\"), forms.contains(.backslash) {
      var k = i
      while k + 1 < t.count, k - i < EscapeReader.deepestNesting, t[k + 1] == UInt8(ascii: "\\") {
        k += 1
      }
      if k > i, let (s, next) = EscapeReader.escape(t, k, forms) {
        add(s, next, scalar: true)
        if s == 0x25 { percentIntroducers.append(next) }
      }
    }
    guard percent else { return }
    for at in percentIntroducers {
      if let (h, n1) = EscapeReader.hexDigit(t, at, forms),
        let (l, n2) = EscapeReader.hexDigit(t, n1, forms)
      {
        add(UInt32(h << 4 | l), n2, scalar: false)
      }
    }
    // Percent-encoded twice (`%2573`): skip the `25`s.
    if c == UInt8(ascii: "%") {
      var k = i + 1
      while k + 3 < t.count, k - i < 2 * EscapeReader.deepestNesting, t[k] == UInt8(ascii: "2"),
        t[k + 1] == UInt8(ascii: "5"),
        EscapeReader.hex(t[k + 2]) != nil, EscapeReader.hex(t[k + 3]) != nil
      {
        k += 2
      }
      if k > i + 1, let h = EscapeReader.hex(t[k]), let l = EscapeReader.hex(t[k + 1]) {
        add(UInt32(h << 4 | l), k + 2, scalar: false)
      }
    }
  }

  private mutating func add(_ value: UInt32, _ end: Int, scalar: Bool) {
    guard count < 8 else { return }
    withUnsafeMutableBytes(of: &values) {
      $0.storeBytes(of: value, toByteOffset: count * 4, as: UInt32.self)
    }
    withUnsafeMutableBytes(of: &ends) {
      $0.storeBytes(of: end, toByteOffset: count * MemoryLayout<Int>.stride, as: Int.self)
    }
    if scalar { scalars |= 1 << UInt8(count) }
    count += 1
  }

  /// Reading `k`: its value, whether it is a scalar, and where it ends.
  subscript(k: Int) -> (value: UInt32, isScalar: Bool, end: Int) {
    let v = withUnsafeBytes(of: values) { $0.load(fromByteOffset: k * 4, as: UInt32.self) }
    let e = withUnsafeBytes(of: ends) {
      $0.load(fromByteOffset: k * MemoryLayout<Int>.stride, as: Int.self)
    }
    return (v, scalars & (1 << UInt8(k)) != 0, e)
  }

  /// The first byte reading `k` spells.
  func firstByte(_ k: Int) -> UInt8 {
    let r = self[k]
    guard r.isScalar else { return UInt8(truncatingIfNeeded: r.value) }
    var u: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
    _ = EscapeReader.utf8(r.value, &u)
    return u.0
  }
}
