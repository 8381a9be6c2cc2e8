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

    /// Every width, with the widest value last and first (the decoder's word-load fast path
    /// stops a few values before the end; the rest take the byte loop).
    @Test(arguments: Array(0...32))
    func bitPackingRoundTrip(width: Int) throws {
        let mask: UInt64 = width == 0 ? 0 : (UInt64(1) << UInt64(width)) - 1
        var rng = SystemRandomNumberGenerator()
        var values = (0..<128).map { _ in UInt32(truncatingIfNeeded: UInt64.random(in: 0...UInt64(UInt32.max), using: &rng) & mask) }
        values[0] = UInt32(truncatingIfNeeded: mask)
        values[127] = UInt32(truncatingIfNeeded: mask)
        var w = ByteWriter()
        BitPacking.pack(values, into: &w)
        #expect(w.count == 1 + 16 * BitPacking.bitWidth(values.max() ?? 0))
        let f = MappedFile(bytes: w.bytes, name: "mem")
        var r = f.reader()
        let out = UnsafeMutablePointer<UInt32>.allocate(capacity: 128)
        defer { out.deallocate() }
        try BitPacking.unpack(&r, into: out)
        #expect(Array(UnsafeBufferPointer(start: out, count: 128)) == values)
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
}
