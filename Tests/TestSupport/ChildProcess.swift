import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// A child process started with `posix_spawn`, whose waits never block a thread of Swift's cooperative pool.
///
/// Tests do not use Foundation's `Process`: on Linux (swift-corelibs-foundation up to 6.3.1) `Process.run()`
/// copies each `/proc/self/fd` entry as a whole 256-byte `dirent` while it closes the parent's descriptors, and
/// SIGSEGVs when an entry sits at the end of glibc's readdir buffer; the test process (hundreds of sockets
/// open while the mock server's load tests run) hit it (swift-corelibs-foundation PR #5472). Here the child
/// closes every inherited descriptor with `posix_spawn_file_actions_addclosefrom_np`.
///
/// Waiting (`waitpid`) and reading the pipes happen on dedicated threads, never on the cooperative pool: its
/// width is the number of cores (2 here), so one blocked thread halves what every other test can do.
public final class ChildProcess: Sendable {
  public struct Output: Sendable {
    /// The exit status, or the number of the signal that ended the process.
    public var status: Int32
    public var stdout: Data
    public var stderr: Data
    /// The signal that ended the process, if one did.
    public var signal: Int32?
  }

  /// How a process ended: `status` is the exit status, or the signal's number when `signal` is set.
  public struct Termination: Sendable, Equatable {
    public var status: Int32
    public var signal: Int32?
  }

  /// What the child's standard input is.
  public enum Input: Sendable {
    case null
    /// A pipe this object writes to (`write`, `closeInput`).
    case pipe
  }

  /// Where the child's standard output or error goes.
  public enum Sink: Sendable {
    /// Into a pipe this object reads (`readLine`, `output`).
    case capture
    case null
    /// This process's own descriptor.
    case inherit
    /// A file, created or truncated.
    case file(String)
  }

  public let pid: pid_t
  private let stdinFD: Mutex<Int32>
  private let stdoutReader: PipeReader?
  private let stderrReader: PipeReader?
  private let termination = Latch<Termination>()

  /// Starts `argv` (a bare name is looked up on PATH). `environment` nil inherits this process's; `directory`
  /// nil keeps the current one.
  public init(
    _ argv: [String], environment: [String: String]? = nil, directory: String? = nil,
    input: Input = .null, output: Sink = .capture, errors: Sink = .capture
  ) throws {
    precondition(!argv.isEmpty, "a command needs a program")
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }

    var parentEnds: [Int32] = []
    var childEnds: [Int32] = []
    defer { for fd in childEnds { close(fd) } }
    func pipeFor(_ target: Int32, parentReads: Bool) throws -> Int32 {
      var fds: [Int32] = [-1, -1]
      // (pipe2 is not declared by Swift's Glibc module; every child closes what it inherits above 2 anyway.)
      guard pipe(&fds) == 0 else { throw SpawnError("pipe", errno) }
      for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
      let (parent, child) = parentReads ? (fds[0], fds[1]) : (fds[1], fds[0])
      parentEnds.append(parent)
      childEnds.append(child)
      posix_spawn_file_actions_adddup2(&actions, child, target)
      return parent
    }
    func null(_ target: Int32, _ flags: Int32) {
      posix_spawn_file_actions_addopen(&actions, target, "/dev/null", flags, 0)
    }
    func sink(_ target: Int32, _ sink: Sink) throws -> Int32 {
      switch sink {
      case .capture: return try pipeFor(target, parentReads: true)
      case .null: null(target, O_WRONLY)
      case .inherit: break
      case .file(let path):
        posix_spawn_file_actions_addopen(
          &actions, target, path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
      }
      return -1
    }
    do {
      let inFD: Int32
      switch input {
      case .null:
        null(0, O_RDONLY)
        inFD = -1
      case .pipe: inFD = try pipeFor(0, parentReads: false)
      }
      let outFD = try sink(1, output)
      let errFD = try sink(2, errors)
      if let directory {
        guard let chdir = Self.addChdir else {
          throw SpawnError("posix_spawn_file_actions_addchdir_np is missing", ENOSYS)
        }
        _ = directory.withCString { chdir(&actions, $0) }
      }
      guard let closeFrom = Self.addCloseFrom else {
        throw SpawnError("posix_spawn_file_actions_addclosefrom_np is missing", ENOSYS)
      }
      _ = closeFrom(&actions, 3)

      // The child starts with default dispositions and no blocked signals, whatever this process set up
      // (code under test may ignore SIGINT or SIGPIPE; ignored signals survive exec).
      var defaults = sigset_t()
      sigemptyset(&defaults)
      for s in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGCHLD, SIGUSR1, SIGUSR2] {
        sigaddset(&defaults, s)
      }
      posix_spawnattr_setsigdefault(&attributes, &defaults)
      var empty = sigset_t()
      sigemptyset(&empty)
      posix_spawnattr_setsigmask(&attributes, &empty)
      posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

      let env = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
      var child: pid_t = 0
      let rc = Self.withCStrings(argv) { cArgv in
        Self.withCStrings(env) { cEnv in
          argv[0].contains("/")
            ? posix_spawn(&child, argv[0], &actions, &attributes, cArgv, cEnv)
            : posix_spawnp(&child, argv[0], &actions, &attributes, cArgv, cEnv)
        }
      }
      guard rc == 0 else { throw SpawnError("posix_spawn \(argv[0])", rc) }
      pid = child
      stdinFD = Mutex(inFD)
      stdoutReader = outFD >= 0 ? PipeReader(fd: outFD) : nil
      stderrReader = errFD >= 0 ? PipeReader(fd: errFD) : nil
    } catch {
      for fd in parentEnds { close(fd) }
      throw error
    }
    let latch = termination
    let pid = self.pid
    Self.thread {
      var status: Int32 = 0
      while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
      // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import.
      let signal = status & 0x7f
      latch.set(
        signal == 0
          ? Termination(status: (status >> 8) & 0xff, signal: nil)
          : Termination(status: signal, signal: signal))
    }
  }

  deinit {
    closeInput()
  }

  /// Runs a program to completion and returns what it printed.
  public static func run(_ argv: [String], environment: [String: String]? = nil) async throws
    -> Output
  {
    let child = try ChildProcess(argv, environment: environment)
    return await child.output()
  }

  /// Sends a signal to the child (nothing once it has been reaped).
  public func send(_ signal: Int32) {
    if termination.peek() == nil { kill(pid, signal) }
  }

  /// Writes to the child's standard input (a `.pipe` input).
  public func write(_ data: Data) {
    stdinFD.withLock { fd in
      guard fd >= 0 else { return }
      data.withUnsafeBytes { raw in
        var offset = 0
        while offset < raw.count {
          let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
          if n < 0 && errno == EINTR { continue }
          if n <= 0 { return }
          offset += n
        }
      }
    }
  }

  /// Closes the child's standard input, so it reads end of file.
  public func closeInput() {
    stdinFD.withLock { fd in
      if fd >= 0 { close(fd) }
      fd = -1
    }
  }

  /// Waits for the child to exit.
  public func wait() async -> Termination {
    await termination.value()
  }

  /// Waits for the child to exit, at most `seconds`; nil when it is still running.
  public func wait(seconds: Double) async -> Termination? {
    await termination.value(timeout: seconds)
  }

  /// The next line of standard output (without its newline), or nil at end of file.
  public func readLine() async -> String? {
    await stdoutReader?.readLine()
  }

  /// The next line of standard output, blocking the calling thread: only for synchronous initialisers that
  /// keep an old API (a task should use `readLine()`).
  public func readLineBlocking() -> String? {
    stdoutReader?.readLineBlocking()
  }

  /// Waits for the exit and for both pipes to close, and returns everything the child printed.
  public func output() async -> Output {
    let t = await wait()
    let out = await stdoutReader?.all() ?? Data()
    let err = await stderrReader?.all() ?? Data()
    return Output(status: t.status, stdout: out, stderr: err, signal: t.signal)
  }

  /// Runs `body` on a new thread of its own.
  static func thread(_ body: @escaping @Sendable () -> Void) {
    let t = Thread(block: body)
    t.stackSize = 512 * 1024
    t.start()
  }

  static func withCStrings<R>(
    _ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R
  ) -> R {
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    pointers.append(nil)
    defer { for p in pointers { free(p) } }
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
  }

  // glibc has both since 2.34 / 2.29, but Swift's Glibc module does not declare them (they need _GNU_SOURCE).
  typealias AddCloseFrom =
    @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
  typealias AddChdir =
    @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
  static let addCloseFrom: AddCloseFrom? = symbol("posix_spawn_file_actions_addclosefrom_np")
  static let addChdir: AddChdir? = symbol("posix_spawn_file_actions_addchdir_np")

  static func symbol<T>(_ name: String) -> T? {
    guard let p = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
    return unsafeBitCast(p, to: T.self)
  }
}

/// Why a child could not be started.
public struct SpawnError: Error, CustomStringConvertible {
  public let description: String
  init(_ what: String, _ code: Int32) {
    description = "\(what): \(String(cString: strerror(code)))"
  }
}
