/// `${name}` variable references in scenario strings. `$${` writes a literal `${`.
public enum Template {
  /// A problem with a reference, such as `${` without its closing brace.
  public struct SyntaxError: Error, Sendable, Equatable {
    public var message: String
  }

  /// A reference that no variable source could resolve.
  public struct Unresolved: Error, Sendable, Equatable {
    public var name: String
  }

  /// Variable names are letters, digits, `_`, `-` and `.`, starting with a letter or `_`.
  public static func isValidName(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first,
      first == "_" || ("a"..."z").contains(first) || ("A"..."Z").contains(first)
    else { return false }
    return name.unicodeScalars.allSatisfy {
      $0 == "_" || $0 == "-" || $0 == "." || ("a"..."z").contains($0) || ("A"..."Z").contains($0)
        || ("0"..."9").contains($0)
    }
  }

  /// The names a string refers to, in order (duplicates kept).
  public static func references(in text: String) throws(SyntaxError) -> [String] {
    var names: [String] = []
    do {
      _ = try scan(text) { name in
        names.append(name)
        return ""
      }
    } catch let e as SyntaxError {
      throw e
    } catch {
      // The closure above never throws.
    }
    return names
  }

  /// Replaces every reference with the value `lookup` gives; throws `SyntaxError` or `Unresolved`.
  public static func resolve(_ text: String, lookup: (String) -> String?) throws -> String {
    try scan(text) { name in
      guard let v = lookup(name) else { throw Unresolved(name: name) }
      return v
    }
  }

  /// Byte by byte: `$`, `{` and `}` are ASCII and never occur inside a multi-byte UTF-8 character, so this
  /// finds exactly the references a walk over characters would, without decoding the text.
  private static func scan(_ text: String, replace: (String) throws -> String) throws -> String {
    guard text.utf8.contains(UInt8(ascii: "$")) else { return text }
    let bytes = Array(text.utf8)
    let dollar = UInt8(ascii: "$")
    let open = UInt8(ascii: "{")
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + 16)
    var i = 0
    while i < bytes.count {
      let c = bytes[i]
      if c == dollar, i + 2 < bytes.count, bytes[i + 1] == dollar, bytes[i + 2] == open {
        out += [dollar, open]
        i += 3
        continue
      }
      if c == dollar, i + 1 < bytes.count, bytes[i + 1] == open {
        guard let close = bytes[(i + 2)...].firstIndex(of: UInt8(ascii: "}")) else {
          throw SyntaxError(message: "'${' has no closing '}'; write '$${' for a literal '${'")
        }
        let name = String(decoding: bytes[(i + 2)..<close], as: UTF8.self)
        guard isValidName(name) else {
          throw SyntaxError(
            message:
              "'${\(name)}' is not a valid variable name (letters, digits, '_', '-', '.'; starting with a letter or '_')"
          )
        }
        out += try replace(name).utf8
        i = close + 1
        continue
      }
      out.append(c)
      i += 1
    }
    return String(decoding: out, as: UTF8.self)
  }
}
