import Testing
@testable import QuarryIndex
import QuarryTestSupport

/// The positions codec: patched bit-packed chunks (`PositionChunk`).
@Suite struct PositionChunkTests {
    private func roundTrip(_ values: [UInt32]) -> (decoded: [UInt32], bytes: [UInt8]) {
        var w = ByteWriter()
        values.withUnsafeBufferPointer { PositionChunk.encode($0, into: &w) }
        let bytes = w.bytes
        let out = UnsafeMutablePointer<UInt32>.allocate(capacity: PositionChunk.capacity)
        defer { out.deallocate() }
        return bytes.withUnsafeBytes { raw in
            var skipped = 0
            let skipCount = PositionChunk.skip(raw, &skipped)
            #expect(skipCount == values.count)
            #expect(skipped == raw.count, "skip lands at the chunk's end")
            var offset = 0
            guard let n = PositionChunk.decode(raw, &offset, into: out) else {
                Issue.record("a valid chunk of \(values.count) values was rejected")
                return ([], bytes)
            }
            #expect(offset == raw.count, "decode lands at the chunk's end")
            return (Array(UnsafeBufferPointer(start: out, count: n)), bytes)
        }
    }

    /// Full and partial chunks of small gaps, with outliers of every width (which become
    /// exceptions), all-zero chunks and every value at 32 bits.
    @Test func roundTripsEveryShape() {
        var rng = SeededGenerator(seed: 6)
        for trial in 0..<600 {
            let count = trial % 3 == 0 ? PositionChunk.capacity : Int.random(in: 1...PositionChunk.capacity, using: &rng)
            let base = UInt32(1) << UInt32(trial % 12)
            var values = (0..<count).map { _ in UInt32.random(in: 0..<base, using: &rng) }
            for _ in 0..<Int.random(in: 0...6, using: &rng) {
                let width = UInt32.random(in: 1...32, using: &rng)
                let outlier = UInt32(truncatingIfNeeded: (UInt64(1) << UInt64(width)) - 1)
                values[Int.random(in: 0..<count, using: &rng)] = outlier
            }
            #expect(roundTrip(values).decoded == values, "trial \(trial)")
        }
        for count in [1, 5, 127, 128] {
            #expect(roundTrip([UInt32](repeating: 0, count: count)).decoded == [UInt32](repeating: 0, count: count))
            #expect(roundTrip([UInt32](repeating: .max, count: count)).decoded == [UInt32](repeating: .max, count: count))
        }
    }

    /// A few large values among small gaps are patched, not allowed to widen every value: 128
    /// gaps below 16 with one 30-bit value take 4 bits each plus the exception, well under the
    /// 30 bits each the plain widest width would cost.
    /// `bestWidth` counts exceptions only up to the widest value; it must pick exactly what
    /// weighing every width against every other picks (the chunks' bytes do not change).
    @Test func bestWidthEqualsTheFullSearch() {
        func reference(_ values: [UInt32]) -> Int {
            var histogram = [Int](repeating: 0, count: 33)
            for v in values { histogram[BitPacking.bitWidth(v)] += 1 }
            var best = 32, bestCost = Int.max
            for width in stride(from: 32, through: 0, by: -1) {
                var cost = values.count == PositionChunk.capacity ? 16 * width : (values.count * width + 7) / 8
                var exceptions = 0
                for vw in (width + 1)..<33 where histogram[vw] > 0 {
                    exceptions += histogram[vw]
                    cost += histogram[vw] * (1 + (vw - width + 6) / 7)
                }
                if exceptions > 0 { cost += 2 }
                if cost < bestCost { bestCost = cost; best = width }
            }
            return best
        }
        var rng = SeededGenerator(seed: 12)
        for trial in 0..<3000 {
            let n = trial % 7 == 0 ? PositionChunk.capacity : Int.random(in: 1...PositionChunk.capacity, using: &rng)
            let typical = Int.random(in: 0...20, using: &rng)
            let values: [UInt32] = (0..<n).map { _ in
                let width = Int.random(in: 0...9, using: &rng) == 0 ? Int.random(in: 0...32, using: &rng) : typical
                return width == 0 ? 0 : UInt32.random(in: 0...UInt32(truncatingIfNeeded: (UInt64(1) << UInt64(width)) - 1), using: &rng)
            }
            #expect(values.withUnsafeBufferPointer(PositionChunk.bestWidth) == reference(values), "\(values)")
        }
    }

    @Test func outliersBecomeExceptions() {
        var values = (0..<128).map { UInt32($0 % 16) }
        values[0] = 1 << 29
        let (decoded, bytes) = roundTrip(values)
        #expect(decoded == values)
        #expect(bytes[0] == 0x40 | 4, "width 4, with exceptions")
        #expect(bytes[1] == 1, "one exception")
        #expect(bytes.count < 16 * 4 + 12)
    }

    /// Review find: a full chunk of width 0 (128 adjacent occurrences) takes a byte, but
    /// `PostingsCursor.decode` once bounded a document's count by 43 values per remaining byte
    /// (3 bytes per 128), so a valid document repeating the segment's last term 3000 times was
    /// reported as damaged.
    @Test func longRunOfAdjacentOccurrencesIsNotDamage() throws {
        let tmp = TemporaryDirectory()
        defer { tmp.cleanup() }
        let body = [String](repeating: "zzz", count: 3000).joined(separator: " ")
        let reader = try buildIndex([DocumentFields(key: "a.html", title: "", body: body, language: "en")], at: tmp.path)
        let cursor = try #require(try reader.segments[0].cursor("zzz"))
        #expect(try cursor.next() == 0)
        var indexes: [UInt32] = []
        try cursor.compactPositions(into: &indexes)
        #expect(indexes == (0..<3000).map { UInt32($0) })
        #expect(try IndexChecker.check(try FSDirectory(path: tmp.path)).positions == 3000)
        // The densest chunk the cursor's bound must allow: 128 values in one byte.
        #expect(roundTrip([UInt32](repeating: 0, count: 128)).bytes.count == 1)
    }

    /// Every truncation of a chunk, and bytes that claim more than they hold, are reported as
    /// damage (nil) — never a read past the data or a crash.
    @Test func damageIsRejected() {
        var rng = SeededGenerator(seed: 9)
        let out = UnsafeMutablePointer<UInt32>.allocate(capacity: PositionChunk.capacity)
        defer { out.deallocate() }
        for count in [3, 100, 128] {
            var values = (0..<count).map { _ in UInt32.random(in: 0..<64, using: &rng) }
            values[count / 2] = 1 << 20
            var w = ByteWriter()
            values.withUnsafeBufferPointer { PositionChunk.encode($0, into: &w) }
            let bytes = w.bytes
            for cut in 0..<bytes.count {
                Array(bytes[0..<cut]).withUnsafeBytes { raw in
                    var a = 0, b = 0
                    #expect(PositionChunk.decode(raw, &a, into: out) == nil, "cut at \(cut) of \(count)")
                    #expect(PositionChunk.skip(raw, &b) == nil, "cut at \(cut) of \(count)")
                }
            }
        }
        // A width above 32, a partial chunk of 0 or 128 values, more exceptions than values or
        // none though flagged, an exception index outside the chunk, a high part that does not
        // fit 32 bits.
        let bad: [[UInt8]] = [
            [33] + [UInt8](repeating: 0, count: 16 * 33),
            [0x81, 0, 0],
            [0x81, 128] + [UInt8](repeating: 0, count: 16),
            [0xC1, 2, 3, 6, 0, 1, 2, 1, 1, 1, 0],
            [0xC1, 2, 0, 0, 0],
            [0xC2, 2, 1, 2, 5, 1, 0],
            [0xDE, 1, 1, 6, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0, 0, 0, 0],
        ]
        for (i, input) in bad.enumerated() {
            input.withUnsafeBytes { raw in
                var o = 0
                #expect(PositionChunk.decode(raw, &o, into: out) == nil, "case \(i)")
            }
        }
    }
}
