/// Wraps help text to the width of a standard terminal, breaking between words.
enum TextWrap {
  static let width = 80

  /// `text` wrapped to `width` columns; the first line starts after `used` columns already printed, the others
  /// are indented by `indent` spaces. A word longer than a line stands on a line of its own.
  static func wrap(_ text: String, used: Int = 0, indent: Int, width: Int = TextWrap.width)
    -> String
  {
    var out = ""
    var column = used
    var lineHasWord = false
    for word in text.split(separator: " ", omittingEmptySubsequences: true) {
      if lineHasWord, column + 1 + word.count > width {
        out += "\n" + String(repeating: " ", count: indent)
        column = indent
        lineHasWord = false
      }
      if lineHasWord {
        out += " "
        column += 1
      }
      out += word
      column += word.count
      lineHasWord = true
    }
    return out
  }

  /// Each line of `text` as a paragraph wrapped to the width, continuation lines indented by `indent`; a line
  /// that starts in lower case continues the paragraph before it.
  static func paragraphs(_ text: String, indent: Int = 2) -> String {
    var paragraphs: [String] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if let first = line.first, first.isLowercase, let last = paragraphs.popLast() {
        paragraphs.append(last + " " + line)
      } else {
        paragraphs.append(String(line))
      }
    }
    return paragraphs.map { wrap($0, indent: indent) }.joined(separator: "\n")
  }
}
