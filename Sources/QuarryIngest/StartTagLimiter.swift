#if canImport(Glibc)
import Glibc
#endif

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
        // First pass (the common case: nothing to cut) over raw memory, jumping from `<` to `<`
        // with memchr; a second pass rewrites only when some tag is over the limit.
        let cuts: [(cut: Int, end: Int)] = utf8.withUnsafeBufferPointer { buf in
            guard let base = buf.baseAddress else { return [] }
            return overLongTags(base, buf.count, maxAttributes: maxAttributes)
        }
        guard !cuts.isEmpty else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var copiedThrough = 0
        for (cut, end) in cuts {
            out.append(contentsOf: utf8[copiedThrough..<cut])
            out.append(UInt8(ascii: ">"))
            copiedThrough = min(end + 1, utf8.count)  // resume after the original `>` (or at the end)
        }
        if copiedThrough < utf8.count { out.append(contentsOf: utf8[copiedThrough..<utf8.count]) }
        return out
    }

    /// For each start tag with more than `maxAttributes` attributes: where the first attribute
    /// over the limit starts, and where the tag ends.
    private static func overLongTags(_ p: UnsafePointer<UInt8>, _ n: Int, maxAttributes: Int) -> [(cut: Int, end: Int)] {
        var found: [(cut: Int, end: Int)] = []
        var i = 0
        while i < n {
            guard let hit = memchr(p + i, Int32(UInt8(ascii: "<")), n - i) else { break }
            i = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - p
            guard i + 1 < n, isASCIILetter(p[i + 1]) else {
                i += 1
                continue
            }
            // In a start tag: skip the name, then count attributes until `>`.
            var j = i + 1
            while j < n, !isSpace(p[j]), p[j] != UInt8(ascii: ">") { j += 1 }
            var attributes = 0
            var quote: UInt8 = 0
            var afterSpace = true
            var cut = -1  // index where the attribute over the limit starts
            while j < n {
                let c = p[j]
                if quote != 0 {
                    if c == quote { quote = 0 }
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
                        if attributes > maxAttributes, cut < 0 { cut = j }
                    }
                    afterSpace = false
                }
                j += 1
            }
            if cut >= 0 { found.append((cut, j)) }
            i = max(j, i + 1)
        }
        return found
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
