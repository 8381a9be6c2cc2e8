/// Reading and writing one JSON string literal (RFC 8259 §7), for `fix-text --json` lines.
///
/// Why not Foundation's JSON: each line is a bare string, and we need exact control over
/// escaping (U+2028/U+2029 escaped so the output is also valid JavaScript). Lone surrogate
/// escapes decode to U+FFFD rather than failing. Cost: O(n).
public enum JSONStringLiteral {
    public struct SyntaxError: Error, Equatable, CustomStringConvertible {
        /// Offset in Unicode scalars from the start of the line.
        public var offset: Int
        public var reason: String
        public var description: String { "\(reason) at character \(offset + 1)" }
    }

    /// Parses `text` (optional surrounding whitespace) as one JSON string literal.
    public static func parse(_ text: String) throws(SyntaxError) -> String {
        let s = Array(text.unicodeScalars)
        var i = 0
        while i < s.count, s[i] == " " || s[i] == "\t" || s[i] == "\r" { i += 1 }
        guard i < s.count, s[i] == "\"" else { throw SyntaxError(offset: i, reason: "expected '\"'") }
        i += 1
        var out = String.UnicodeScalarView()
        var pendingHigh: UInt32?
        func flushHigh() { if pendingHigh != nil { out.append("\u{FFFD}"); pendingHigh = nil } }
        while true {
            guard i < s.count else { throw SyntaxError(offset: i, reason: "unterminated string") }
            let c = s[i]
            if c == "\"" { break }
            if c.value < 0x20 { throw SyntaxError(offset: i, reason: "unescaped control character") }
            guard c == "\\" else { flushHigh(); out.append(c); i += 1; continue }
            guard i + 1 < s.count else { throw SyntaxError(offset: i, reason: "unterminated escape") }
            let e = s[i + 1]
            i += 2
            let simple: Unicode.Scalar?
            switch e {
            case "\"": simple = "\""
            case "\\": simple = "\\"
            case "/": simple = "/"
            case "b": simple = "\u{8}"
            case "f": simple = "\u{C}"
            case "n": simple = "\n"
            case "r": simple = "\r"
            case "t": simple = "\t"
            case "u": simple = nil
            default: throw SyntaxError(offset: i - 1, reason: "invalid escape '\\\(e)'")
            }
            if let simple { flushHigh(); out.append(simple); continue }
            guard i + 4 <= s.count, let v = UInt32(String(String.UnicodeScalarView(s[i..<i + 4])), radix: 16),
                  s[i..<i + 4].allSatisfy(\.properties.isASCIIHexDigit) else {
                throw SyntaxError(offset: i, reason: "expected four hex digits after \\u")
            }
            i += 4
            if (0xD800...0xDBFF).contains(v) {
                flushHigh()
                pendingHigh = v
            } else if (0xDC00...0xDFFF).contains(v), let high = pendingHigh {
                pendingHigh = nil
                out.append(Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (v - 0xDC00)) ?? "\u{FFFD}")
            } else {
                flushHigh()
                out.append(Unicode.Scalar(v) ?? "\u{FFFD}")
            }
        }
        flushHigh()
        i += 1
        while i < s.count, s[i] == " " || s[i] == "\t" || s[i] == "\r" { i += 1 }
        guard i == s.count else { throw SyntaxError(offset: i, reason: "unexpected text after the string") }
        return String(out)
    }

    /// `text` as a JSON string literal: `"`, `\`, controls, U+2028 and U+2029 escaped; all
    /// other characters written as themselves (UTF-8).
    public static func encode(_ text: String) -> String {
        var out = "\""
        for c in text.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if c.value < 0x20 || c.value == 0x7F || c.value == 0x2028 || c.value == 0x2029 {
                    let hex = String(c.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        return out + "\""
    }
}
