import ConformanceCore
import Foundation
import Testing

@testable import ConformanceCLI

/// `--secret-env` and the secrets every command knows before it parses its options.
@Suite struct SecretOptionsTests {
  static let key = "sk-cli-canary-0123456789abcdef"

  func run(_ args: [String], env: [String: String]) async -> (ExitCode, BufferTerminal) {
    let terminal = BufferTerminal()
    let code = await CLI(
      environment: env, terminal: terminal, currentDirectory: NSTemporaryDirectory()
    ).run(args)
    return (code, terminal)
  }

  @Test(arguments: [
    "run", "record", "diagnose", "mock serve", "check-client", "report merge", "report html",
    "report diff",
  ])
  func everyCommandThatSendsServesOrWritesTakesIt(_ command: String) async {
    let words = command.split(separator: " ").map(String.init)
    let (code, t) = await run(words + ["--secret-env", "NOT_SET"], env: [:])
    #expect(code == .invalidInput)
    #expect(
      t.stderr.contains("--secret-env NOT_SET: the environment variable NOT_SET is not set"),
      "\(t.stderr)")
  }

  @Test func errorsAboutTheCommandLineAreRedacted() async {
    let env = ["ANYINT_API_KEY": Self.key, "TOKEN": "tok-cli-0123456789"]
    for args in [
      ["run", "--format", Self.key], ["run", "--format", "%73k-cli-canary-0123456789abcdef"],
      ["run", "--target", "tok-cli-0123456789", "--secret-env", "TOKEN"],
      ["run", "--bogus=\(Self.key)"], ["explain", Self.key],
      ["run", "--target", "live", "--base-url", "https://h.example/v1?key=qv-0123456789"],
    ] {
      let (code, t) = await run(args, env: env)
      #expect(code == .invalidInput, "\(args)")
      for secret in [Self.key, "tok-cli-0123456789", "qv-0123456789", "%73k-cli"] {
        #expect(!t.stderr.contains(secret) && !t.stdout.contains(secret), "\(args): \(t.stderr)")
      }
    }
  }

  @Test func aShortKeyIsWarnedAboutWhereItIsSent() async {
    let (_, live) = await run(
      ["run", "--target", "live", "--base-url", "http://127.0.0.1:9", "--id", "nothing"],
      env: ["ANYINT_API_KEY": "k3y"])
    #expect(live.stderr.contains("warning: the key in ANYINT_API_KEY is shorter than 8 characters"))
    let (_, fixtures) = await run(["validate", "--id", "nothing"], env: ["ANYINT_API_KEY": "k3y"])
    #expect(!fixtures.stderr.contains("warning: the key"))
  }

  @Test func aShortSecretIsWarnedAbout() async {
    let (_, t) = await run(
      ["report", "merge", "missing.json", "--secret-env", "SHORT"], env: ["SHORT": "abc12"])
    #expect(
      t.stderr.contains(
        "warning: --secret-env SHORT is shorter than 8 characters: it is redacted only where it stands alone"
      ),
      "\(t.stderr)")
  }
}
