/// A growing UTF-8 text with HTML whitespace rules applied as bytes arrive.
///
/// Runs of whitespace collapse to one space; `breakBlock()` requests a line break (`\n`) at the
/// next visible character. Pending separators are only written before visible text, so the result
/// never starts or ends with a separator and never holds `\n\n` or `" \n"`. U+00A0 (no-break
/// space) counts as whitespace: for search it separates words like a space does.
///
/// Cost: O(1) amortized per byte, no `String` until `string` is read; appends go straight into
/// one `[UInt8]`, so the SAX text path allocates only when that buffer grows.
struct TextAccumulator {
    private(set) var bytes: [UInt8] = []
    private var pendingSpace = false
    private var pendingBreak = false

    var isEmpty: Bool { bytes.isEmpty }

    /// The text so far. Input is valid UTF-8 (decoded by us, passed through libxml2), so this
    /// `String` creation only validates.
    var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Asks for a block boundary before the next visible text.
    mutating func breakBlock() {
        pendingBreak = true
    }

    /// Appends text. With `preformatted`, line feeds are block boundaries instead of spaces
    /// (so `<pre>` code keeps its lines) while other whitespace still collapses.
    mutating func append(_ text: Span<UInt8>, preformatted: Bool = false) {
        text.withUnsafeBufferPointer { buffer in
            let count = buffer.count
            var index = 0
            while index < count {
                let byte = buffer[index]
                if byte.isASCIIWhitespace {
                    if preformatted && byte == 0x0A { pendingBreak = true } else { pendingSpace = true }
                    index += 1
                    continue
                }
                if byte == 0xC2, index + 1 < count, buffer[index + 1] == 0xA0 {
                    pendingSpace = true
                    index += 2
                    continue
                }
                // A visible run: one separator (if pending) and one bulk copy, not a check and an
                // append per byte.
                writeSeparator()
                var end = index + 1
                while end < count {
                    let b = buffer[end]
                    if b.isASCIIWhitespace || (b == 0xC2 && end + 1 < count && buffer[end + 1] == 0xA0) { break }
                    end += 1
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[index..<end]))
                index = end
            }
        }
    }

    /// Appends text held in an array (plain-text path, tests).
    mutating func append(_ text: [UInt8], preformatted: Bool = false) {
        append(text.span, preformatted: preformatted)
    }

    @inline(__always)
    private mutating func writeSeparator() {
        if pendingBreak || pendingSpace {
            if !bytes.isEmpty { bytes.append(pendingBreak ? 0x0A : 0x20) }
            pendingBreak = false
            pendingSpace = false
        }
    }
}
