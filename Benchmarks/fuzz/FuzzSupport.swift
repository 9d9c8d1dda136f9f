import ConformanceCore
import Foundation

/// Checks shared by the targets: a failed property is a crash libFuzzer records with its input.
enum FuzzCheck {
  /// A failed property: says why on stderr, then aborts, so libFuzzer saves the input that broke it
  /// (`precondition` drops its message in optimized builds).
  static func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    guard !condition else { return }
    fputs("fuzz property failed: \(message())\n", stderr)
    abort()
  }

  static func bytes(_ data: UnsafePointer<UInt8>, _ size: Int) -> [UInt8] {
    Array(UnsafeBufferPointer(start: data, count: size))
  }

  /// Every diagnostic names the file, and prints as one line with no control character.
  static func located(_ diagnostics: [Diagnostic], file: String) {
    for d in diagnostics {
      FuzzCheck.require(d.location.file == file, "diagnostic for another file: \(d)")
      FuzzCheck.require(d.location.line >= 0 && d.location.column >= 0, "negative position: \(d)")
      FuzzCheck.require(!d.message.isEmpty, "empty message")
      let text = d.description
      FuzzCheck.require(
        !text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F },
        "control character in a diagnostic: \(text.debugDescription)")
    }
  }
}
