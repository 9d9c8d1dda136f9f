import ConformanceCore

/// Checks shared by the targets: a failed property is a crash libFuzzer records with its input.
enum FuzzCheck {
  static func bytes(_ data: UnsafePointer<UInt8>, _ size: Int) -> [UInt8] {
    Array(UnsafeBufferPointer(start: data, count: size))
  }

  /// Every diagnostic names the file, and prints as one line with no control character.
  static func located(_ diagnostics: [Diagnostic], file: String) {
    for d in diagnostics {
      precondition(d.location.file == file, "diagnostic for another file: \(d)")
      precondition(d.location.line >= 0 && d.location.column >= 0, "negative position: \(d)")
      precondition(!d.message.isEmpty, "empty message")
      let text = d.description
      precondition(
        !text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F },
        "control character in a diagnostic: \(text.debugDescription)")
    }
  }
}
