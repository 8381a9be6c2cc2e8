import Testing
@testable import QuarryIndex
import QuarryTestSupport

@Suite struct CodecTests {
    @Test func varintsRoundTrip() throws {
        var w = ByteWriter()
        let values: [UInt64] = [0, 1, 127, 128, 300, 16_383, 16_384, UInt64(UInt32.max), UInt64.max]
        for v in values { w.vlong(v) }
        let f = MappedFile(bytes: w.bytes, name: "mem")
        var r = f.reader()
        for v in values { #expect(try r.vlong() == v) }
        #expect(r.isAtEnd)
    }

    /// Every width, with random values and the widest value first and last, then with every
    /// value the widest (every lane value straddling words where the width allows it).
    @Test(arguments: Array(0...32))
    func bitPackingRoundTrip(width: Int) throws {
        let mask: UInt64 = width == 0 ? 0 : (UInt64(1) << UInt64(width)) - 1
        var rng = SystemRandomNumberGenerator()
        var values = (0..<128).map { _ in UInt32(truncatingIfNeeded: UInt64.random(in: 0...UInt64(UInt32.max), using: &rng) & mask) }
        values[0] = UInt32(truncatingIfNeeded: mask)
        values[127] = UInt32(truncatingIfNeeded: mask)
        let allMax = [UInt32](repeating: UInt32(truncatingIfNeeded: mask), count: 128)
        for input in [values, allMax] {
            var w = ByteWriter()
            BitPacking.pack(input, into: &w)
            #expect(w.count == 1 + 16 * width)
            let f = MappedFile(bytes: w.bytes, name: "mem")
            var r = f.reader()
            let out = UnsafeMutablePointer<UInt32>.allocate(capacity: 128)
            defer { out.deallocate() }
            #expect(try BitPacking.unpack(&r, into: out) == width)
            #expect(Array(UnsafeBufferPointer(start: out, count: 128)) == input)
            #expect(r.isAtEnd)
        }
    }

    /// The bytes follow the documented vertical layout: bit `b` of value `i` is bit `m·w + b` of
    /// lane `i % 4`'s word stream (`m = i / 4`), whose word `k` sits at byte `16·k + 4·(i % 4)`.
    /// Read here bit by bit, independently of the SIMD kernels.
    @Test(arguments: Array(1...32))
    func bitPackingLayoutIsVertical(width: Int) {
        var rng = SeededGenerator(seed: UInt64(width))
        let mask = UInt32(truncatingIfNeeded: (UInt64(1) << UInt64(width)) - 1)
        var values = (0..<128).map { _ in UInt32.random(in: 0...UInt32.max, using: &rng) & mask }
        values[5] = mask
        var w = ByteWriter()
        BitPacking.pack(values, into: &w)
        let bytes = Array(w.bytes.dropFirst())
        #expect(w.bytes.first == UInt8(width))
        for i in 0..<128 {
            var v: UInt32 = 0
            for b in 0..<width {
                let bit = (i / 4) * width + b
                let byte = 16 * (bit / 32) + 4 * (i % 4) + (bit % 32) / 8
                if bytes[byte] >> UInt8(bit % 8) & 1 == 1 { v |= 1 << UInt32(b) }
            }
            #expect(v == values[i], "value \(i)")
        }
    }

    /// A block whose bytes run past the end of the data is damage, not a read past the buffer.
    @Test func truncatedPackedBlockThrows() {
        for width in [1, 7, 24, 32] {
            let f = MappedFile(bytes: [UInt8(width)] + [UInt8](repeating: 0xFF, count: 16 * width - 1), name: "mem")
            var r = f.reader()
            let out = UnsafeMutablePointer<UInt32>.allocate(capacity: 128)
            defer { out.deallocate() }
            #expect(throws: IndexError.self) { try BitPacking.unpack(&r, into: out) }
        }
        let f = MappedFile(bytes: [33] + [UInt8](repeating: 0, count: 16 * 33), name: "mem")
        var r = f.reader()
        let out = UnsafeMutablePointer<UInt32>.allocate(capacity: 128)
        defer { out.deallocate() }
        #expect(throws: IndexError.self) { try BitPacking.unpack(&r, into: out) }
    }

    /// The SIMD gap prefix sum agrees with the plain running sum, from the first block (−1) and
    /// from later ones, up to the widest gaps it is used for.
    @Test func docGapPrefixSumMatchesRunningSum() {
        var rng = SeededGenerator(seed: 11)
        let out = UnsafeMutablePointer<UInt32>.allocate(capacity: 128)
        defer { out.deallocate() }
        for trial in 0..<200 {
            let width = trial % (DocGapPrefixSum.maxGapWidth + 1)
            let mask = UInt32((1 << width) - 1)
            let gaps = (0..<128).map { _ in UInt32.random(in: 0...UInt32.max, using: &rng) & mask }
            let previous: Int64 = trial % 3 == 0 ? -1 : Int64.random(in: 0...Int64(UInt32.max / 2), using: &rng)
            var expected: [UInt32] = []
            var doc = previous
            for g in gaps { doc += Int64(g) + 1; expected.append(UInt32(truncatingIfNeeded: doc)) }
            out.update(from: gaps, count: 128)
            let last = DocGapPrefixSum.docIDs(fromGaps: out, after: previous)
            #expect(Array(UnsafeBufferPointer(start: out, count: 128)) == expected)
            #expect(last == expected[127])
        }
    }

    /// Skipping n varints (word-at-a-time) lands exactly where reading n of them would, for
    /// every n, over a mix of 1- to 5-byte values; and running off the end is an error.
    @Test func skippingVarintsLandsWhereReadingDoes() throws {
        var rng = SeededGenerator(seed: 3)
        let values = (0..<300).map { _ in UInt32.random(in: 0...UInt32.max, using: &rng) >> UInt32.random(in: 0...31, using: &rng) }
        var w = ByteWriter()
        for v in values { w.vint(v) }
        let f = MappedFile(bytes: w.bytes, name: "mem")
        for n in 0...values.count {
            var r = f.reader()
            try r.skipVInts(n)
            if n < values.count { #expect(try r.vint() == values[n], "after skipping \(n)") } else { #expect(r.isAtEnd) }
        }
        var r = f.reader()
        #expect(throws: IndexError.self) { try r.skipVInts(values.count + 1) }
    }

    /// The hardware and table paths agree on every length and alignment, also when continued.
    @Test func crc32cPathsAgree() {
        var rng = SeededGenerator(seed: 21)
        let bytes = (0..<300).map { _ in UInt8.random(in: 0...255, using: &rng) }
        bytes.withUnsafeBytes { all in
            for start in 0..<9 {
                for end in stride(from: start, through: all.count, by: 7) {
                    let slice = UnsafeRawBufferPointer(rebasing: all[start..<end])
                    #expect(CRC32C.update(0, slice) == CRC32C.software(0, slice))
                    #expect(CRC32C.update(0x1234_5678, slice) == CRC32C.software(0x1234_5678, slice))
                }
            }
        }
    }

    @Test func crc32cKnownValue() {
        // The CRC-32C check value of the ASCII string "123456789" is 0xE3069283.
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
    }

    @Test func truncatedReadThrowsCorruptInsteadOfCrashing() {
        let f = MappedFile(bytes: [0xFF, 0xFF], name: "short")
        var r = f.reader()
        #expect(throws: IndexError.self) { try r.vlong() }
        var r2 = f.reader()
        #expect(throws: IndexError.self) { try r2.u32() }
    }

    @Test func envelopeDetectsEveryFlippedByte() throws {
        var w = FileEnvelope.begin(kind: "TEST", version: 1)
        w.append(Array("some body bytes".utf8))
        let good = FileEnvelope.finish(w)
        _ = try FileEnvelope.open(MappedFile(bytes: good, name: "ok"), kind: "TEST", version: 1, verifyChecksum: true)
        for i in good.indices {
            var bad = good
            bad[i] ^= 0x40
            #expect(throws: IndexError.self) {
                _ = try FileEnvelope.open(MappedFile(bytes: bad, name: "bad"), kind: "TEST", version: 1, verifyChecksum: true)
            }
        }
    }

    @Test func dictionaryLookupAndPrefix() throws {
        var d = BlockDictionaryWriter(kind: "TDIC", version: 1)
        let keys = (0..<1000).map { String(format: "term%04d", $0) }.sorted()
        for (i, k) in keys.enumerated() { d.add(key: Array(k.utf8), payload: [UInt8(i & 0xFF)]) }
        let f = MappedFile(bytes: d.finish(), name: "dict")
        let r = try BlockDictionaryReader(file: f, kind: "TDIC", version: 1, verifyChecksum: true)
        #expect(r.count == 1000)
        for (i, k) in keys.enumerated() where i % 37 == 0 {
            let p = try r.lookup(Array(k.utf8))
            #expect(p?.base.first == UInt8(i & 0xFF))
        }
        #expect(try r.lookup(Array("term".utf8)) == nil)
        #expect(try r.lookup(Array("zzz".utf8)) == nil)
        var found: [String] = []
        try r.forEach(prefix: Array("term012".utf8)) { k, _ in found.append(String(decoding: k, as: UTF8.self)); return true }
        #expect(found == (120...129).map { String(format: "term%04d", $0) })
    }

    /// Lookups compare entries through shared-prefix lengths without rebuilding keys: every
    /// stored key is found with its own payload, and no absent key is — keys that are prefixes
    /// of others, extensions of stored keys, keys between neighbours and past both ends of
    /// blocks, over a small alphabet so shared prefixes of every length occur.
    @Test func dictionaryLookupMatchesASetOfKeys() throws {
        var rng = SeededGenerator(seed: 12)
        var set = Set<[UInt8]>()
        while set.count < 3000 {
            set.insert((0..<Int.random(in: 1...7, using: &rng)).map { _ in UInt8.random(in: 97...100, using: &rng) })
        }
        let keys = set.sorted { $0.lexicographicallyPrecedes($1) }
        var d = BlockDictionaryWriter(kind: "TDIC", version: 1)
        for (i, k) in keys.enumerated() { d.add(key: k, payload: [UInt8(i & 0xFF), UInt8(i >> 8)]) }
        let r = try BlockDictionaryReader(file: MappedFile(bytes: d.finish(), name: "dict"), kind: "TDIC", version: 1)
        for (i, k) in keys.enumerated() {
            let p = try #require(try r.lookup(k), "\(k)")
            #expect(Array(p.base) == [UInt8(i & 0xFF), UInt8(i >> 8)])
        }
        var probes = 0
        for _ in 0..<20_000 {
            let k = (0..<Int.random(in: 0...8, using: &rng)).map { _ in UInt8.random(in: 96...101, using: &rng) }
            if set.contains(k) { continue }
            #expect(try r.lookup(k) == nil, "\(k)")
            probes += 1
        }
        #expect(probes > 10_000)
    }
}
