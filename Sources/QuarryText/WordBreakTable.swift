/// The UAX #29 Word_Break class of every Unicode scalar, plus two flags, in a two-stage table.
///
/// Why two stages: a flat byte per code point costs 1.1 MB; sharing identical 256-scalar blocks
/// brings it to a few tens of KB that stay in cache. Built once (lazily, thread-safe through the
/// `static let`) from the generated `wordBreakRanges`; a lookup is two array reads, and ASCII
/// has its own 128-entry table for the tokenizer's fast path.
struct WordBreakTable: Sendable {
    // Word_Break classes, numbered as in scripts/gen-wordbreak-table.
    static let other: UInt8 = 0, cr: UInt8 = 1, lf: UInt8 = 2, newline: UInt8 = 3
    static let extend: UInt8 = 4, zwj: UInt8 = 5, regionalIndicator: UInt8 = 6, format: UInt8 = 7
    static let katakana: UInt8 = 8, hebrewLetter: UInt8 = 9, aLetter: UInt8 = 10
    static let singleQuote: UInt8 = 11, doubleQuote: UInt8 = 12, midNumLet: UInt8 = 13
    static let midLetter: UInt8 = 14, midNum: UInt8 = 15, numeric: UInt8 = 16
    static let extendNumLet: UInt8 = 17, wSegSpace: UInt8 = 18

    /// Mask of the class bits in a table value.
    static let classMask: UInt8 = 0x1F
    /// Flag: the scalar is Extended_Pictographic (rule WB3c).
    static let extendedPictographic: UInt8 = 0x20
    /// Flag: a letter or digit whose class is Other (ideograph, kana, Thai …); its segment is a word.
    static let otherWordCharacter: UInt8 = 0x40

    /// UAX #29 as published (what `WordBreakConformanceTests` checks).
    static let shared = WordBreakTable(ranges: wordBreakRanges)

    /// The tokenizer's tailoring of UAX #29 for search: identifiers and dotted names split into
    /// their parts, so `join` finds `os.path.join`, `call` finds `sys_call_table` and `example`
    /// finds `www.example.com`, as in Lucene's word-delimiter filter or Tantivy's tokenizer.
    ///
    /// Why a tailored table rather than a filter after segmentation: both tokenizer paths (the
    /// ASCII fast path derives its byte flags from the table) then split identically, and the
    /// rules engine stays the published one. The changes, each the smallest that does it:
    /// - full stops (`.`, U+2024, U+FE52, U+FF0E) become MidNum: they still join digits
    ///   (`3.14`, `2.6.32`) but no longer letters (WB6/WB7);
    /// - colons (`:`, U+FE13, U+FE55, U+FF1A) become Other: `std::vector`, `mailto:x` split;
    /// - ExtendNumLet (`_`, U+203F, …) becomes Other: `sys_call_table` splits, `__init__` is `init`.
    /// Apostrophes (`don't`, `l'homme`, U+2019) and the middle dot (Catalan `l·l`) still join
    /// letters: they sit inside real words, where splitting would make stems of fragments.
    static let search = WordBreakTable(ranges: wordBreakRanges, overrides: [
        (0x2E, midNum), (0x2024, midNum), (0xFE52, midNum), (0xFF0E, midNum),
        (0x3A, other), (0xFE13, other), (0xFE55, other), (0xFF1A, other),
    ], extendNumLetBecomes: other)

    let ascii: [UInt8]
    private let stage1: [UInt16]
    private let stage2: [UInt8]

    /// `overrides` replace the class (keeping the flags) of single scalars; `extendNumLetBecomes`,
    /// when given, replaces the class of every ExtendNumLet scalar.
    init(ranges: String, overrides: [(scalar: UInt32, wordBreakClass: UInt8)] = [],
         extendNumLetBecomes: UInt8? = nil) {
        var flat = [UInt8](repeating: 0, count: 0x110000)
        for line in ranges.utf8.split(separator: UInt8(ascii: "\n")) {
            let fields = line.split(separator: UInt8(ascii: " ")).map { Self.hex($0) }
            guard fields.count == 3, fields[0] <= fields[1], fields[1] < 0x110000 else { continue }
            var value = UInt8(truncatingIfNeeded: fields[2])
            if let replacement = extendNumLetBecomes, value & Self.classMask == Self.extendNumLet {
                value = value & ~Self.classMask | replacement
            }
            for c in Int(fields[0])...Int(fields[1]) { flat[c] = value }
        }
        for (scalar, wordBreakClass) in overrides where scalar < 0x110000 {
            flat[Int(scalar)] = flat[Int(scalar)] & ~Self.classMask | wordBreakClass
        }
        // Identical blocks are shared. Most of the code space repeats its neighbour (unassigned
        // planes, ideograph runs), so that is checked first; the others are found by a hash of
        // the block's bytes taken in one pass (hashing 1.1 MB byte by byte through `Hasher`
        // cost 48M instructions, a third of a one-shot `quarry search`).
        var blockIndex: [Block: UInt16] = [:]
        var stage1 = [UInt16](repeating: 0, count: 0x110000 >> 8)
        var stage2: [UInt8] = []
        for block in 0..<stage1.count {
            let slice = flat[(block << 8)..<((block + 1) << 8)]
            if block > 0 && slice.elementsEqual(flat[((block - 1) << 8)..<(block << 8)]) {
                stage1[block] = stage1[block - 1]
                continue
            }
            let key = Block(bytes: slice)
            if let known = blockIndex[key] { stage1[block] = known; continue }
            let index = UInt16(stage2.count >> 8)
            blockIndex[key] = index
            stage1[block] = index
            stage2.append(contentsOf: slice)
        }
        self.stage1 = stage1
        self.stage2 = stage2
        self.ascii = Array(flat[0..<128])
    }

    /// The table value (class | flags) of `scalar`; values past U+10FFFF read as Other.
    @inline(__always)
    func value(_ scalar: UInt32) -> UInt8 {
        if scalar < 0x80 { return ascii[Int(scalar)] }
        guard scalar < 0x110000 else { return 0 }
        return stage2[Int(stage1[Int(scalar >> 8)]) << 8 | Int(scalar & 0xFF)]
    }

    /// A 256-scalar block as a dictionary key, hashed in one call over its bytes.
    private struct Block: Hashable {
        let bytes: ArraySlice<UInt8>
        func hash(into hasher: inout Hasher) { bytes.withUnsafeBytes { hasher.combine(bytes: $0) } }
    }

    private static func hex(_ digits: ArraySlice<UInt8>) -> UInt32 {
        var v: UInt32 = 0
        for d in digits {
            let n: UInt8 = d <= 0x39 ? d &- 0x30 : (d | 0x20) &- 0x57
            v = v &* 16 &+ UInt32(n & 0xF)
        }
        return v
    }
}
