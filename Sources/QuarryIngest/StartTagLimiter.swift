/// Drops the excess attributes of start tags that carry absurdly many, before libxml2 sees them.
///
/// Why: libxml2 (2.9.x) checks each attribute of a start tag against all earlier ones for
/// duplicates, which is quadratic — one hostile `<p a0=… a1=… … a99999=…>` costs libxml2 about
/// 20 s of CPU. No real page has more than a few dozen attributes on one element, and the text
/// collector reads only a handful of them, so attributes past `maxAttributes` are removed (the tag
/// is closed right after the last one kept); everything else passes through byte for byte.
///
/// The scan follows the HTML tokenizer closely enough for this purpose: a tag starts at `<`
/// followed by an ASCII letter and ends at the first `>` outside a quoted attribute value; an
/// attribute starts at each non-space character that follows whitespace (or the tag name)
/// outside quotes, so `a = "b"` may count as several — the limit is generous.
///
/// Cost: one pass over the bytes; no allocation unless a tag is over the limit.
enum StartTagLimiter {
    static let maxAttributes = 1024

    /// `utf8` with over-long start tags cut down, or nil when nothing needed changing.
    static func limit(_ utf8: [UInt8], maxAttributes: Int = maxAttributes) -> [UInt8]? {
        var output: [UInt8]? = nil
        var copiedThrough = 0  // bytes of `utf8` before this index are already in `output`
        var i = 0
        let n = utf8.count
        while i < n {
            guard utf8[i] == UInt8(ascii: "<"), i + 1 < n, isASCIILetter(utf8[i + 1]) else {
                i += 1
                continue
            }
            // In a start tag: skip the name, then count attributes until `>`.
            var j = i + 1
            while j < n, !isSpace(utf8[j]), utf8[j] != UInt8(ascii: ">") { j += 1 }
            var attributes = 0
            var quote: UInt8? = nil
            var afterSpace = true
            var cut: Int? = nil  // index where the attribute over the limit starts
            while j < n {
                let c = utf8[j]
                if let q = quote {
                    if c == q { quote = nil }
                } else if c == UInt8(ascii: ">") {
                    break
                } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                    quote = c
                    afterSpace = false
                } else if isSpace(c) {
                    afterSpace = true
                } else {
                    if afterSpace, c != UInt8(ascii: "="), c != UInt8(ascii: "/") {
                        attributes += 1
                        if attributes > maxAttributes, cut == nil { cut = j }
                    }
                    afterSpace = false
                }
                j += 1
            }
            if let cut {
                var out = output ?? []
                if output == nil { out.reserveCapacity(n) }
                out.append(contentsOf: utf8[copiedThrough..<cut])
                out.append(UInt8(ascii: ">"))
                output = out
                copiedThrough = min(j + 1, n)  // resume after the original `>` (or at the end)
            }
            i = max(j, i + 1)
        }
        guard var out = output else { return nil }
        if copiedThrough < n { out.append(contentsOf: utf8[copiedThrough..<n]) }
        return out
    }

    @inline(__always)
    private static func isASCIILetter(_ c: UInt8) -> Bool {
        (c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "z")
    }

    @inline(__always)
    private static func isSpace(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0C || c == 0x0D
    }
}
