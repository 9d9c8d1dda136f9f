/// Reads requests off one connection: waits for the next one, finds its head within the size limits, and
/// reads its body by Content-Length or chunked transfer coding, all before the request deadline.
final class RequestReader {
  /// Why no request came.
  enum Failure: Error {
    /// The connection ends without an answer: the client closed it, it sat idle too long, or the server stops.
    case closed
    /// The request breaks a rule or a limit: answer with the refusal, then close.
    case refused(RequestRefusal)
  }

  private let stream: SocketStream
  private let limits: MockServerConfiguration.Limits
  private let timeouts: MockServerConfiguration.Timeouts
  private static let maxChunkSizeLine = 1024

  init(
    stream: SocketStream, limits: MockServerConfiguration.Limits,
    timeouts: MockServerConfiguration.Timeouts
  ) {
    self.stream = stream
    self.limits = limits
    self.timeouts = timeouts
  }

  /// The next request on the connection, waiting up to the idle timeout for it to begin.
  func next() throws(Failure) -> (head: RequestHead, body: [UInt8]) {
    try awaitFirstByte()
    // From its first byte, the whole request must arrive within one limit: the slow-client defence.
    let deadline = Deadline.after(timeouts.request)
    let head = try readHead(until: deadline)
    let body = try readBody(of: head, until: deadline)
    return (head, body)
  }

  private func awaitFirstByte() throws(Failure) {
    let idle = Deadline.after(timeouts.idle)
    while true {
      // RFC 9112 §2.2: empty lines before a request line are ignored.
      var blank = 0
      while blank < stream.available,
        stream[stream.start + blank] == RequestHeadParser.cr
          || stream[stream.start + blank] == RequestHeadParser.lf
      {
        blank += 1
      }
      if blank > 0 { stream.consume(blank) }
      if stream.available > 0 { return }
      // Between requests the next one has usually not arrived yet: wait first, then read (saves a read
      // that would only say "nothing yet" on every keep-alive request).
      do { try stream.fill(until: idle, waitFirst: true) } catch { throw .closed }
    }
  }

  /// Finds the empty line that ends the head, refusing a request line or header section over its limit.
  private func readHead(until deadline: Deadline) throws(Failure) -> RequestHead {
    let base = stream.start
    var scanned = base
    var headersStart: Int?
    var lineStart = base
    while true {
      guard let lf = stream.indexOfLineFeed(from: scanned) else {
        let end = stream.start + stream.available
        if let headersStart {
          if end - headersStart > limits.maxHeaderBytes { throw .refused(.headersTooLarge) }
        } else if end - base > limits.maxRequestLineBytes + 1 {
          throw .refused(.requestLineTooLong)
        }
        scanned = end
        try fill(until: deadline)
        continue
      }
      scanned = lf + 1
      guard let headersStart else {
        if lf - base > limits.maxRequestLineBytes + 1 { throw .refused(.requestLineTooLong) }
        headersStart = lf + 1
        lineStart = lf + 1
        continue
      }
      if lf - headersStart > limits.maxHeaderBytes { throw .refused(.headersTooLarge) }
      let isEmptyLine =
        lf == lineStart || (lf == lineStart + 1 && stream[lineStart] == RequestHeadParser.cr)
      lineStart = lf + 1
      guard isEmptyLine else { continue }
      let head: RequestHead
      do {
        head = try RequestHeadParser.parse(
          stream.buffer[base...lf], maxBodyBytes: limits.maxBodyBytes)
      } catch {
        throw .refused(error)
      }
      stream.consume(lf + 1 - base)
      return head
    }
  }

  private func readBody(of head: RequestHead, until deadline: Deadline) throws(Failure) -> [UInt8] {
    switch head.framing {
    case .none:
      return []
    case .length(let count):
      if head.expectsContinue && stream.available < count { try sendContinue() }
      do { return try stream.take(count, until: deadline) } catch { throw Self.failure(error) }
    case .chunked:
      if head.expectsContinue && stream.available == 0 { try sendContinue() }
      return try readChunked(until: deadline)
    }
  }

  /// `size[;ext] CRLF data CRLF` pieces up to the `0` piece, then trailer lines (read and ignored).
  private func readChunked(until deadline: Deadline) throws(Failure) -> [UInt8] {
    var body: [UInt8] = []
    while true {
      let size = try Self.chunkSize(
        try line(maxLength: Self.maxChunkSizeLine, until: deadline, refusal: .badChunk))
      if size == 0 { break }
      guard body.count + size <= limits.maxBodyBytes else { throw .refused(.bodyTooLarge) }
      do { body += try stream.take(size, until: deadline) } catch { throw Self.failure(error) }
      guard try line(maxLength: 0, until: deadline, refusal: .badChunk).isEmpty else {
        throw .refused(.badChunk)
      }
    }
    var trailerBytes = 0
    while true {
      let trailer = try line(
        maxLength: limits.maxHeaderBytes, until: deadline, refusal: .headersTooLarge)
      if trailer.isEmpty { return body }
      trailerBytes += trailer.count + 2
      if trailerBytes > limits.maxHeaderBytes { throw .refused(.headersTooLarge) }
    }
  }

  /// The size of a chunk from its size line: hex digits, optionally followed by `;extensions`.
  static func chunkSize(_ line: [UInt8]) throws(Failure) -> Int {
    let text = String(decoding: line.prefix { $0 != UInt8(ascii: ";") }, as: UTF8.self)
    let digits = RequestHeadParser.trimmed(Substring(text))
    guard !digits.isEmpty, digits.utf8.allSatisfy(Self.isHexDigit) else {
      throw .refused(.badChunk)
    }
    guard digits.count <= 15, let size = Int(digits, radix: 16) else {
      throw .refused(.bodyTooLarge)
    }
    return size
  }

  private static func isHexDigit(_ b: UInt8) -> Bool {
    RequestHeadParser.isDigit(b) || (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "f"))
      || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "F"))
  }

  private func line(maxLength: Int, until deadline: Deadline, refusal: RequestRefusal)
    throws(Failure) -> [UInt8]
  {
    let found: [UInt8]?
    do { found = try stream.line(maxLength: maxLength, until: deadline) } catch {
      throw Self.failure(error)
    }
    guard let found else { throw .refused(refusal) }
    return found
  }

  private func fill(until deadline: Deadline) throws(Failure) {
    do { try stream.fill(until: deadline) } catch { throw Self.failure(error) }
  }

  private func sendContinue() throws(Failure) {
    do {
      try stream.write(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8), until: .after(timeouts.write))
    } catch { throw .closed }
  }

  /// A read that fails part-way: a stall past the deadline is answered `408`; anything else just closes.
  private static func failure(_ error: SocketStream.Failure) -> Failure {
    error == .timedOut ? .refused(.timedOut) : .closed
  }
}
