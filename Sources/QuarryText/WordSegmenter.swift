/// UAX #29 word segmentation (Unicode 15.0 rules WB1–WB999) over UTF-8 bytes.
///
/// Why bytes: the index ingests tens of megabytes per build, so the segmenter decodes scalars
/// from the String's contiguous UTF-8 storage itself, keeps only a handful of class values as
/// state, and reports segments as byte ranges — no per-character String or index objects.
/// Cost: O(n) in the text's bytes, one table lookup per scalar, plus a short look-ahead for the
/// rules that need the next non-ignorable character (WB6, WB7b, WB12).
///
/// The segmentation itself follows the standard exactly (it passes every line of
/// WordBreakTest.txt); which segments count as words is decided by the caller through `isWord`.
struct WordSegmenter {
    /// One segment: bytes `start..<end` of the text.
    struct Segment {
        var start: Int
        var end: Int
        /// Holds a letter, digit, ideograph or other word character (not just punctuation/space).
        var isWord: Bool
        /// Holds a line feed or PARAGRAPH SEPARATOR, the analyzer's block boundaries.
        var hasBlockBreak: Bool
    }

    private typealias T = WordBreakTable

    /// Calls `body` with every segment of `bytes` (valid UTF-8), in order, covering all bytes.
    /// `table` gives the Word_Break classes: the published ones, or a tailoring (`.search`).
    static func forEachSegment(_ bytes: UnsafeBufferPointer<UInt8>, table: WordBreakTable = .shared,
                               _ body: (Segment) -> Void) {
        let n = bytes.count
        guard n > 0 else { return }
        let (first, firstLength) = UTF8Scalars.decode(bytes, at: 0)
        let firstValue = table.value(first)
        var prevRaw = firstValue & T.classMask     // class of the scalar just before `i`
        var prev = prevRaw                         // last class not absorbed by WB4
        var prevPrev: UInt8 = 0xFF                 // the one before `prev` (0xFF: none)
        var regionalRun = prev == T.regionalIndicator ? 1 : 0
        var segment = Segment(start: 0, end: 0, isWord: isWordValue(firstValue),
                              hasBlockBreak: first == 0x0A || first == 0x2029)
        var i = firstLength
        while i < n {
            let (scalar, length) = UTF8Scalars.decode(bytes, at: i)
            let value = table.value(scalar)
            let k = value & T.classMask
            let ignorable = k == T.extend || k == T.format || k == T.zwj
            let afterLineBreak = prevRaw == T.cr || prevRaw == T.lf || prevRaw == T.newline
            let breaks: Bool
            if prevRaw == T.cr && k == T.lf { breaks = false }                              // WB3
            else if afterLineBreak { breaks = true }                                        // WB3a
            else if k == T.cr || k == T.lf || k == T.newline { breaks = true }              // WB3b
            else if prevRaw == T.zwj && value & T.extendedPictographic != 0 { breaks = false } // WB3c
            else if prevRaw == T.wSegSpace && k == T.wSegSpace { breaks = false }           // WB3d
            else if ignorable { breaks = false }                                            // WB4
            else {
                breaks = !joins(prevPrev, prev, k, regionalRun: regionalRun) {
                    nextClass(bytes, after: i + length, table: table)
                }
            }
            if breaks {
                segment.end = i
                body(segment)
                segment = Segment(start: i, end: i, isWord: false, hasBlockBreak: false)
            }
            if isWordValue(value) { segment.isWord = true }
            if scalar == 0x0A || scalar == 0x2029 { segment.hasBlockBreak = true }
            if ignorable && !afterLineBreak {
                prevRaw = k                      // WB4: absorbed into the preceding character
            } else {
                prevPrev = prev
                prev = k
                prevRaw = k
                regionalRun = k == T.regionalIndicator ? regionalRun + 1 : 0
            }
            i += length
        }
        segment.end = n
        body(segment)
    }

    /// Byte offsets of all boundaries, including 0 and `count` (for tests and tools).
    static func boundaries(_ bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
        var result = [0]
        forEachSegment(bytes) { result.append($0.end) }
        return bytes.isEmpty ? [0] : result
    }

    @inline(__always)
    static func isWordValue(_ value: UInt8) -> Bool {
        let k = value & T.classMask
        return k == T.aLetter || k == T.numeric || k == T.hebrewLetter || k == T.katakana
            || value & T.otherWordCharacter != 0
    }

    @inline(__always)
    private static func isAHLetter(_ k: UInt8) -> Bool { k == T.aLetter || k == T.hebrewLetter }

    @inline(__always)
    private static func isMidNumLetQ(_ k: UInt8) -> Bool { k == T.midNumLet || k == T.singleQuote }

    /// Rules WB5–WB16: whether the characters of classes `l` (preceded by `ll`) and `k` stay
    /// together. `next` gives the class of the first non-ignorable character after `k`.
    @inline(__always)
    private static func joins(_ ll: UInt8, _ l: UInt8, _ k: UInt8, regionalRun: Int,
                              next: () -> UInt8) -> Bool {
        if isAHLetter(l) {
            if isAHLetter(k) || k == T.numeric || k == T.extendNumLet { return true }        // WB5, WB9, WB13a
            if l == T.hebrewLetter && k == T.singleQuote { return true }                    // WB7a
            if k == T.midLetter || isMidNumLetQ(k) {
                if isAHLetter(next()) { return true }                                       // WB6
            }
            if l == T.hebrewLetter && k == T.doubleQuote && next() == T.hebrewLetter { return true } // WB7b
            return false
        }
        if l == T.numeric {
            if k == T.numeric || isAHLetter(k) || k == T.extendNumLet { return true }        // WB8, WB10, WB13a
            if (k == T.midNum || isMidNumLetQ(k)) && next() == T.numeric { return true }   // WB12
            return false
        }
        if (l == T.midLetter || isMidNumLetQ(l)) && isAHLetter(ll) && isAHLetter(k) { return true } // WB7
        if l == T.doubleQuote && ll == T.hebrewLetter && k == T.hebrewLetter { return true }        // WB7c
        if (l == T.midNum || isMidNumLetQ(l)) && ll == T.numeric && k == T.numeric { return true }  // WB11
        if l == T.katakana { return k == T.katakana || k == T.extendNumLet }                 // WB13, WB13a
        if l == T.extendNumLet {
            return isAHLetter(k) || k == T.numeric || k == T.katakana || k == T.extendNumLet  // WB13a, WB13b
        }
        if l == T.regionalIndicator && k == T.regionalIndicator { return regionalRun % 2 == 1 } // WB15, WB16
        return false
    }

    /// Class of the first scalar at or after byte `i` that WB4 would not absorb; 0xFF at the end.
    private static func nextClass(_ bytes: UnsafeBufferPointer<UInt8>, after i: Int, table: WordBreakTable) -> UInt8 {
        var j = i
        while j < bytes.count {
            let (scalar, length) = UTF8Scalars.decode(bytes, at: j)
            let k = table.value(scalar) & T.classMask
            if k != T.extend && k != T.format && k != T.zwj { return k }
            j += length
        }
        return 0xFF
    }
}
