/// Picks the words out of UAX #29 segments and notes block boundaries between them.
///
/// The segments are those of UAX #29 under Quarry's search tailoring (`WordBreakTable.search`):
/// `os.path.join`, `sys_call_table` and `std::move` are several words, `3.14` and `don't` one.
///
/// A word is a segment holding a letter, digit or ideograph (`WordSegmenter.Segment.isWord`);
/// spaces, punctuation and emoji segments are skipped. Ideographs and kana form one segment per
/// character under UAX #29, so CJK text yields one word per character. A line feed or U+2029 in
/// the skipped text between two words marks a block boundary (paragraph, list item, cell).
///
/// Two paths, one result: stretches of ASCII go through `ASCIIWordScanner` (the common case,
/// several times faster), the bytes around any non-ASCII character through the full
/// `WordSegmenter`. The text is cut only at safe points (`ASCIIWordScanner.isSafePoint`), where
/// both paths agree that a segment ends and nothing carries over, so the words, offsets and
/// boundary flags are exactly those of `forEachWordReference`, which segments everything fully.
enum Tokenizer {
    /// One word: bytes `start..<end` of the text.
    struct Word: Equatable {
        var start: Int
        var end: Int
        /// A block boundary was crossed since the previous word (or since the text's start).
        var afterBlockBoundary: Bool
    }

    /// The longest word indexed, in UTF-8 bytes. A longer "word" (a 1 MB run of letters, a
    /// base64 blob) is skipped: not indexed, not searchable, and it takes no position — so the
    /// index and the fold cache never hold giant terms, and a query analyzes the same way.
    /// 255 bytes is at least 63 characters, longer than any real word in any language.
    public static let maxWordBytes = 255

    /// Calls `body` for each word of `bytes` (valid UTF-8), skipping words longer than
    /// `maxWordBytes` (a skipped word's block boundary carries over to the next word).
    /// O(n), no allocation.
    static func forEachWord(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (Word) -> Void) {
        var carry = false
        forEachWordUnbounded(bytes) { w in
            if w.end - w.start > maxWordBytes {
                carry = carry || w.afterBlockBoundary
                return
            }
            if carry {
                var v = w
                v.afterBlockBoundary = true
                carry = false
                body(v)
            } else {
                body(w)
            }
        }
    }

    /// Every word, however long (the fast ASCII path plus the full UAX #29 segmenter).
    static func forEachWordUnbounded(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (Word) -> Void) {
        let scanner = ASCIIWordScanner.shared
        guard scanner.coversASCII else { return forEachWordReference(bytes, body) }
        scanner.flags.withUnsafeBufferPointer { flags in
            let n = bytes.count
            var sawBoundary = false
            var i = 0
            while i < n {
                let j = firstNonASCII(bytes, from: i)
                if j == n {
                    ASCIIWordScanner.forEachWord(bytes, i, n, flags, sawBoundary: &sawBoundary, body)
                    return
                }
                // Widen the non-ASCII character at `j` to the nearest safe points around it;
                // the ASCII before goes the fast way, the widened range the full way.
                var a = j
                while a > i && !scanner.isSafePoint(bytes, a, flags) { a -= 1 }
                var b = j + 1
                while b < n && !scanner.isSafePoint(bytes, b, flags) { b += 1 }
                ASCIIWordScanner.forEachWord(bytes, i, a, flags, sawBoundary: &sawBoundary, body)
                segmentWords(bytes, a, b, sawBoundary: &sawBoundary, body)
                i = b
            }
        }
    }

    /// The words of the whole text by full UAX #29 segmentation alone: the definition the fast
    /// path must reproduce (tests compare the two).
    static func forEachWordReference(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (Word) -> Void) {
        var sawBoundary = false
        segmentWords(bytes, 0, bytes.count, sawBoundary: &sawBoundary, body)
    }

    /// Words of `bytes[start..<end]` through `WordSegmenter`; `start` and `end` must be segment
    /// boundaries of the whole text that carry no state (text ends or safe points).
    private static func segmentWords(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int,
                                     sawBoundary: inout Bool, _ body: (Word) -> Void) {
        guard start < end else { return }
        var seen = sawBoundary
        WordSegmenter.forEachSegment(UnsafeBufferPointer(rebasing: bytes[start..<end]), table: .search) { segment in
            if segment.isWord {
                body(Word(start: start + segment.start, end: start + segment.end, afterBlockBoundary: seen))
                seen = false
            } else if segment.hasBlockBreak {
                seen = true
            }
        }
        sawBoundary = seen
    }

    /// Offset of the first byte ≥ 0x80 at or after `i`, or `bytes.count`. Tests eight bytes at
    /// a time, since ASCII runs are usually long.
    @inline(__always)
    private static func firstNonASCII(_ bytes: UnsafeBufferPointer<UInt8>, from i: Int) -> Int {
        let n = bytes.count
        var j = i
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while j + 8 <= n {
                if raw.loadUnaligned(fromByteOffset: j, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { break }
                j += 8
            }
        }
        while j < n && bytes[j] < 0x80 { j += 1 }
        return j
    }

    /// The words of `text` as byte ranges (a convenience for tests and tools).
    static func words(of text: String) -> [Word] {
        var text = text
        return text.withUTF8 { bytes in
            var result: [Word] = []
            forEachWord(bytes) { result.append($0) }
            return result
        }
    }

    /// `words(of:)` by the reference path (for tests).
    static func referenceWords(of text: String) -> [Word] {
        var text = text
        return text.withUTF8 { bytes in
            var result: [Word] = []
            forEachWordReference(bytes) { result.append($0) }
            return result
        }
    }
}
