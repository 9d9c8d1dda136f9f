// Every Glibc call of the mock server lives here; the rest of the target sees plain Swift values.
//
// The server is Linux-only (it uses SOCK_NONBLOCK, SOCK_CLOEXEC and MSG_NOSIGNAL), which is where the
// harness runs; a Darwin port would only need this file rewritten.
#if canImport(Glibc)
  import Glibc
#endif

/// Thin, Swift-shaped wrappers over the POSIX socket calls the server needs.
enum Platform {
  typealias Descriptor = Int32

  /// The outcome of a non-blocking read or write.
  enum IOResult {
    case bytes(Int)
    case endOfStream
    case wouldBlock
    case failed(Int32)
  }

  /// The outcome of waiting on a socket, where the server's stop signal can end the wait.
  enum WaitResult {
    case ready
    case timedOut
    case stopped
  }

  /// Binds a non-blocking listening socket and returns it with the port the kernel chose (for port 0).
  static func listen(host: String, port: Int, backlog: Int32) throws(MockServerError) -> (
    descriptor: Descriptor, port: Int
  ) {
    var hints = addrinfo()
    hints.ai_family = AF_UNSPEC
    hints.ai_socktype = Int32(bitPattern: SOCK_STREAM.rawValue)
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
    var list: UnsafeMutablePointer<addrinfo>?
    let status = getaddrinfo(host, String(port), &hints, &list)
    guard status == 0, let first = list else {
      throw MockServerError(
        .cannotResolve, "cannot resolve host '\(host)': \(String(cString: gai_strerror(status)))")
    }
    defer { freeaddrinfo(first) }
    var lastError: Int32 = 0
    var cursor: UnsafeMutablePointer<addrinfo>? = first
    while let info = cursor {
      cursor = info.pointee.ai_next
      let flags = Int32(
        bitPattern: SOCK_STREAM.rawValue | SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue)
      let fd = socket(info.pointee.ai_family, flags, info.pointee.ai_protocol)
      guard fd >= 0 else {
        lastError = errno
        continue
      }
      var one: Int32 = 1
      _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
      if bind(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0,
        Glibc.listen(fd, backlog) == 0
      {
        return (fd, boundPort(fd) ?? port)
      }
      lastError = errno
      close(fd)
    }
    let shown = host.contains(":") ? "[\(host)]" : host
    throw MockServerError(
      .cannotListen, "cannot listen on \(shown):\(port): \(describe(lastError))")
  }

  /// The local port a socket is bound to.
  private static func boundPort(_ fd: Descriptor) -> Int? {
    var storage = sockaddr_storage()
    var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
    let ok = withUnsafeMutablePointer(to: &storage) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        getsockname(fd, $0, &length) == 0
      }
    }
    guard ok else { return nil }
    switch Int32(storage.ss_family) {
    case AF_INET:
      return withUnsafePointer(to: &storage) {
        $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
          Int(UInt16(bigEndian: $0.pointee.sin_port))
        }
      }
    case AF_INET6:
      return withUnsafePointer(to: &storage) {
        $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
          Int(UInt16(bigEndian: $0.pointee.sin6_port))
        }
      }
    default:
      return nil
    }
  }

  /// Accepts one pending connection as a non-blocking socket with TCP_NODELAY set, so every flushed
  /// stream chunk leaves at once instead of waiting for Nagle's algorithm.
  static func accept(_ listener: Descriptor) -> Result<Descriptor, AcceptFailure> {
    let fd = Glibc.accept(listener, nil, nil)
    guard fd >= 0 else {
      let code = errno
      switch code {
      case EAGAIN, EWOULDBLOCK: return .failure(.none)
      case EINTR, ECONNABORTED, EPROTO: return .failure(.transient)
      default: return .failure(.exhausted)
      }
    }
    makeNonBlocking(fd)
    var one: Int32 = 1
    _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    return .success(fd)
  }

  /// Why `accept` returned no connection.
  enum AcceptFailure: Error {
    /// Nothing is pending.
    case none
    /// The peer gave up before it was accepted, or a signal interrupted the call: try again.
    case transient
    /// Out of descriptors or memory: back off before trying again.
    case exhausted
  }

  /// Reads what is available into `buffer`.
  static func receive(_ fd: Descriptor, into buffer: UnsafeMutableRawBufferPointer) -> IOResult {
    guard let base = buffer.baseAddress else { return .bytes(0) }
    while true {
      let n = recv(fd, base, buffer.count, 0)
      if n > 0 { return .bytes(n) }
      if n == 0 { return .endOfStream }
      let code = errno
      if code == EINTR { continue }
      return code == EAGAIN || code == EWOULDBLOCK ? .wouldBlock : .failed(code)
    }
  }

  /// Writes what the socket takes now; never raises SIGPIPE.
  static func transmit(_ fd: Descriptor, _ bytes: UnsafeRawBufferPointer) -> IOResult {
    guard let base = bytes.baseAddress, !bytes.isEmpty else { return .bytes(0) }
    while true {
      let n = send(fd, base, bytes.count, Int32(MSG_NOSIGNAL))
      if n >= 0 { return .bytes(n) }
      let code = errno
      if code == EINTR { continue }
      return code == EAGAIN || code == EWOULDBLOCK ? .wouldBlock : .failed(code)
    }
  }

  /// Waits until `fd` is readable (or writable), the stop signal fires, or `timeoutMs` passes.
  ///
  /// A hang-up or error counts as ready: the next read or write reports it.
  static func wait(
    _ fd: Descriptor, forWriting: Bool = false, stopSignal: Descriptor, timeoutMs: Int
  ) -> WaitResult {
    let events = Int16(forWriting ? POLLOUT : POLLIN)
    var fds = [
      pollfd(fd: fd, events: events, revents: 0),
      pollfd(fd: stopSignal, events: Int16(POLLIN), revents: 0),
    ]
    let timeout = Int32(clamping: max(0, timeoutMs))
    while true {
      let n = poll(&fds, nfds_t(fds.count), timeout)
      if n < 0 && errno == EINTR { continue }
      if n < 0 { return .ready }
      if fds[1].revents != 0 { return .stopped }
      return n == 0 ? .timedOut : .ready
    }
  }

  /// Sleeps until `deadline` unless the stop signal fires first; returns false when it did.
  static func pause(until deadline: Deadline, stopSignal: Descriptor) -> Bool {
    var fds = [pollfd(fd: stopSignal, events: Int16(POLLIN), revents: 0)]
    while true {
      let left = deadline.remainingMs
      if left <= 0 { return true }
      let n = poll(&fds, 1, Int32(clamping: left))
      if n > 0 { return false }
      if n < 0 && errno != EINTR { return true }
    }
  }

  /// A pipe whose read end becomes (and stays) readable once `fire` writes to it: the stop signal.
  static func makeStopSignal() throws(MockServerError) -> (read: Descriptor, write: Descriptor) {
    var fds: [Int32] = [-1, -1]
    guard pipe(&fds) == 0 else {
      throw MockServerError(.cannotStart, "cannot create the stop signal pipe: \(describe(errno))")
    }
    makeNonBlocking(fds[0])
    makeNonBlocking(fds[1])
    return (fds[0], fds[1])
  }

  /// Sets O_NONBLOCK and close-on-exec (accept4 and pipe2 would do it in one call, but Glibc's module map
  /// leaves those GNU extensions out).
  private static func makeNonBlocking(_ fd: Descriptor) {
    _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
    _ = fcntl(fd, F_SETFD, fcntl(fd, F_GETFD) | FD_CLOEXEC)
  }

  /// Makes the stop signal's read end readable for every waiter; it is never drained.
  static func fire(_ stopSignalWrite: Descriptor) {
    var byte: UInt8 = 1
    _ = write(stopSignalWrite, &byte, 1)
  }

  /// Ends the sending direction, so the peer reads end-of-stream while we may still drain its input.
  static func shutdownWrite(_ fd: Descriptor) {
    _ = shutdown(fd, Int32(SHUT_WR))
  }

  /// Reads and drops whatever input has already arrived, without waiting, so closing does not reset the
  /// connection over unread bytes.
  static func discardPendingInput(_ fd: Descriptor) {
    var scratch = [UInt8](repeating: 0, count: 4096)
    for _ in 0..<16 {
      guard case .bytes = scratch.withUnsafeMutableBytes({ receive(fd, into: $0) }) else { return }
    }
  }

  static func close(_ fd: Descriptor) {
    _ = Glibc.close(fd)
  }

  /// Makes the next close reset the connection (a TCP RST instead of an orderly end): what `--inject reset`
  /// sends a client.
  static func resetOnClose(_ fd: Descriptor) {
    var option = linger(l_onoff: 1, l_linger: 0)
    _ = setsockopt(fd, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
  }

  /// Runs `body` on a new detached thread with `stackSize` bytes of stack; false when the system refuses one
  /// (out of memory or over the process's thread limit).
  static func spawnThread(stackSize: Int, _ body: @escaping @Sendable () -> Void) -> Bool {
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    defer { pthread_attr_destroy(&attributes) }
    _ = pthread_attr_setstacksize(&attributes, stackSize)
    _ = pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
    let context = Unmanaged.passRetained(ThreadBody(body)).toOpaque()
    var thread = pthread_t()
    let result = pthread_create(
      &thread, &attributes,
      { raw in
        guard let raw else { return nil }
        Unmanaged<ThreadBody>.fromOpaque(raw).takeRetainedValue().body()
        return nil
      }, context)
    guard result == 0 else {
      Unmanaged<ThreadBody>.fromOpaque(context).release()
      return false
    }
    return true
  }

  /// The closure a new thread runs, boxed to cross pthread_create's untyped context pointer.
  private final class ThreadBody: Sendable {
    let body: @Sendable () -> Void
    init(_ body: @escaping @Sendable () -> Void) { self.body = body }
  }

  /// The system's text for an errno value, lower-cased to match our messages.
  static func describe(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "error \(code)" }
    return String(cString: text).lowercased()
  }
}
