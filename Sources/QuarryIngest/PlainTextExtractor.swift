/// Turns plain text (`.txt`, or a file that does not look like HTML) into title and body.
///
/// Hard-wrapped text — every line at most `wrapWidth` characters, as in READMEs and RFCs — is
/// prose broken for the terminal: its single newlines become spaces and blank lines separate
/// blocks. Otherwise (long lines: one paragraph per line, logs, lists) every line is a block.
/// Whitespace inside a block collapses to one space, as for HTML.
///
/// Cost: two passes over the lines, one output buffer.
enum PlainTextExtractor {
    /// Longest line, in characters, for text to count as hard-wrapped.
    static let wrapWidth = 100

    struct Result: Sendable, Equatable {
        /// The first non-empty line, whitespace-collapsed ("" for blank text).
        var title: String
        /// All text, title line included; blocks separated by `\n`.
        var body: String
    }

    static func extract(utf8: [UInt8]) -> Result {
        let lines = splitLines(utf8)
        let hardWrapped = lines.allSatisfy { characterCount($0) <= wrapWidth }
        var body = TextAccumulator()
        var title: String?
        for line in lines {
            if line.allSatisfy(\.isWhitespaceOrNBSPByte) {
                body.breakBlock()
                continue
            }
            if title == nil {
                var first = TextAccumulator()
                first.append(Array(line))
                title = first.string
            }
            if !hardWrapped { body.breakBlock() }
            body.append(Array(line))
            body.append([0x20])
        }
        return Result(title: title ?? "", body: body.string)
    }

    /// Lines split at LF, CRLF or a lone CR; the terminators are not included.
    static func splitLines(_ utf8: [UInt8]) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            if byte == 0x0A || byte == 0x0D {
                lines.append(utf8[start..<index])
                if byte == 0x0D, index + 1 < utf8.count, utf8[index + 1] == 0x0A { index += 1 }
                start = index + 1
            }
            index += 1
        }
        if start < utf8.count { lines.append(utf8[start...]) }
        return lines
    }

    /// Unicode scalars in the line, trailing whitespace excluded (continuation bytes not counted).
    private static func characterCount(_ line: ArraySlice<UInt8>) -> Int {
        var end = line.endIndex
        while end > line.startIndex, line[end - 1].isASCIIWhitespace { end -= 1 }
        return line[line.startIndex..<end].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
    }
}

private extension UInt8 {
    /// ASCII whitespace, or a byte of U+00A0 (`C2 A0`): enough to call a line blank.
    var isWhitespaceOrNBSPByte: Bool { isASCIIWhitespace || self == 0xC2 || self == 0xA0 }
}
