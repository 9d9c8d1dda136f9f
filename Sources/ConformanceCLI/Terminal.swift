import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where the commands write: standard output and error, or a buffer in tests.
public protocol Terminal: Sendable {
  func out(_ text: String)
  func err(_ text: String)
  /// Whether standard output is a terminal (colour is only used there).
  var isTTY: Bool { get }
}

/// The process's own standard output and error, written unbuffered so lines appear as they happen.
public struct StandardTerminal: Terminal {
  public init() {}

  public func out(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
  }

  public func err(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }

  public var isTTY: Bool { isatty(STDOUT_FILENO) == 1 }
}

/// Collects output in memory, for tests.
public final class BufferTerminal: Terminal {
  private let state = Mutex<(out: String, err: String)>(("", ""))

  public init() {}

  public func out(_ text: String) { state.withLock { $0.out += text } }
  public func err(_ text: String) { state.withLock { $0.err += text } }
  public var isTTY: Bool { false }

  public var stdout: String { state.withLock { $0.out } }
  public var stderr: String { state.withLock { $0.err } }
}
