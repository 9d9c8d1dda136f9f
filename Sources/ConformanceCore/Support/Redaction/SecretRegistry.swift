import Synchronization

/// The secrets one invocation knows, shared by everything that writes output. Secrets are added as they become
/// known (most before the options are parsed, from the raw command line and the environment); each output is
/// redacted with all of them at the moment it is written.
public final class SecretRegistry: Sendable {
  private let state = Mutex(Redactor(secrets: [Secret]()))

  public init(_ secrets: [Secret] = []) {
    add(secrets)
  }

  /// Adds secrets (duplicates and empty values are ignored).
  public func add(_ secrets: [Secret]) {
    let fresh = secrets.filter { !$0.trimmed.isEmpty }
    guard !fresh.isEmpty else { return }
    state.withLock { r in
      let new = fresh.filter { s in !r.secrets.contains { $0.value == s.value } }
      if !new.isEmpty { r = r.adding(new) }
    }
  }

  /// A redactor holding every secret known now.
  public var redactor: Redactor { state.withLock { $0 } }

  /// Text cleared to leave the process.
  public func redact(_ text: String, placeholder: String = Redactor.placeholder) -> Redacted {
    redactor.redact(text, placeholder: placeholder)
  }
}
