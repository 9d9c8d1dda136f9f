import Foundation
import TestSupport
import Testing

@testable import ConformanceCore

@Suite struct RedactorTests {
  /// A key as gateways issue them, and a secret with every awkward character (given through --secret-env).
  static let key = "sk-canary-Zq81xLw0pRt5vNc2mKd7hYa3"
  static let awkward = "p@ss/w+rd w\u{F6}rd\u{1F600}&\"q\"<x>~%41~~~~????"

  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    /// The secret as registered (may carry whitespace around it).
    var secret: String
    /// What the gateway wrote: must be gone after redaction.
    var written: String
    /// The forms that each find this case on their own (nil: the plain text, always on): a redactor without
    /// all of them misses it.
    var form: RedactionForms?
    var testDescription: String { name }
  }

  static var cases: [Case] {
    var list: [Case] = []
    for (label, s) in [("key", key), ("awkward", awkward)] {
      list += [
        Case(name: "\(label) plain", secret: s, written: s, form: nil),
        Case(
          name: "\(label) percent upper", secret: s, written: Forms.percentAll(s, upper: true),
          form: .percent),
        Case(
          name: "\(label) percent lower", secret: s, written: Forms.percentAll(s, upper: false),
          form: .percent),
        Case(
          name: "\(label) percent mixed", secret: s, written: Forms.percentMixed(s), form: .percent),
        Case(
          name: "\(label) \\u upper", secret: s, written: Forms.jsonAll(s, upper: true),
          form: .backslash),
        Case(
          name: "\(label) \\u lower", secret: s, written: Forms.jsonAll(s, upper: false),
          form: .backslash),
        Case(name: "\(label) \\u mixed", secret: s, written: Forms.jsonMixed(s), form: .backslash),
        Case(
          name: "\(label) XML references", secret: s, written: Forms.xmlReferences(s),
          form: .references),
        Case(
          name: "\(label) cut-off prefix", secret: s, written: String(s.prefix(12)) + "...",
          form: .cutOff),
        Case(
          name: "\(label) cut-off suffix", secret: s, written: "..." + String(s.suffix(11)),
          form: .cutOff),
        Case(
          name: "\(label) JSON escapes escaped again",
          secret: s,
          written: Forms.jsonAll(s, upper: true).replacingOccurrences(of: "\\", with: "\\\\"),
          form: .backslash),
        Case(
          name: "\(label) percent-encoded twice", secret: s,
          written: Forms.percentAll(s, upper: false).replacingOccurrences(of: "%", with: "%25"),
          form: .percent),
        Case(
          name: "\(label) JSON-escaped percent", secret: s, written: Forms.jsonEscapedPercent(s),
          form: nil),
      ]
      if s.contains(" ") {
        list.append(
          Case(
            name: "\(label) + for space", secret: s, written: Forms.formEncoded(s), form: .percent))
      }
      // base64 and base64url at the three byte offsets, with and without padding.
      for (before, after) in [("", ""), ("x", "!"), ("x:", ""), ("Bearer ", "!!"), ("ab", "c")] {
        let bytes = Array((before + s + after).utf8)
        for url in [false, true] {
          for padded in [true, false] {
            let written = Forms.base64(bytes, url: url, padded: padded)
            // Without `+` or `/` in it, standard base64 and base64url are the same text: either form finds it.
            let same = !written.contains(where: { "+/-_".contains($0) })
            list.append(
              Case(
                name:
                  "\(label) base64\(url ? "url" : "") offset \(before.utf8.count % 3) \(padded ? "padded" : "unpadded") after '\(before)'",
                secret: s, written: written,
                form: same ? [.base64, .base64url] : url ? .base64url : .base64))
          }
        }
      }
      // A key read from a file keeps its newline; the gateway echoes it trimmed, here inside base64.
      list.append(
        Case(
          name: "\(label) given with whitespace around it, echoed trimmed in base64",
          secret: " " + s + "\n",
          written: Forms.base64(Array(("u:" + s).utf8), url: false, padded: true), form: .trimmed))
    }
    return list
  }

  func redactor(_ secret: String, forms: RedactionForms = .all) -> Redactor {
    Redactor(secrets: [Secret(secret, origin: "test")], forms: forms)
  }

  @Test(arguments: cases) func everyFormIsRedacted(_ c: Case) {
    for context in ["", "Location: https://h/cb?t=", "{\"message\":\"key "] {
      let text = context + c.written + " end"
      let out = redactor(c.secret).string(text)
      #expect(!out.contains(c.written), "\(c.name): \(out)")
      #expect(out.contains(Redactor.placeholder), "\(c.name): \(out)")
      #expect(Leaks.find(c.secret, in: out).isEmpty, "\(c.name): \(Leaks.find(c.secret, in: out))")
      #expect(out.hasPrefix(context), "\(c.name): the text before the secret is kept: \(out)")
    }
  }

  /// Each form's case is missed by a redactor without that form: dropping any one form fails this test.
  @Test(arguments: cases.filter { $0.form != nil }) func eachFormIsNeeded(_ c: Case) throws {
    let form = try #require(c.form)
    let without = redactor(c.secret, forms: RedactionForms.all.subtracting(form))
    let text = "x " + c.written + " y"
    #expect(without.string(text).contains(c.written), "\(c.name) is redacted even without its form")
  }

  /// Every form, the two base64 alphabets at each offset included, has a case only it finds.
  @Test func everyFormHasACaseOfItsOwn() {
    var alone: [RedactionForms] = []
    for c in Self.cases { if let f = c.form { alone.append(f) } }
    for form in [
      RedactionForms.percent, .backslash, .references, .base64, .base64url, .cutOff, .trimmed,
    ] {
      #expect(alone.contains(form), "no case needs only \(form)")
    }
    for offset in 0..<3 {
      for (alphabet, form) in [("base64 ", RedactionForms.base64), ("base64url ", .base64url)] {
        #expect(
          Self.cases.contains {
            $0.name.contains("\(alphabet)offset \(offset)") && $0.form == form
          },
          "\(alphabet)offset \(offset) has no case of its own")
      }
    }
  }

  @Test func redactedJSONStaysJSON() throws {
    let k = Self.key
    let texts = [
      "{\"a\":\"\\\\\(k)\"}", "{\"a\":\"\\\\u0073\(k.dropFirst())\"}",
      "{\"a\":\"\(Forms.jsonAll(k, upper: true))\"}",
      "{\"a\":\"x\\\"\(k)\\\"\"}",
    ]
    for t in texts {
      let out = redactor(k).string(t)
      #expect(!out.contains(k))
      #expect(throws: Never.self, "\(out) is not JSON") { try JSONParser.parse(Array(out.utf8)) }
    }
  }

  @Test func shortSecretsAreRedactedOnlyWhereTheyStandAlone() {
    let r = redactor("abc123")
    #expect(r.string("key=abc123; next") == "key=<redacted>; next")
    #expect(r.string("Bearer abc123") == "Bearer <redacted>")
    #expect(r.string("k=%61%62%63%31%32%33&x") == "k=<redacted>&x")
    #expect(r.string("xabc123 abc123x abc123-1") == "xabc123 abc123x abc123-1")
    #expect(r.string("YWJjMTIz") == "YWJjMTIz", "no base64 for a short secret")
  }

  @Test func severalSecretsAndOverlaps() {
    let r = Redactor(secrets: [
      Secret(Self.key, origin: "the key"), Secret("token-9f8e7d6c5b4a", origin: "--secret-env T"),
    ])
    let out = r.string("a \(Self.key) b token-9f8e7d6c5b4a c \(Self.key)token-9f8e7d6c5b4a d")
    #expect(out == "a <redacted> b <redacted> c <redacted> d")
    #expect(r.firstSecret(in: Array("x token-9f8e7d6c5b4a".utf8))?.origin == "--secret-env T")
  }

  @Test func excerptsAreRedactedBeforeTheyAreCut() throws {
    let k = Self.key
    for at in [480, 495, 500, 505, 510, 511] {
      let body = Array(
        (String(repeating: "a", count: at) + k + String(repeating: "b", count: 100)).utf8)
      let e = try #require(redactor(k).excerpt(body, limit: 512))
      #expect(Leaks.find(k, in: e).isEmpty, "cut at \(at): \(e)")
      #expect(
        !e.contains("<redac") || e.contains(Redactor.placeholder),
        "a placeholder is never cut: \(e)")
      #expect(e.hasSuffix("..."))
    }
    // The gateway cut the key itself: its start at the end of the body.
    let cut = Array(("error: bad key " + k.prefix(14)).utf8)
    #expect(redactor(k).excerpt(cut) == "error: bad key <redacted>")
  }

  @Test func streamsFindSecretsSplitBetweenPieces() {
    let k = Self.key
    let r = redactor(k)
    let filler = String(repeating: "lorem ipsum, ", count: 12_000)
    let text = Array(
      (filler + Forms.jsonMixed(k) + filler + k + filler
        + Forms.base64(Array(("x:" + k).utf8), url: false, padded: true) + filler).utf8)
    let whole = r.bytes(text)
    for piece in [1, 7, 1000, 65_537, 300_000] {
      var stream = r.stream()
      var out: [UInt8] = []
      var i = 0
      while i < text.count {
        out += stream.write(Array(text[i..<min(text.count, i + piece)])).bytes
        i += piece
      }
      out += stream.finish().bytes
      #expect(out == whole, "pieces of \(piece) bytes")
    }
    #expect(Leaks.find(k, in: String(decoding: whole, as: UTF8.self)).isEmpty)
  }

  @Test func hostileTextEnds() {
    // Backslashes and percent signs every reading of which fits: the search must stay bounded.
    let r = redactor(String(repeating: "\\", count: 20) + "%25%")
    let text = String(repeating: "\\\\\\u005c%25", count: 2000)
    _ = r.string(text)
    let r2 = redactor("%%%%%%%%%%%%")
    _ = r2.string(String(repeating: "%25%", count: 5000))
    // Long runs of escapes stay linear (a quadratic reading would take minutes here).
    let k = redactor(Self.key)
    for filler in ["\\", "%25", "&#", "+", "\\u0073"] {
      let big = String(repeating: filler, count: 200_000 / filler.count) + Self.key
      #expect(k.string(big).hasSuffix(Redactor.placeholder))
    }
    // Only the start of a huge body is read for its excerpt.
    let body =
      Array((String(repeating: "x", count: 100) + Self.key).utf8)
      + [UInt8](repeating: 0x5C, count: 5_000_000)
    #expect(k.excerpt(body, limit: 512)?.contains(Redactor.placeholder) == true)
  }

  @Test func nothingToRedactLeavesTextAlone() {
    let text = "plain text with \\u0041 escapes, %41 and &amp; references"
    #expect(Redactor(secrets: [Secret]()).string(text) == text)
    #expect(redactor(Self.key).string(text) == text)
  }
}
