/// Serializes `JSONValue`s: compact, pretty (two-space indent, member order kept) or canonical.
///
/// Canonical form sorts object members by key and uses no whitespace; two bodies are the same request body
/// exactly when their canonical forms are equal, which is how fixtures are matched.
public enum JSONWriter {
    public enum Style: Sendable {
        case compact
        case pretty
        case canonical
    }

    public static func string(_ value: JSONValue, style: Style = .compact) -> String {
        var out = ""
        out.reserveCapacity(256)
        write(value, style: style, indent: 0, into: &out)
        if style == .pretty { out.append("\n") }
        return out
    }

    public static func bytes(_ value: JSONValue, style: Style = .compact) -> [UInt8] {
        Array(string(value, style: style).utf8)
    }

    public static func write(_ value: JSONValue, style: Style, indent: Int, into out: inout String) {
        switch value {
        case .null: out.append("null")
        case .bool(let b): out.append(b ? "true" : "false")
        case .number(let n): out.append(formatNumber(n))
        case .string(let s): appendQuoted(s, to: &out)
        case .array(let a):
            if a.isEmpty {
                out.append("[]")
                return
            }
            out.append("[")
            for (i, v) in a.enumerated() {
                if i > 0 { out.append(",") }
                if style == .pretty { newline(indent + 1, &out) }
                write(v, style: style, indent: indent + 1, into: &out)
            }
            if style == .pretty { newline(indent, &out) }
            out.append("]")
        case .object(let o):
            if o.isEmpty {
                out.append("{}")
                return
            }
            out.append("{")
            let members = style == .canonical ? o.members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) } : o.members
            for (i, m) in members.enumerated() {
                if i > 0 { out.append(",") }
                if style == .pretty { newline(indent + 1, &out) }
                appendQuoted(m.key, to: &out)
                out.append(style == .pretty ? ": " : ":")
                write(m.value, style: style, indent: indent + 1, into: &out)
            }
            if style == .pretty { newline(indent, &out) }
            out.append("}")
        }
    }

    private static func newline(_ indent: Int, _ out: inout String) {
        out.append("\n")
        for _ in 0..<indent { out.append("  ") }
    }

    /// Integers print without a fraction; other numbers use the shortest form that reads back exactly.
    public static func formatNumber(_ n: Double) -> String {
        if n.rounded() == n, abs(n) < 9.0e15 {
            return String(Int64(n))
        }
        return "\(n)"
    }

    public static func quoted(_ s: String) -> String {
        var out = ""
        appendQuoted(s, to: &out)
        return out
    }

    public static func appendQuoted(_ s: String, to out: inout String) {
        out.append("\"")
        var needsEscape = false
        for b in s.utf8 where b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") {
            needsEscape = true
            break
        }
        if !needsEscape {
            out.append(s)
            out.append("\"")
            return
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out.append("\\\"")
            case "\\": out.append("\\\\")
            case "\n": out.append("\\n")
            case "\r": out.append("\\r")
            case "\t": out.append("\\t")
            case "\u{08}": out.append("\\b")
            case "\u{0C}": out.append("\\f")
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out.append("\"")
    }
}
