import ConformanceCore

extension ConsoleReport {
  /// The most lines of a body excerpt `--verbose` shows.
  static let bodyLineLimit = 20

  /// `--verbose`: each exchange as `> ` request and `< ` answer lines, indented under the scenario's line. The
  /// dumps are redacted already; control characters are shown escaped, so an answer cannot drive the terminal.
  public func exchanges(_ dumps: [ExchangeDump]) -> String {
    var out = ""
    for d in dumps {
      out +=
        "      "
        + paint("> \(Self.visible(d.request.method)) \(Self.visible(d.request.target))", 36)
        + "\n"
      for h in d.request.headers {
        out += "      " + paint("> \(Self.visible(h.name)): \(Self.visible(h.value))", 90) + "\n"
      }
      if d.request.bodyBytes > 0 {
        out +=
          "      " + paint("> (\(Wording.count(d.request.bodyBytes, "byte")) of body)", 90) + "\n"
      }
      let time = Wording.duration(d.latencyMs)
      guard let status = d.status else {
        out +=
          "      " + paint("< no answer after \(time): \(Self.visible(d.fault ?? "?"))", 33) + "\n"
        continue
      }
      out +=
        "      " + paint("< \(status) (\(time), \(Wording.count(d.bodyBytes, "byte")))", 36) + "\n"
      for h in d.headers {
        out += "      " + paint("< \(Self.visible(h.name)): \(Self.visible(h.value))", 90) + "\n"
      }
      if let excerpt = d.bodyExcerpt {
        let lines = excerpt.split(separator: "\n", omittingEmptySubsequences: false)
        for line in lines.prefix(Self.bodyLineLimit) {
          out +=
            "      " + paint("< " + Self.visible(String(line.filter { $0 != "\r" })), 90) + "\n"
        }
        if lines.count > Self.bodyLineLimit {
          out += "      " + paint("< ...", 90) + "\n"
        }
      }
      if let fault = d.fault {
        out +=
          "      " + paint("< the body did not arrive whole: \(Self.visible(fault))", 33) + "\n"
      }
    }
    return out
  }

  /// Text with every control character (C0, DEL, C1) written as `\u{XX}`.
  static func visible(_ s: String) -> String {
    guard s.unicodeScalars.contains(where: isControl) else { return s }
    var out = ""
    for u in s.unicodeScalars {
      if isControl(u) {
        out += "\\u{" + String(u.value, radix: 16, uppercase: true) + "}"
      } else {
        out.unicodeScalars.append(u)
      }
    }
    return out
  }

  static func isControl(_ u: Unicode.Scalar) -> Bool {
    u.value < 0x20 && u != "\t" || (0x7F...0x9F).contains(u.value)
  }
}
