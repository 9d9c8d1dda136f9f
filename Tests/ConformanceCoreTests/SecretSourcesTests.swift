import Testing

@testable import ConformanceCore

@Suite struct SecretSourcesTests {
  static let env = [
    "ANYINT_API_KEY": "sk-env-key-0123456789", "OTHER_KEY": "sk-other-9876543210",
    "TOKEN": "tok-abcdef0123456789", "EMPTY": "",
    "HTTPS_PROXY": "http://puser:ppass-12345678@proxy:3128",
  ]

  struct Case: Sendable, CustomTestStringConvertible {
    var arguments: [String]
    var expected: [String]
    var testDescription: String { arguments.joined(separator: " ") }
  }

  static let cases: [Case] = [
    Case(arguments: [], expected: ["sk-env-key-0123456789", "ppass-12345678"]),
    Case(arguments: ["--key-env", "OTHER_KEY"], expected: ["sk-other-9876543210"]),
    Case(arguments: ["--key-env=OTHER_KEY"], expected: ["sk-other-9876543210"]),
    Case(
      arguments: ["--secret-env", "TOKEN", "--secret-env", "EMPTY"],
      expected: ["tok-abcdef0123456789"]),
    Case(
      arguments: ["--header", "X-Custom: hdr-value-123", "-H", "Authorization: Bearer $KEY"],
      expected: ["hdr-value-123", "Bearer sk-env-key-0123456789"]),
    Case(arguments: ["--header", "anthropic-version: 2023-06-01"], expected: []),
    Case(
      arguments: [
        "-H=X-Team: team-token-0123", "--header=X-Other: other-token-4567",
        "-HX-Glued: glued-token-8901",
      ],
      expected: ["team-token-0123", "other-token-4567", "glued-token-8901"]),
    Case(
      arguments: [
        "--base-url",
        "https://u:pw-secret-1@h.example/v1/abcdef0123456789xyz/x?key=qv-12345678#frag",
      ],
      expected: ["pw-secret-1", "key=qv-12345678", "qv-12345678", "frag", "abcdef0123456789xyz"]),
    Case(
      arguments: ["--base-url", "https://h.example/api/key/short1/v1"], expected: ["short1"]),
    Case(
      arguments: ["--proxy", "http://me:pr%2Fxy-pass@p:8080"],
      expected: ["pr%2Fxy-pass", "pr/xy-pass"]),
    Case(arguments: ["--", "--secret-env", "TOKEN"], expected: []),
  ]

  @Test(arguments: cases) func collectsTheSecretsTheCommandLineNames(_ c: Case) {
    let found = SecretSources.collect(arguments: c.arguments, environment: Self.env).map(\.value)
    for e in c.expected { #expect(found.contains(e), "\(e) not in \(found)") }
    #expect(!found.contains(""))
    #expect(!found.contains("2023-06-01"))
    #expect(!found.contains("h.example"), "the host is not a secret")
    #expect(!found.contains("v1"))
    #expect(
      !found.contains("u") && !found.contains("me") && !found.contains("puser"),
      "short user names are names")
  }

  @Test func aShortKeyIsASecretOnlyWhereItIsSent() {
    let found = SecretSources.collect(
      arguments: ["--key-env", "K2"], environment: ["ANYINT_API_KEY": "test", "K2": "abc"])
    #expect(found.isEmpty, "\(found)")
  }

  @Test func originsNameWhereASecretCameFromNeverItsValue() {
    let found = SecretSources.collect(
      arguments: ["--secret-env", "TOKEN"], environment: Self.env)
    #expect(found.contains { $0.origin == "--secret-env TOKEN" })
    #expect(found.contains { $0.origin == "the key in ANYINT_API_KEY" })
    #expect(found.allSatisfy { !$0.origin.contains($0.value) })
  }

  @Test func theRegistryRedactsWithEverythingAddedSoFar() {
    let registry = SecretRegistry([Secret("sk-first-0123456789", origin: "a")])
    #expect(registry.redact("x sk-first-0123456789").text == "x <redacted>")
    registry.add([Secret("sk-second-0123456789", origin: "b"), Secret("  ", origin: "blank")])
    #expect(
      registry.redact("sk-first-0123456789 sk-second-0123456789").text == "<redacted> <redacted>")
    #expect(registry.redactor.secrets.count == 2)
  }
}
