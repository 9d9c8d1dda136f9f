import ConformanceCore

/// `mock serve`: placeholder until the loopback fixture server lands.
struct MockServeCommand {
    let cli: CLI

    func execute(_ args: [String]) async throws(UsageError) -> ExitCode {
        throw UsageError("'mock serve' is not available in this build yet")
    }
}
