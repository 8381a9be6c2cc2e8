/// Splits text into words and reports block boundaries (newlines).
///
/// A word is a run of letters, digits and combining marks; an apostrophe between two letters
/// stays inside the word. Each CJK ideograph is a word of its own.
struct Tokenizer {
    struct Piece {
        var range: Range<String.Index>
        var start: Int
        var end: Int
        /// A newline was crossed since the previous word.
        var afterBlockBoundary: Bool
    }

    static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII {
            let v = s.value
            return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
        }
        let p = s.properties
        return p.isAlphabetic || p.numericType != nil || p.generalCategory == .nonspacingMark
            || p.generalCategory == .spacingMark
    }

    static func isIdeograph(_ s: Unicode.Scalar) -> Bool {
        s.value >= 0x2E80 && s.properties.isIdeographic
    }

    static func pieces(of text: String, _ body: (Piece) -> Void) {
        let scalars = text.unicodeScalars
        var i = scalars.startIndex
        var sawBoundary = false
        while i < scalars.endIndex {
            let s = scalars[i]
            if !isWordScalar(s) {
                if s == "\n" || s == "\u{2029}" { sawBoundary = true }
                i = scalars.index(after: i)
                continue
            }
            let start = i
            if isIdeograph(s) {
                i = scalars.index(after: i)
            } else {
                while i < scalars.endIndex {
                    let c = scalars[i]
                    if isWordScalar(c) && !isIdeograph(c) { i = scalars.index(after: i); continue }
                    if c == "'" || c == "\u{2019}" {
                        let next = scalars.index(after: i)
                        if next < scalars.endIndex, scalars[next].properties.isAlphabetic { i = next; continue }
                    }
                    break
                }
            }
            let startOffset = text.utf8.distance(from: text.utf8.startIndex, to: start)
            let endOffset = startOffset + text.utf8.distance(from: start, to: i)
            body(Piece(range: start..<i, start: startOffset, end: endOffset, afterBlockBoundary: sawBoundary))
            sawBoundary = false
        }
    }
}
