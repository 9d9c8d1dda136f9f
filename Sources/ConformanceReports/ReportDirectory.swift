import Foundation

/// Writes report files so that a reader (or a crash) never sees half a file.
///
/// Each file is written to a temporary name in the same directory, flushed, then renamed over the old one;
/// rename within a directory is atomic on POSIX file systems.
public enum ReportDirectory {
    public struct WriteError: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "cannot write \(path): \(reason)" }
    }

    /// Writes every file, or throws naming the one that could not be written (earlier ones stay complete).
    public static func write(_ files: [(name: String, bytes: [UInt8])], to directory: String) throws {
        let fm = FileManager.default
        do {
            try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw WriteError(path: directory, reason: "cannot create the directory (\(error.localizedDescription))")
        }
        for file in files {
            let final = (directory as NSString).appendingPathComponent(file.name)
            try writeAtomically(file.bytes, to: final)
        }
    }

    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        let dir = (path as NSString).deletingLastPathComponent
        let temp = (dir.isEmpty ? "." : dir) + "/." + (path as NSString).lastPathComponent + ".\(ProcessInfo.processInfo.processIdentifier).tmp"
        let data = Data(bytes)
        guard FileManager.default.createFile(atPath: temp, contents: data) else {
            throw WriteError(path: path, reason: "cannot create a file in \(dir.isEmpty ? "." : dir) (check that it exists and is writable)")
        }
        if rename(temp, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temp)
            throw WriteError(path: path, reason: reason)
        }
    }
}
