import ConformanceCLI

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// The executable holds no logic: parse, run, exit.
let code = await CLI().run(Array(CommandLine.arguments.dropFirst()))
exit(code.rawValue)
