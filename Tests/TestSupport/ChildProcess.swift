import Foundation

/// Runs a program to completion without blocking Swift's cooperative pool: the waiting happens on a Dispatch
/// thread. (A test that blocks a pool thread for seconds starves every other test running in parallel.)
public enum ChildProcess {
  public struct Output: Sendable {
    public var status: Int32
    public var stdout: Data
    public var stderr: Data
  }

  public static func run(_ argv: [String], environment: [String: String]? = nil) async throws
    -> Output
  {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: argv[0])
    p.arguments = Array(argv.dropFirst())
    if let environment { p.environment = environment }
    let out = Pipe()
    let err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let stdout = Box()
    return await withCheckedContinuation { c in
      DispatchQueue.global().async {
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
          stdout.data = out.fileHandleForReading.readDataToEndOfFile()
          group.leave()
        }
        let e = err.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        p.waitUntilExit()
        c.resume(returning: Output(status: p.terminationStatus, stdout: stdout.data, stderr: e))
      }
    }
  }

  /// Holds what one reader thread collects; the group's wait orders the write before the read.
  final class Box: @unchecked Sendable {
    var data = Data()
  }
}
