import Testing
@testable import QuarryText

/// The two-stage table shares identical 256-scalar blocks (with the neighbour first, then by
/// hash): every scalar must still read the value its range gives, in both tables.
struct WordBreakTableTests {
    /// The value of every scalar straight from the generated ranges, one byte per scalar.
    static func flat(overrides: [UInt32: UInt8] = [:], extendNumLetBecomes: UInt8? = nil) -> [UInt8] {
        var flat = [UInt8](repeating: 0, count: 0x110000)
        for line in wordBreakRanges.split(separator: "\n") {
            let f = line.split(separator: " ").map { UInt32($0, radix: 16)! }
            for c in f[0]...f[1] { flat[Int(c)] = UInt8(f[2]) }
        }
        for c in flat.indices {
            if let r = extendNumLetBecomes, flat[c] & WordBreakTable.classMask == WordBreakTable.extendNumLet {
                flat[c] = flat[c] & ~WordBreakTable.classMask | r
            }
            if let o = overrides[UInt32(c)] { flat[c] = flat[c] & ~WordBreakTable.classMask | o }
        }
        return flat
    }

    @Test func everyScalarReadsItsRangeValue() {
        let published = Self.flat()
        let search = Self.flat(overrides: [0x2E: WordBreakTable.midNum, 0x2024: WordBreakTable.midNum,
                                           0xFE52: WordBreakTable.midNum, 0xFF0E: WordBreakTable.midNum,
                                           0x3A: WordBreakTable.other, 0xFE13: WordBreakTable.other,
                                           0xFE55: WordBreakTable.other, 0xFF1A: WordBreakTable.other],
                               extendNumLetBecomes: WordBreakTable.other)
        var wrong = 0
        for c in 0..<UInt32(0x110000) {
            if WordBreakTable.shared.value(c) != published[Int(c)] { wrong += 1 }
            if WordBreakTable.search.value(c) != search[Int(c)] { wrong += 1 }
        }
        #expect(wrong == 0)
        // Spot checks that the ranges say what the classes mean.
        #expect(WordBreakTable.shared.value(0x5F) & WordBreakTable.classMask == WordBreakTable.extendNumLet)
        #expect(WordBreakTable.search.value(0x5F) & WordBreakTable.classMask == WordBreakTable.other)
        #expect(WordBreakTable.search.value(0x4E00) & WordBreakTable.otherWordCharacter != 0)
        #expect(WordBreakTable.search.value(0x10FFFF) == 0 && WordBreakTable.search.value(0x110000) == 0)
    }
}
