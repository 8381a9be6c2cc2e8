/// Picks the words out of UAX #29 segments and notes block boundaries between them.
///
/// A word is a segment holding a letter, digit or ideograph (`WordSegmenter.Segment.isWord`);
/// spaces, punctuation and emoji segments are skipped. Ideographs and kana form one segment per
/// character under UAX #29, so CJK text yields one word per character. A line feed or U+2029 in
/// the skipped text between two words marks a block boundary (paragraph, list item, cell).
enum Tokenizer {
    /// One word: bytes `start..<end` of the text.
    struct Word {
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
    /// `maxWordBytes`. O(n), no allocation.
    static func forEachWord(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (Word) -> Void) {
        var sawBoundary = false
        WordSegmenter.forEachSegment(bytes) { segment in
            if segment.isWord {
                guard segment.end - segment.start <= maxWordBytes else { return }
                body(Word(start: segment.start, end: segment.end, afterBlockBoundary: sawBoundary))
                sawBoundary = false
            } else if segment.hasBlockBreak {
                sawBoundary = true
            }
        }
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
}
