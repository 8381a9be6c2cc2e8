/// The tokenizer's fast path: UAX #29 words of pure-ASCII text, without the general segmenter.
///
/// Why: almost all indexed text is ASCII, and for ASCII the word-break rules collapse to a few
/// byte classes with no ignorable characters (WB4 never applies), no Hebrew, Katakana or
/// regional indicators, and a look-ahead of exactly one byte. A flag-per-byte table and a tight
/// loop then find the same words as `WordSegmenter` at a fraction of the cost: no scalar
/// decoding, no two-stage table lookup, and non-word segments (spaces, punctuation) are skipped
/// instead of being reported and filtered.
///
/// What it may be given is decided by `Tokenizer.forEachWord`: ranges of ASCII bytes that start
/// and end at "safe points" (see `isSafePoint`), where the full segmenter is known to break and
/// to carry no state across, so the words found here are exactly the words the full segmenter
/// finds in the same bytes of the whole text. `TokenizerEquivalenceTests` checks this.
struct ASCIIWordScanner: Sendable {
    // Byte flags. A byte has at most one of letter/digit/connector; the "mid" flags say which
    // rules a punctuation byte can join under.
    /// ALetter (A–Z, a–z).
    static let letter: UInt8 = 0x01
    /// Numeric (0–9).
    static let digit: UInt8 = 0x02
    /// ExtendNumLet: joins letters, digits and itself (WB13a, WB13b). None in ASCII under the
    /// search tailoring (`_` is Other there).
    static let connector: UInt8 = 0x04
    /// Joins two letters (WB6, WB7): MidLetter, MidNumLet, Single_Quote `'` (under the search
    /// tailoring only the quote: `.` is MidNum and `:` Other there).
    static let midLetter: UInt8 = 0x08
    /// Joins two digits (WB11, WB12): MidNum `,` `;`, MidNumLet `.`, Single_Quote `'`.
    static let midNum: UInt8 = 0x10
    /// Line feed: a block boundary for the tokenizer.
    static let lineFeed: UInt8 = 0x20
    /// CR, LF, VT, FF (WB3a, WB3b) and space (WSegSpace): always a boundary against a
    /// neighbouring ASCII non-space byte.
    static let space: UInt8 = 0x40
    /// Not handled here: bytes ≥ 0x80 (and any ASCII byte whose class the rules above do not
    /// cover, should the Unicode data ever assign one).
    static let foreign: UInt8 = 0x80

    static let wordStart: UInt8 = letter | digit | connector
    static let alphanumeric: UInt8 = letter | digit

    static let shared = ASCIIWordScanner(table: .search)

    /// Flags of each byte value.
    let flags: [UInt8]
    /// Every ASCII byte has a class the fast path models; if not, the tokenizer must not use it.
    let coversASCII: Bool

    /// Derives the byte flags from the Word_Break classes of `table`, so the fast path follows
    /// the same Unicode data as the full segmenter.
    init(table: WordBreakTable) {
        typealias T = WordBreakTable
        var flags = [UInt8](repeating: Self.foreign, count: 256)
        var covers = true
        for byte in 0..<128 {
            let value = table.ascii[byte]
            let f: UInt8
            switch value {
            case T.aLetter: f = Self.letter
            case T.numeric: f = Self.digit
            case T.extendNumLet: f = Self.connector
            case T.midLetter: f = Self.midLetter
            case T.midNum: f = Self.midNum
            case T.midNumLet, T.singleQuote: f = Self.midLetter | Self.midNum
            case T.lf: f = Self.space | Self.lineFeed
            case T.cr, T.newline, T.wSegSpace: f = Self.space
            // Without Hebrew letters a double quote joins nothing (WB7b, WB7c), like Other.
            case T.other, T.doubleQuote: f = 0
            default: f = Self.foreign; covers = false
            }
            flags[byte] = f
        }
        self.flags = flags
        self.coversASCII = covers
    }

    /// Whether the full segmenter certainly breaks at `p` (0 < p < count) and carries nothing
    /// across it: both neighbours are ASCII and exactly one is a space/line-break byte.
    ///
    /// Why that suffices: before CR/LF/VT/FF WB3b breaks, after them WB3a; a space and a
    /// following non-space ASCII byte can only be held together by WB3d or WB4, which need a
    /// space or an Extend/Format/ZWJ character on the right; nothing but WB3d holds a space to
    /// the character before it. Nor does either side see past `p`: the rules that look two
    /// characters back (WB7, WB7c, WB11) do so only across a mid-word punctuation character,
    /// never across a space or line break, and the look-ahead of WB6, WB7b and WB12 stops at
    /// the first non-ignorable character, which at the latest is the byte just after `p`.
    @inline(__always)
    func isSafePoint(_ bytes: UnsafeBufferPointer<UInt8>, _ p: Int, _ flags: UnsafeBufferPointer<UInt8>) -> Bool {
        let l = flags[Int(bytes[p - 1])], r = flags[Int(bytes[p])]
        return (l | r) & Self.foreign == 0 && (l ^ r) & Self.space != 0
    }

    /// Calls `body` with the words in `bytes[start..<end]`, which must be ASCII and bounded by
    /// safe points (or the text's ends). `sawBoundary` carries the tokenizer's block-boundary
    /// flag in and out: it is set by a line feed and cleared by each reported word.
    @inline(__always)
    static func forEachWord(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int,
                            _ flags: UnsafeBufferPointer<UInt8>, sawBoundary: inout Bool,
                            _ body: (Tokenizer.Word) -> Void) {
        var p = start
        while p < end {
            let first = flags[Int(bytes[p])]
            if first & wordStart == 0 {
                // Space, punctuation or other: a segment of its own, never a word.
                if first & lineFeed != 0 { sawBoundary = true }
                p += 1
                continue
            }
            let wordStart = p
            var isWord = first & alphanumeric != 0
            var last = first
            p += 1
            while p < end {
                let f = flags[Int(bytes[p])]
                // WB5, WB8, WB9, WB10, WB13a, WB13b: letters, digits and `_` all join one another.
                if f & Self.wordStart != 0 {
                    isWord = isWord || f & alphanumeric != 0
                    last = f
                    p += 1
                    continue
                }
                // WB6/WB7 (letter · mid · letter) and WB11/WB12 (digit · mid · digit): the byte
                // after the punctuation decides, and both joins happen together.
                guard p + 1 < end else { break }
                let next = flags[Int(bytes[p + 1])]
                let joinsLetters = last & letter != 0 && f & midLetter != 0 && next & letter != 0
                let joinsDigits = last & digit != 0 && f & midNum != 0 && next & digit != 0
                guard joinsLetters || joinsDigits else { break }
                last = next
                p += 2
            }
            if isWord {
                body(Tokenizer.Word(start: wordStart, end: p, afterBlockBoundary: sawBoundary))
                sawBoundary = false
            }
        }
    }
}
