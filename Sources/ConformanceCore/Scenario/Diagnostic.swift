/// A place in an input file: path, 1-based line and column.
public struct SourceRef: Sendable, Hashable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var column: Int

  public init(file: String, line: Int, column: Int) {
    self.file = file
    self.line = line
    self.column = column
  }

  /// `file:line:col`, or just `file` when the problem is the file as a whole (line 0).
  public var description: String { line > 0 ? "\(file):\(line):\(column)" : file }
}

/// One problem found in an input file, printed as `file:line:col: error: $.path: message`.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
  public enum Severity: String, Sendable {
    case error
    case warning
    case note
  }

  public var severity: Severity
  public var location: SourceRef
  /// The JSON path of the offending field, such as `$.expect.status` or `$[2].request.method`.
  public var path: String
  public var message: String

  public init(
    _ severity: Severity = .error, at location: SourceRef, path: String, _ message: String
  ) {
    self.severity = severity
    self.location = location
    self.path = path
    self.message = message
  }

  /// One line whatever the input held: the file name, path and message escape control characters.
  public var description: String {
    let at = location.description.escapingControlCharacters
    let text = message.escapingControlCharacters
    if path.isEmpty { return "\(at): \(severity.rawValue): \(text)" }
    return "\(at): \(severity.rawValue): \(path.escapingControlCharacters): \(text)"
  }
}

/// Collects every problem in a pass so `validate` can list them all at once instead of stopping at the first.
public struct DiagnosticCollector: Sendable {
  public private(set) var diagnostics: [Diagnostic] = []
  /// Kept as diagnostics are added: decoders ask for it around every scenario and fixture, so counting would
  /// make a file with many problems quadratic.
  public private(set) var errorCount = 0

  public init() {}

  public mutating func append(_ d: Diagnostic) {
    diagnostics.append(d)
    if d.severity == .error { errorCount += 1 }
  }

  public mutating func append(contentsOf ds: [Diagnostic]) {
    for d in ds { append(d) }
  }

  public mutating func error(_ message: String, at location: SourceRef, path: String) {
    append(Diagnostic(.error, at: location, path: path, message))
  }

  public mutating func warning(_ message: String, at location: SourceRef, path: String) {
    append(Diagnostic(.warning, at: location, path: path, message))
  }

  /// Diagnostics sorted by file, line and column, for stable output.
  public var sorted: [Diagnostic] {
    diagnostics.enumerated().sorted { a, b in
      let l = a.element.location
      let r = b.element.location
      if l.file != r.file { return l.file < r.file }
      if l.line != r.line { return l.line < r.line }
      if l.column != r.column { return l.column < r.column }
      return a.offset < b.offset
    }.map(\.element)
  }
}

extension Sequence where Element == Diagnostic {
  /// Whether any is an error (warnings alone leave the input usable).
  public var hasErrors: Bool { contains { $0.severity == .error } }
}
