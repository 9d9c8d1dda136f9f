import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// Drains a pipe on a thread of its own (so a chatty child never blocks on a full pipe) and hands out what
/// arrived: line by line while it runs, or all of it at end of file.
final class PipeReader: Sendable {
  private struct State {
    var data = Data()
    var consumed = 0
    var ended = false
    var waiters: [CheckedContinuation<Void, Never>] = []
    var blocked: [DispatchSemaphore] = []
  }
  private let state = Mutex(State())
  private let ended = Latch<Bool>()

  init(fd: Int32) {
    ChildProcess.thread { [self] in
      var buffer = [UInt8](repeating: 0, count: 64 * 1024)
      while true {
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n < 0 && errno == EINTR { continue }
        let chunk = n > 0 ? Data(buffer[0..<n]) : nil
        let (waiters, blocked) = state.withLock { s in
          if let chunk { s.data.append(chunk) } else { s.ended = true }
          defer {
            s.waiters = []
            s.blocked = []
          }
          return (s.waiters, s.blocked)
        }
        for w in waiters { w.resume() }
        for b in blocked { b.signal() }
        if chunk == nil { break }
      }
      close(fd)
      ended.set(true)
    }
  }

  /// Takes the next line if it is complete (or the rest at end of file): `.some(nil)` when nothing is left,
  /// nil when more must arrive first.
  private func takeLine() -> String?? {
    state.withLock { s -> String?? in
      let rest = s.data[(s.data.startIndex + s.consumed)...]
      if let newline = rest.firstIndex(of: 0x0A) {
        s.consumed = newline - s.data.startIndex + 1
        return .some(String(decoding: rest[..<newline], as: UTF8.self))
      }
      if s.ended {
        s.consumed = s.data.count
        return .some(rest.isEmpty ? nil : String(decoding: rest, as: UTF8.self))
      }
      return nil
    }
  }

  /// The next line, blocking the calling thread until it arrives: only for synchronous callers that accept it.
  func readLineBlocking() -> String? {
    while true {
      if let line = takeLine() { return line }
      let semaphore = DispatchSemaphore(value: 0)
      let wait = state.withLock { s -> Bool in
        let rest = s.data[(s.data.startIndex + s.consumed)...]
        if s.ended || rest.contains(0x0A) { return false }
        s.blocked.append(semaphore)
        return true
      }
      if wait { semaphore.wait() }
    }
  }

  /// The next line (without its newline), or what is left at end of file, or nil when nothing is.
  func readLine() async -> String? {
    while true {
      if let line = takeLine() { return line }
      await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
        let resumeNow = state.withLock { s -> Bool in
          let rest = s.data[(s.data.startIndex + s.consumed)...]
          if s.ended || rest.contains(0x0A) { return true }
          s.waiters.append(c)
          return false
        }
        if resumeNow { c.resume() }
      }
    }
  }

  /// Everything read, once the pipe has closed.
  func all() async -> Data {
    _ = await ended.value()
    return state.withLock { $0.data }
  }
}
