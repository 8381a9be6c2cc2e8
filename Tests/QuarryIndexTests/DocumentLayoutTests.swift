import Testing
@testable import QuarryIndex
import QuarryTestSupport

/// Position layouts (`DocumentLayoutWriter` / `DocumentLayouts` / `PositionMap`): compact
/// positions map back to the analyzer's positions exactly, and jumps survive a round trip.
@Suite struct DocumentLayoutTests {
    /// Random documents: runs of adjacent tokens broken by jumps of the default extra or another,
    /// jumps at token 0 and on consecutive tokens, documents without jumps and with thousands of
    /// them (the wide chunk-start form), many chunks of 128 compact positions.
    @Test func compactPositionsMapBackToPositions() throws {
        var rng = SeededGenerator(seed: 31)
        var writer = DocumentLayoutWriter()
        var documents: [[UInt32]] = []
        for d in 0..<60 {
            let tokens = d == 0 ? 1 : Int.random(in: 1...(d % 10 == 0 ? 140_000 : 900), using: &rng)
            let jumpChance = d % 7 == 0 ? 0 : (d % 10 == 0 ? 0.6 : 0.15)
            var positions: [UInt32] = []
            var p: UInt32 = 0
            for t in 0..<tokens {
                if Double.random(in: 0..<1, using: &rng) < jumpChance || (d == 3 && t == 0) {
                    p += Bool.random(using: &rng) || d % 5 != 0 ? 100 : UInt32.random(in: 1...300, using: &rng)
                }
                positions.append(p)
                p += 1
            }
            documents.append(positions)
            let jumps = positions.withUnsafeBufferPointer { DocumentLayoutWriter.jumps(of: $0) }
            writer.add(tokenCount: UInt32(tokens), jumps: jumps)
        }
        let bytes = writer.bytes.bytes.count
        let file = MappedFile(bytes: writer.serialized(at: 0), name: "layouts.pos")
        let layouts = try DocumentLayouts(positions: file.reader())
        #expect(layouts.start == 0 && bytes > 0)
        for (d, positions) in documents.enumerated() {
            let doc = UInt32(d)
            let expectedJumps = positions.withUnsafeBufferPointer { DocumentLayoutWriter.jumps(of: $0) }
            let decoded = try layouts.jumps(doc)
            #expect(decoded.tokenCount == UInt32(positions.count))
            #expect(decoded.jumps.map { $0.index } == expectedJumps.map { $0.index }, "document \(d)")
            #expect(decoded.jumps.map { $0.extra } == expectedJumps.map { $0.extra }, "document \(d)")
            #expect(layouts.compactCount(doc) == UInt32(positions.count + expectedJumps.count))
            // The compact position of token t is t plus the jumps at or before it.
            var compact: [UInt32] = []
            var passed = 0
            for t in positions.indices {
                while passed < expectedJumps.count && Int(expectedJumps[passed].index) <= t { passed += 1 }
                compact.append(UInt32(t + passed))
            }
            let layout = try #require(layouts.layout(doc))
            var map = PositionMap(layout: layout, defaultJump: layouts.defaultJump)
            var mismatches = 0
            for (t, k) in compact.enumerated() where map.position(ofCompact: k) != UInt64(positions[t]) { mismatches += 1 }
            #expect(mismatches == 0, "document \(d): \(mismatches) positions mapped wrongly")
            for t in [0, 1, 2, 50, 127, 128, positions.count / 2, positions.count - 1] where t < positions.count {
                #expect(map.compactPosition(ofToken: UInt32(t)) == UInt64(compact[t]), "document \(d), token \(t)")
            }
        }
    }

    /// A jump's compact position below its rank (so its token index would be negative) or past
    /// the document is damage, reported by `jumps` and never mapped.
    @Test func impossibleJumpPositionsAreDamage() throws {
        var writer = DocumentLayoutWriter()
        writer.add(tokenCount: 4, jumps: [(index: 1, extra: 100), (index: 2, extra: 100)])
        var bytes = writer.serialized(at: 0)
        // Layout: jumpCount 2, uniform 1, one chunk start (u16), lows [2, 4]. Make the second
        // jump's compact position 1: below the first.
        #expect(Array(bytes[0..<6]) == [2, 1, 0, 0, 2, 4])
        bytes[5] = 1
        let layouts = try DocumentLayouts(positions: MappedFile(bytes: bytes, name: "damaged.pos").reader())
        #expect(throws: IndexError.self) { try layouts.jumps(0) }
    }
}
