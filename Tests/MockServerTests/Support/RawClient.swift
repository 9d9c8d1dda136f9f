import ConformanceCore

#if canImport(Glibc)
  import Glibc
#endif

/// Why a test client operation failed.
struct ClientError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

/// A response as the raw client read it off the wire.
struct RawResponse {
  var status: Int
  var headers: [(name: String, value: String)]
  var body: [UInt8]
  /// For a chunked body: each piece's data and when it had fully arrived, counted from when the head arrived.
  var chunks: [(at: Duration, data: [UInt8])] = []
  /// Whether the body ended properly (its length reached, or the zero-size chunk read) before the connection closed.
  var complete: Bool

  /// The first value of a header, names compared case-insensitively.
  func header(_ name: String) -> String? {
    headers.first { $0.name.lowercased() == name.lowercased() }?.value
  }

  var text: String { String(decoding: body, as: UTF8.self) }

  /// The body parsed as JSON; fails the caller with a thrown error when it is not JSON.
  func json() throws -> JSONValue {
    do { return try JSONParser.parse(body) } catch {
      throw ClientError("body is not JSON: \(text)")
    }
  }
}

/// A minimal HTTP/1.1 client over a POSIX socket, so tests choose every byte sent; every operation has a time
/// limit, so a misbehaving server fails a test instead of hanging it.
final class RawClient {
  let descriptor: Int32
  private var buffer: [UInt8] = []

  /// Connects to 127.0.0.1:`port`.
  init(port: Int, timeout: Duration = .seconds(5)) throws {
    descriptor = socket(AF_INET, Int32(bitPattern: SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw ClientError("socket() failed: errno \(errno)") }
    _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port)).bigEndian
    address.sin_addr = in_addr(s_addr: inet_addr("127.0.0.1"))
    let result = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    if result != 0 {
      guard errno == EINPROGRESS else {
        close(descriptor)
        throw ClientError("connect failed: errno \(errno)")
      }
      guard try wait(forWriting: true, timeout: timeout) else {
        close(descriptor)
        throw ClientError("connect timed out")
      }
      var error: Int32 = 0
      var length = socklen_t(MemoryLayout<Int32>.size)
      _ = getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &error, &length)
      guard error == 0 else {
        close(descriptor)
        throw ClientError("connect failed: errno \(error)")
      }
    }
  }

  deinit { close(descriptor) }

  func send(_ text: String, timeout: Duration = .seconds(5)) throws {
    try send(Array(text.utf8), timeout: timeout)
  }

  /// Writes every byte; throws when the server stops reading for `timeout` or the connection breaks.
  func send(_ bytes: [UInt8], timeout: Duration = .seconds(5)) throws {
    var offset = 0
    let end = ContinuousClock.now + timeout
    while offset < bytes.count {
      let n = bytes.withUnsafeBytes { raw in
        Glibc.send(
          descriptor, raw.baseAddress.map { $0 + offset }, bytes.count - offset, Int32(MSG_NOSIGNAL)
        )
      }
      if n > 0 {
        offset += n
      } else if errno == EAGAIN || errno == EWOULDBLOCK {
        guard try wait(forWriting: true, timeout: end - ContinuousClock.now) else {
          throw ClientError("send timed out")
        }
      } else if errno != EINTR {
        throw ClientError("send failed: errno \(errno)")
      }
    }
  }

  /// Reads whatever arrives next into the buffer; false at end of stream (or a reset); throws on timeout.
  @discardableResult
  func fill(timeout: Duration) throws -> Bool {
    var scratch = [UInt8](repeating: 0, count: 64 * 1024)
    let end = ContinuousClock.now + timeout
    while true {
      let n = scratch.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
      if n > 0 {
        buffer += scratch[0..<n]
        return true
      }
      if n == 0 || errno == ECONNRESET { return false }
      if errno == EAGAIN || errno == EWOULDBLOCK {
        guard try wait(forWriting: false, timeout: end - ContinuousClock.now) else {
          throw ClientError("no data within \(timeout)")
        }
      } else if errno != EINTR {
        return false
      }
    }
  }

  /// True when the server closes the connection within `timeout` (whatever it sends first is discarded).
  func closes(within timeout: Duration) -> Bool {
    let end = ContinuousClock.now + timeout
    while true {
      do {
        if try !fill(timeout: end - ContinuousClock.now) { return true }
      } catch {
        return false
      }
    }
  }

  /// Reads one response: head, then a body delimited by Content-Length, chunked coding, or the connection's end.
  /// Interim `100 Continue` answers are skipped unless `keepInterim` is set.
  func readResponse(
    timeout: Duration = .seconds(5), keepInterim: Bool = false, bodyless: Bool = false
  ) throws -> RawResponse {
    let end = ContinuousClock.now + timeout
    var response = try readHead(until: end)
    while response.status == 100 && !keepInterim { response = try readHead(until: end) }
    if bodyless || response.status == 100 || response.status == 204 || response.status == 304 {
      return response
    }
    let headArrived = ContinuousClock.now
    if response.header("transfer-encoding")?.lowercased() == "chunked" {
      while true {
        guard let sizeLine = try line(until: end) else { return response }
        let hex = sizeLine.split(separator: ";").first.map(String.init) ?? ""
        guard let size = Int(hex.strippingSpaces(), radix: 16) else {
          throw ClientError("bad chunk size line '\(sizeLine)'")
        }
        if size == 0 {
          while let trailer = try line(until: end), !trailer.isEmpty {}
          response.complete = true
          return response
        }
        guard let data = try take(size + 2, until: end) else { return response }
        response.body += data.prefix(size)
        response.chunks.append((ContinuousClock.now - headArrived, Array(data.prefix(size))))
      }
    } else if let length = response.header("content-length").flatMap({ Int($0) }) {
      guard let data = try take(length, until: end) else { return response }
      response.body = data
      response.complete = true
      return response
    } else {
      while try fill(timeout: end - ContinuousClock.now) {}
      response.body = buffer
      buffer = []
      response.complete = true
      return response
    }
  }

  private func readHead(until end: ContinuousClock.Instant) throws -> RawResponse {
    var lines: [String] = []
    while true {
      guard let line = try line(until: end) else {
        throw ClientError("connection closed before a response head (got \(lines))")
      }
      if line.isEmpty { break }
      lines.append(line)
    }
    guard let statusLine = lines.first, statusLine.hasPrefix("HTTP/1."), statusLine.count >= 12,
      let status = Int(statusLine.dropFirst(9).prefix(3))
    else {
      throw ClientError("bad status line: \(lines.first ?? "")")
    }
    let headers = lines.dropFirst().map { line -> (name: String, value: String) in
      let colon = line.firstIndex(of: ":") ?? line.endIndex
      return (String(line[..<colon]), String(line[colon...].dropFirst()).strippingSpaces())
    }
    return RawResponse(status: status, headers: headers, body: [], complete: false)
  }

  /// One CRLF-terminated line without its line end; nil when the connection closes first.
  private func line(until end: ContinuousClock.Instant) throws -> String? {
    while true {
      if let lf = buffer.firstIndex(of: 10) {
        let text = String(decoding: buffer[..<lf], as: UTF8.self)
        buffer.removeSubrange(...lf)
        return text.hasSuffix("\r") ? String(text.dropLast()) : text
      }
      guard try fill(timeout: end - ContinuousClock.now) else { return nil }
    }
  }

  private func take(_ count: Int, until end: ContinuousClock.Instant) throws -> [UInt8]? {
    while buffer.count < count {
      guard try fill(timeout: end - ContinuousClock.now) else { return nil }
    }
    let out = Array(buffer[..<count])
    buffer.removeSubrange(..<count)
    return out
  }

  /// Waits for the socket; false on timeout.
  private func wait(forWriting: Bool, timeout: Duration) throws -> Bool {
    let ms = max(
      0,
      Int(timeout.components.seconds) * 1000
        + Int(timeout.components.attoseconds / 1_000_000_000_000_000))
    var fd = pollfd(fd: descriptor, events: Int16(forWriting ? POLLOUT : POLLIN), revents: 0)
    let n = poll(&fd, 1, Int32(clamping: ms))
    if n < 0 && errno != EINTR { throw ClientError("poll failed: errno \(errno)") }
    return n > 0
  }
}

/// Sleeps the calling thread.
func pause(milliseconds: Int) {
  _ = usleep(UInt32(milliseconds * 1000))
}

extension String {
  /// The string without leading and trailing spaces and tabs.
  func strippingSpaces() -> String {
    var s = Substring(self)
    while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
    while let c = s.last, c == " " || c == "\t" { s.removeLast() }
    return String(s)
  }
}
