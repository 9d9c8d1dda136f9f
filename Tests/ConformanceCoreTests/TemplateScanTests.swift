import Testing

@testable import ConformanceCore

/// Templates are scanned byte by byte; the results (values, references, errors) are those of the walk over
/// Unicode scalars that came before, kept here as the reference.
@Suite struct TemplateScanTests {
  enum Outcome: Equatable {
    case text(String)
    case syntax(String)
    case unresolved(String)
  }

  /// The scalar walk `Template` used before.
  static func reference(_ text: String, _ lookup: (String) -> String?) -> Outcome {
    guard text.utf8.contains(UInt8(ascii: "$")) else { return .text(text) }
    let scalars = Array(text.unicodeScalars)
    var out = String.UnicodeScalarView()
    var i = 0
    while i < scalars.count {
      let c = scalars[i]
      if c == "$", i + 2 < scalars.count, scalars[i + 1] == "$", scalars[i + 2] == "{" {
        out.append("$")
        out.append("{")
        i += 3
        continue
      }
      if c == "$", i + 1 < scalars.count, scalars[i + 1] == "{" {
        guard let close = scalars[(i + 2)...].firstIndex(of: "}") else {
          return .syntax("'${' has no closing '}'; write '$${' for a literal '${'")
        }
        let name = String(String.UnicodeScalarView(scalars[(i + 2)..<close]))
        guard Template.isValidName(name) else {
          return .syntax(
            "'${\(name)}' is not a valid variable name (letters, digits, '_', '-', '.'; starting with a letter or '_')"
          )
        }
        guard let v = lookup(name) else { return .unresolved(name) }
        out.append(contentsOf: v.unicodeScalars)
        i = close + 1
        continue
      }
      out.append(c)
      i += 1
    }
    return .text(String(out))
  }

  static func actual(_ text: String, _ lookup: (String) -> String?) -> Outcome {
    do {
      return .text(try Template.resolve(text, lookup: lookup))
    } catch let e as Template.SyntaxError {
      return .syntax(e.message)
    } catch let e as Template.Unresolved {
      return .unresolved(e.name)
    } catch {
      return .syntax("unexpected \(error)")
    }
  }

  static let values = [
    "m": "gpt-4o", "é": "accent", "x.y": "dotted", "empty": "", "u": "日本 🎉 ${m}",
  ]

  @Test(arguments: [
    "", "plain", "$", "$$", "${", "$${", "$$${m}", "${m}", "${m}${m}", "a${m}b", "${u} then ${m}",
    "cost $5 and $${literal}", "${ m }", "${1bad}", "${}", "${m", "${m}}", "${{m}}", "${é}",
    "日本 ${m} 🎉", "${x.y}-${empty}-${missing}", "\u{301}${m}\u{301}", "$\u{301}{m}", "${m}$",
    "trailing ${",
  ])
  func resolvesLikeTheScalarWalk(text: String) {
    let lookup = { (n: String) in Self.values[n] }
    #expect(Self.actual(text, lookup) == Self.reference(text, lookup))
  }
}
