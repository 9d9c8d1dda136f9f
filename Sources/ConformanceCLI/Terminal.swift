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
}

/// The process's own standard output and error, written unbuffered so lines appear as they happen.
public struct StandardTerminal: Terminal {
  public init() {}

  public func out(_ text: Redacted) { OutputSink.standardOutput(text) }

  public func err(_ text: Redacted) { OutputSink.standardError(text) }

  public var isTTY: Bool { isatty(STDOUT_FILENO) == 1 }
}

/// Collects output in memory, for tests.
public final class BufferTerminal: Terminal {
  private let state = Mutex<(out: String, err: String)>(("", ""))

  public init() {}

  public func out(_ text: Redacted) { state.withLock { $0.out += text.text } }
  public func err(_ text: Redacted) { state.withLock { $0.err += text.text } }
  public var isTTY: Bool { false }

  public var stdout: String { state.withLock { $0.out } }
  public var stderr: String { state.withLock { $0.err } }
}
