/// Buffered, deadline-bound reads and writes on one non-blocking connection socket.
///
/// Every wait also watches the server's stop signal, so stopping the server ends a read, a write or a
/// recorded delay at once. Owned by one connection thread; never shared.
final class SocketStream {
  /// Why a read or write could not go on.
  enum Failure: Error {
    case endOfStream
    case timedOut
    case stopped
    case failed
  }

  let descriptor: Platform.Descriptor
  private let stopSignal: Platform.Descriptor
  /// Received bytes; those before `start` are consumed.
  private(set) var buffer: [UInt8] = []
  private(set) var start = 0
  private var scratch = [UInt8](repeating: 0, count: 16 * 1024)

  init(descriptor: Platform.Descriptor, stopSignal: Platform.Descriptor) {
    self.descriptor = descriptor
    self.stopSignal = stopSignal
    buffer.reserveCapacity(16 * 1024)
  }

  /// Bytes received and not yet consumed.
  var available: Int { buffer.count - start }

  /// Reads at least one more byte into the buffer, waiting until `deadline`; `waitFirst` waits for the socket
  /// to be readable before the first attempt.
  func fill(until deadline: Deadline, waitFirst: Bool = false) throws(Failure) {
    if waitFirst { try wait(forWriting: false, until: deadline) }
    while true {
      let result = scratch.withUnsafeMutableBytes { Platform.receive(descriptor, into: $0) }
      switch result {
      case .bytes(let n):
        buffer.append(contentsOf: scratch[0..<n])
        return
      case .endOfStream:
        throw .endOfStream
      case .failed:
        throw .failed
      case .wouldBlock:
        try wait(forWriting: false, until: deadline)
      }
    }
  }

  /// The buffered byte at an absolute buffer index (between `start` and `start + available`).
  subscript(index: Int) -> UInt8 { buffer[index] }

  /// The absolute index of the first LF at or after `index`, or nil when none has arrived yet.
  func indexOfLineFeed(from index: Int) -> Int? {
    buffer[index...].firstIndex(of: UInt8(ascii: "\n"))
  }

  /// Marks `count` buffered bytes as used, reclaiming the space once the buffer is drained or half used.
  func consume(_ count: Int) {
    start += count
    if start == buffer.count {
      buffer.removeAll(keepingCapacity: true)
      start = 0
    } else if start > 64 * 1024 && start > buffer.count / 2 {
      buffer.removeSubrange(0..<start)
      start = 0
    }
  }

  /// Takes `count` buffered bytes, reading more as needed until `deadline`.
  func take(_ count: Int, until deadline: Deadline) throws(Failure) -> [UInt8] {
    while available < count { try fill(until: deadline) }
    let bytes = Array(buffer[start..<start + count])
    consume(count)
    return bytes
  }

  /// Takes one line ending in LF (an optional CR before it is dropped), without the line end.
  ///
  /// Returns nil when the line would be longer than `maxLength`.
  func line(maxLength: Int, until deadline: Deadline) throws(Failure) -> [UInt8]? {
    var scanned = start
    while true {
      if let lf = buffer[scanned...].firstIndex(of: UInt8(ascii: "\n")) {
        guard lf - start <= maxLength + 1 else { return nil }
        var end = lf
        if end > start && buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        let line = Array(buffer[start..<end])
        consume(lf + 1 - start)
        return line
      }
      if available > maxLength + 1 { return nil }
      scanned = buffer.count
      try fill(until: deadline)
    }
  }

  /// Writes every byte, waiting while the client is not reading, until `deadline`.
  func write(_ bytes: [UInt8], until deadline: Deadline) throws(Failure) {
    var offset = 0
    while offset < bytes.count {
      let result = bytes.withUnsafeBytes {
        Platform.transmit(descriptor, UnsafeRawBufferPointer(rebasing: $0[offset...]))
      }
      switch result {
      case .bytes(let n): offset += n
      case .endOfStream, .failed: throw .failed
      case .wouldBlock: try wait(forWriting: true, until: deadline)
      }
    }
  }

  /// Sleeps for `milliseconds`; throws `.stopped` when the server stops meanwhile.
  func pause(milliseconds: Int) throws(Failure) {
    guard milliseconds > 0 else { return }
    guard Platform.pause(until: .after(.milliseconds(milliseconds)), stopSignal: stopSignal) else {
      throw .stopped
    }
  }

  /// Reads and discards input until the client closes or `deadline` passes; see `Timeouts.linger`.
  func drain(until deadline: Deadline) {
    while true {
      let result = scratch.withUnsafeMutableBytes { Platform.receive(descriptor, into: $0) }
      switch result {
      case .bytes: continue
      case .endOfStream, .failed: return
      case .wouldBlock:
        do throws(Failure) { try wait(forWriting: false, until: deadline) } catch { return }
      }
    }
  }

  private func wait(forWriting: Bool, until deadline: Deadline) throws(Failure) {
    let left = deadline.remainingMs
    guard left > 0 else { throw .timedOut }
    switch Platform.wait(
      descriptor, forWriting: forWriting, stopSignal: stopSignal, timeoutMs: left)
    {
    case .ready: return
    case .timedOut: throw .timedOut
    case .stopped: throw .stopped
    }
  }
}
