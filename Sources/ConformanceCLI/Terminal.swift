import ConformanceCore
import ConformanceReports
import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where the commands write: standard output and error, or a buffer in tests. It takes only redacted text
/// (commands write through `CLI.out` / `CLI.err`, which redact with every secret the invocation knows).
public protocol Terminal: Sendable {
  func out(_ text: Redacted)
  func err(_ text: Redacted)
  /// Whether standard output is a terminal (colour is only used there).
  var isTTY: Bool { get }
  /// Whether standard error is a terminal (the progress status line is redrawn in place only there).
  var isErrorTTY: Bool { get }
  /// The width of the terminal standard error is, in columns (80 when it cannot be told).
  var errorColumns: Int { get }
}

extension Terminal {
  public var isErrorTTY: Bool { false }
  public var errorColumns: Int { 80 }
}

/// The process's own standard output and error, written unbuffered so lines appear as they happen.
public struct StandardTerminal: Terminal {
  public init() {}

  public func out(_ text: Redacted) { OutputSink.standardOutput(text) }

  public func err(_ text: Redacted) { OutputSink.standardError(text) }

  public var isTTY: Bool { isatty(STDOUT_FILENO) == 1 }
  public var isErrorTTY: Bool { isatty(STDERR_FILENO) == 1 }

  public var errorColumns: Int {
    var size = winsize()
    guard ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
    return Int(size.ws_col)
  }
}

/// Collects output in memory, for tests.
public final class BufferTerminal: Terminal {
  private let state = Mutex<(out: String, err: String)>(("", ""))
  public let isErrorTTY: Bool

  public init(isErrorTTY: Bool = false) { self.isErrorTTY = isErrorTTY }

  public func out(_ text: Redacted) { state.withLock { $0.out += text.text } }
  public func err(_ text: Redacted) { state.withLock { $0.err += text.text } }
  public var isTTY: Bool { false }

  public var stdout: String { state.withLock { $0.out } }
  public var stderr: String { state.withLock { $0.err } }
}
