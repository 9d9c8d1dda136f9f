import ConformanceCore

/// `--secret-env NAME` (repeatable), on every command that sends, serves or writes reports: the values of these
/// environment variables are secrets, redacted in every form from all output, as the key is (as Hurl's
/// `--secret`). The values are read before the command line is parsed; here they are checked.
enum SecretOptions {
  static let secretEnv: Option<[String]> = .repeated(
    "--secret-env", "NAME",
    "the value of this environment variable is a secret: redacted, in every form, from all output")

  static let options = [secretEnv.spec]

  /// Checks each named variable is set, registers its value and warns about a value too short to redact
  /// everywhere. Run for every command that declares the option.
  static func check(_ parsed: ParsedArguments, cli: CLI) throws(UsageError) {
    for name in try parsed.get(secretEnv) {
      guard let value = cli.environment[name], !value.isEmpty else {
        throw UsageError(
          .missingArgument, option: secretEnv.name,
          "--secret-env \(name): the environment variable \(name) is not set (or empty); set it, or drop --secret-env \(name)"
        )
      }
      let secret = Secret(value, origin: "--secret-env \(name)")
      cli.secrets.add([secret])
      if let warning = shortWarning(secret) { cli.err(warning) }
    }
  }

  /// The warning for a secret shorter than `Secret.minimumLength` characters.
  static func shortWarning(_ secret: Secret) -> String? {
    guard secret.isShort else { return nil }
    return
      "warning: \(secret.origin) is shorter than \(Secret.minimumLength) characters: it is redacted only where it stands alone (not inside longer words), and not in base64 or cut off\n"
  }
}
