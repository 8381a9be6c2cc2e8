import Testing
import QuarryTestSupport
@testable import QuarrySearch

/// `PhraseStarts` narrows candidate starts exactly like a set intersection, on both of its
/// paths (bitmap over the starts' range, galloping when the positions are much longer) and at
/// the edges (starts spread wider than the bitmap, offsets, empty lists).
@Suite struct PhraseStartsTests {
    @Test func intersectionEqualsSetIntersection() {
        var rng = SeededGenerator(seed: 17)
        let starts = PhraseStarts()
        for round in 0..<2000 {
            // Spans from dense to far wider than the bitmap's 32,768 bits.
            let span = [50, 500, 5000, 100_000][round % 4]
            let first = Set((0..<Int.random(in: 1...60, using: &rng)).map { _ in UInt32.random(in: 0..<UInt32(span), using: &rng) }).sorted()
            let second = Set((0..<Int.random(in: 0...600, using: &rng)).map { _ in UInt32.random(in: 0..<UInt32(span), using: &rng) }).sorted()
            let seedOffset = UInt32.random(in: 0...2, using: &rng)
            let offset = UInt32.random(in: 0...3, using: &rng)
            first.withUnsafeBufferPointer { starts.seed($0, offset: seedOffset) }
            let seeded = first.filter { $0 >= seedOffset }.map { $0 - seedOffset }
            #expect(Array(starts.elements) == seeded)
            second.withUnsafeBufferPointer { starts.intersect($0, offset: offset) }
            let wanted = Set(second)
            let expected = seeded.filter { wanted.contains($0 + offset) }
            #expect(Array(starts.elements) == expected, "round \(round)")
        }
    }
}
