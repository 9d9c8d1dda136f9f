/// Why the server could not start, with a one-line message a person can act on.
public struct MockServerError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What went wrong, as a stable label for tests and callers.
  public enum Code: String, Sendable {
    /// The host name or address did not resolve.
    case cannotResolve = "cannot-resolve"
    /// The socket could not be created, bound or put into listening state (a busy port, say).
    case cannotListen = "cannot-listen"
    /// The system refused a resource the server needs to run (a thread, a pipe).
    case cannotStart = "cannot-start"
    /// `start()` was called on a server that was already started (a server runs once).
    case alreadyStarted = "already-started"
  }

  public let code: Code
  public let message: String

  init(_ code: Code, _ message: String) {
    self.code = code
    self.message = message
  }

  public var description: String { message }
}
