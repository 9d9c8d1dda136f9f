import Foundation
import Synchronization

/// Everything a run prints while it runs goes through here, so the progress display and the result lines never
/// tear each other: on a terminal (standard error), a status line redrawn in place below the result lines; off a
/// terminal, a plain progress line every 10 seconds once a run lasts that long; with `--quiet`, no progress.
final class ConsoleWriter: Sendable {
  enum Mode: Sendable {
    case statusLine
    case periodic
    case off
  }

  /// How often the status line is redrawn, and how often a plain progress line is printed.
  static let redrawSeconds = 0.25
  static let periodicSeconds = 10.0

  /// Everything is written through the CLI, redacted with the invocation's secrets.
  let cli: CLI
  let tracker: ProgressTracker
  let mode: Mode
  private let state = Mutex<(shown: Bool, stopped: Bool)>((false, false))

  init(cli: CLI, tracker: ProgressTracker, mode: Mode) {
    self.cli = cli
    self.tracker = tracker
    self.mode = mode
  }

  /// The progress mode for a terminal: none when quiet, the status line when standard error is a terminal.
  static func mode(quiet: Bool, terminal: any Terminal) -> Mode {
    quiet ? .off : terminal.isErrorTTY ? .statusLine : .periodic
  }

  /// Starts the progress display; its clock runs on a thread of its own, so a busy task pool never stalls it.
  func start() {
    guard mode != .off else { return }
    let every = mode == .statusLine ? Self.redrawSeconds : Self.periodicSeconds
    if mode == .statusLine { redraw() }
    Thread.detachNewThread { [self] in
      var next = Date().addingTimeInterval(every)
      while true {
        Thread.sleep(forTimeInterval: min(0.05, max(0, next.timeIntervalSinceNow)))
        if state.withLock({ $0.stopped }) { return }
        guard Date() >= next else { continue }
        next = next.addingTimeInterval(every)
        if mode == .statusLine { redraw() } else { periodicLine() }
      }
    }
  }

  /// Stops the display and clears the status line.
  func stop() {
    state.withLock { s in
      s.stopped = true
      if s.shown { cli.err("\r\u{1B}[K") }
      s.shown = false
    }
  }

  /// Result lines, on standard output.
  func out(_ text: String) {
    guard !text.isEmpty else { return }
    write { cli.out(text) }
  }

  /// Notes, on standard error.
  func err(_ text: String) {
    guard !text.isEmpty else { return }
    write { cli.err(text) }
  }

  private func write(_ body: () -> Void) {
    state.withLock { s in
      if s.shown { cli.err("\r\u{1B}[K") }
      body()
      if mode == .statusLine, !s.stopped {
        cli.err(statusText())
        s.shown = true
      } else {
        s.shown = false
      }
    }
  }

  private func redraw() {
    state.withLock { s in
      guard !s.stopped else { return }
      cli.err("\r\u{1B}[K" + statusText())
      s.shown = true
    }
  }

  private func periodicLine() {
    state.withLock { s in
      guard !s.stopped else { return }
      cli.err("progress: " + tracker.snapshot().text + "\n")
    }
  }

  /// The status line, cut to the terminal's width so it never wraps (a wrapped line cannot be redrawn in place).
  private func statusText() -> String {
    let text = tracker.snapshot().text
    let width = max(20, cli.terminal.errorColumns - 1)
    return text.count <= width ? text : String(text.prefix(width - 3)) + "..."
  }
}
