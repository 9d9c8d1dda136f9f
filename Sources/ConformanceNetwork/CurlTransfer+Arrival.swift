import CCurlShim
import ConformanceCore

/// What libcurl hands over as an answer arrives: header lines and body bytes, on the event thread, from inside
/// `curl_multi_perform`.
extension CurlTransfer {
  /// One header line (status line, field, or the blank line that ends the head).
  func receiveHeader(_ bytes: UnsafeRawBufferPointer) -> Int {
    if cancelled.load(ordering: .relaxed) { return 0 }
    // Byte-level: this runs for every header line of every answer.
    var end = bytes.count
    while end > 0 && (bytes[end - 1] == 10 || bytes[end - 1] == 13) { end -= 1 }
    let line = UnsafeRawBufferPointer(rebasing: bytes[0..<end])
    if line.starts(with: "HTTP/".utf8) {
      // A new head (after a 1xx, or the CONNECT answer): only the last one is the answer.
      headers = HTTPHeaders()
      headComplete = false
      sawStatusLine = true
      status = Self.statusCode(line)
    } else if headComplete {
      // Trailers after a chunked body, and their blank line: not part of the answer's head.
    } else if end == 0 {
      headComplete = sawStatusLine
      if headComplete { headArrived() }
    } else if line[0] == 32 || line[0] == 9, !headers.fields.isEmpty {
      // An obsolete folded continuation line belongs to the field before it.
      var fields = headers.fields
      fields[fields.count - 1].value += " " + Self.trimmed(line[...])
      headers = HTTPHeaders(fields)
    } else if let colon = line.firstIndex(of: 58) {
      let name = String(
        decoding: line[..<colon].map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self)
      headers.add(name, Self.trimmed(line[(colon + 1)...]))
    }
    return bytes.count
  }

  /// The three digits after the version in a status line; 0 when they are not there.
  static func statusCode(_ line: UnsafeRawBufferPointer) -> Int {
    guard let space = line.firstIndex(of: 32) else { return 0 }
    var code = 0
    var digits = 0
    for b in line[(space + 1)...] {
      guard b >= 48 && b <= 57, digits < 3 else { break }
      code = code * 10 + Int(b - 48)
      digits += 1
    }
    return digits == 3 ? code : 0
  }

  static func trimmed(_ bytes: Slice<UnsafeRawBufferPointer>) -> String {
    var lo = bytes.startIndex
    var hi = bytes.endIndex
    while lo < hi && (bytes[lo] == 32 || bytes[lo] == 9) { lo += 1 }
    while hi > lo && (bytes[hi - 1] == 32 || bytes[hi - 1] == 9) { hi -= 1 }
    return String(decoding: bytes[lo..<hi], as: UTF8.self)
  }

  func headArrived() {
    let type = headers["content-type"] ?? ""
    isEventStream = type.utf8.count >= 17 && type.lowercased().contains("text/event-stream")
    if let raw = headers["content-length"], let length = Int(raw), length > 0,
      headers["content-encoding"] == nil
    {
      body.reserveCapacity(min(length, configuration.maxBodyBytes))
    }
  }

  /// Body bytes (decoded when the scenario asked for a compressed answer); reading stops at the cap.
  func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Int {
    if cancelled.load(ordering: .relaxed) { return 0 }
    let at = started.elapsedMs
    if firstByteMs == nil { firstByteMs = at }
    let room = configuration.maxBodyBytes - body.count
    let take = min(room, bytes.count)
    if body.count + take > body.capacity {
      // Doubling, but never past the cap: linear time, and memory bounded by the cap.
      let grown = Swift.max(
        body.count + take, Swift.min(body.capacity * 2, configuration.maxBodyBytes))
      body.reserveCapacity(Swift.max(grown, 16 << 10))
    }
    let piece = UnsafeRawBufferPointer(rebasing: bytes[0..<take])
    body.append(contentsOf: piece)
    if isEventStream { chunks.append(TransportReply.Chunk(atMs: at, bytes: Array(piece))) }
    if take < bytes.count {
      overCap = true
      return 0
    }
    return bytes.count
  }
}

let curlBodyCallback: acs_data_fn = { data, size, count, context in
  guard let data, let context else { return 0 }
  let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
  return transfer.receiveBody(UnsafeRawBufferPointer(start: data, count: size * count))
}

let curlHeaderCallback: acs_data_fn = { data, size, count, context in
  guard let data, let context else { return 0 }
  let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
  return transfer.receiveHeader(UnsafeRawBufferPointer(start: data, count: size * count))
}
