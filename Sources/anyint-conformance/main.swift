import ConformanceCLI

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// The executable holds no logic: parse, run, exit (leaving large values to the exit, not to destructors).
LeftForExit.enable()
let code = await CLI().run(Array(CommandLine.arguments.dropFirst()))
exit(code.rawValue)
