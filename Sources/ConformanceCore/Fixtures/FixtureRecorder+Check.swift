extension FixtureRecorder {
  /// The chunks of a stream scrubbed as one text (a secret split between chunks is found) and split again at
  /// the recorded boundaries: a placeholder goes where its secret started, and what the secret covered in later
  /// chunks is gone from them.
  func scrubbed(chunks: [[UInt8]]) -> [[UInt8]] {
    let joined = chunks.flatMap { $0 }
    let spans = redactor.spans(in: joined)
    guard !spans.isEmpty else { return chunks }
    let placeholder = Array(Redactor.placeholder.utf8)
    var out: [[UInt8]] = []
    var start = 0
    var next = 0
    for chunk in chunks {
      let end = start + chunk.count
      var piece: [UInt8] = []
      var at = start
      while at < end {
        while next < spans.count, spans[next].range.upperBound <= at { next += 1 }
        guard next < spans.count, spans[next].range.lowerBound < end else {
          piece += joined[at..<end]
          break
        }
        let span = spans[next].range
        if span.lowerBound > at { piece += joined[at..<span.lowerBound] }
        if span.lowerBound >= start { piece += placeholder }
        at = min(end, max(at, span.upperBound))
      }
      out.append(piece)
      start = end
    }
    return out
  }

  /// Refuses a fixture in which any field, with a stream's chunks joined, still holds a secret in any form.
  func check(_ fixture: JSONValue, id: String) throws(Refusal) {
    func refuse(_ field: String, _ bytes: [UInt8]) throws(Refusal) {
      if let secret = redactor.firstSecret(in: bytes) {
        throw Refusal(fixtureID: id, field: field, secret: secret.origin)
      }
    }
    func walk(_ v: JSONValue, _ path: String) throws(Refusal) {
      switch v {
      case .string(let s): try refuse(path, Array(s.utf8))
      case .array(let a):
        let chunks = a.compactMap { $0["data"]?.stringValue }
        if path.hasSuffix("chunks"), chunks.count == a.count, !chunks.isEmpty {
          try refuse(path + " (joined)", Array(chunks.joined().utf8))
        }
        for (i, e) in a.enumerated() { try walk(e, "\(path)[\(i)]") }
      case .object(let o):
        for m in o.members {
          try refuse(path.isEmpty ? "a field name" : "a field name in \(path)", Array(m.key.utf8))
          try walk(m.value, path.isEmpty ? m.key : "\(path).\(m.key)")
        }
      default: return
      }
    }
    try walk(fixture, "")
    try refuse("the fixture as written", JSONWriter.bytes(fixture, style: .pretty))
  }
}
