import Foundation

/// The fields of a `multipart/form-data` body, as far as the contract needs them: each part's name, the text
/// value of small non-file parts, and the file name of file parts. Never more than the body holds; a body
/// that is not multipart has no fields.
public struct MultipartForm: Sendable {
  /// Every part's name, in order.
  public var names: [String] = []
  /// Values of parts without a file name (at most 4 KiB each).
  public var values: [String: String] = [:]
  /// The first file part's file name.
  public var filename: String?

  public init(body: [UInt8], contentType: String?) {
    guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data"),
      let range = contentType.range(of: "boundary=")
    else { return }
    var boundary = String(contentType[range.upperBound...].prefix { $0 != ";" })
    boundary.removeAll { $0 == "\"" }
    guard !boundary.isEmpty else { return }
    let text = String(decoding: body, as: UTF8.self)
    for part in text.components(separatedBy: "--" + boundary).dropFirst() {
      guard let split = part.range(of: "\r\n\r\n") ?? part.range(of: "\n\n") else { continue }
      let head = part[..<split.lowerBound]
      guard let name = Self.parameter("name", in: head) else { continue }
      names.append(name)
      if let file = Self.parameter("filename", in: head) {
        if filename == nil { filename = file }
        continue
      }
      var value = String(part[split.upperBound...])
      if value.hasSuffix("\r\n") {
        value.removeLast(2)
      } else if value.hasSuffix("\n") {
        value.removeLast()
      }
      if value.utf8.count <= 4096 { values[name] = value }
    }
  }

  /// A `name="value"` parameter of the part's Content-Disposition line.
  static func parameter(_ key: String, in head: Substring) -> String? {
    for line in head.split(whereSeparator: \.isNewline)
    where line.lowercased().hasPrefix("content-disposition:") {
      for piece in line.split(separator: ";") {
        let trimmed = piece.drop { $0 == " " }
        guard trimmed.hasPrefix(key + "=") else { continue }
        var value = String(trimmed.dropFirst(key.count + 1))
        value.removeAll { $0 == "\"" }
        return value
      }
    }
    return nil
  }
}
