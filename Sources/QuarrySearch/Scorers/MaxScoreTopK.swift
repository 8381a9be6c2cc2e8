import QuarryIndex

/// Top-k over a disjunction of plain terms — the bag-of-words query — without scoring every
/// matching document: MaxScore (Turtle & Flood) with block-max skipping.
///
/// Terms are sorted by their upper bound in the segment. Those whose bounds add up to no more
/// than the current k-th score (θ) are *non-essential*: a document matching only them cannot
/// enter the top k, so candidates come from the essential terms alone and the others are probed
/// with `advance(to:)` only while they could still lift the score above θ. Before scoring a
/// candidate, the block-max bounds of the essential terms' current blocks are summed; when even
/// that cannot beat θ, every document up to the end of the shortest of those blocks is skipped
/// without decoding. Results equal exhaustive scoring (a test compares them); the count of
/// matches becomes a lower bound.
final class MaxScoreTopK {
    // Read in the hot loop only; the dynamic exclusivity checks Swift adds to class properties
    // cost more than the scoring itself for single-term queries.
    @exclusivity(unchecked) private var clauses: [TermClause]
    private let segment: SegmentReader

    init(terms: [(PostingsCursor, FieldScoring, Double)], segment: SegmentReader) throws(IndexError) {
        self.segment = segment
        clauses = try TermClause.make(terms, segment: segment).sorted { $0.bound < $1.bound }
    }

    /// Feeds competitive documents to `collector` (documents numbered from `base`, in segment
    /// `segmentIndex`); its threshold is the current k-th score (−∞ until k hits are held).
    /// Returns how many documents were collected.
    ///
    /// The loop reads cursors through `Unmanaged` references (kept alive by `clauses`): loading
    /// a class reference out of an array otherwise costs a retain and a release per read, which
    /// was a quarter of the time of a single-term query.
    func run(into collector: inout TopDocsCollector, base: UInt64, segmentIndex: Int) throws(IndexError) -> UInt64 {
        let cs = clauses
        return try withExtendedLifetime((cs, segment)) { () throws(IndexError) -> UInt64 in
            try run(cs, into: &collector, base: base, segmentIndex: segmentIndex)
        }
    }

    private func run(_ cs: [TermClause], into collector: inout TopDocsCollector, base: UInt64,
                     segmentIndex: Int) throws(IndexError) -> UInt64 {
        let n = cs.count
        guard n > 0 else { return 0 }
        let loop = ClauseLoop(cs, segment: segment)
        var cum = [Double](repeating: 0, count: n)
        var acc = 0.0
        for i in 0..<n { acc += cs[i].bound; cum[i] = acc }
        for i in 0..<n { try loop.next(i) }
        var theta = collector.threshold
        var essential = 0
        while essential < n && cum[essential] <= theta { essential += 1 }
        var collected: UInt64 = 0
        var hints = [Int](repeating: 0, count: n)
        var checkedUntil: UInt32 = 0
        var checkedTheta = -Double.infinity
        var checkedEssential = -1
        // Bounds of the non-essential terms for the current run of blocks, as prefix sums
        // (`cum` until the first block-max check).
        var cumBlock = cum
        var blockBound = [Double](repeating: 0, count: n)
        while essential < n {
            var candidate = noMoreDocs
            for i in essential..<n { let d = loop.doc(i); if d < candidate { candidate = d } }
            if candidate == noMoreDocs { break }
            // Block-max check, once per run of blocks: every term's bound in its block holding
            // the candidate, the non-essential ones included. A passed check stays valid for
            // every candidate up to the end of the shortest of those blocks while θ and the
            // essential set hold; it also gives the non-essential terms' block bounds, which
            // let a candidate be dropped without probing them (block-max MaxScore).
            if theta > -Double.infinity && !(candidate <= checkedUntil && theta == checkedTheta && essential == checkedEssential) {
                var bound = 0.0
                var blockEnd = noMoreDocs - 1
                for i in 0..<n {
                    let (b, last) = loop.block(i, holding: candidate, from: hints[i])
                    hints[i] = b
                    blockBound[i] = cs[i].blockBounds[b]
                    bound += blockBound[i]
                    blockEnd = Swift.min(blockEnd, last)
                }
                if bound <= theta {
                    let target = blockEnd + 1
                    if target >= noMoreDocs { break }
                    for i in essential..<n where loop.doc(i) < target { try loop.advance(i, to: target) }
                    continue
                }
                var sum = 0.0
                for i in 0..<essential { sum += blockBound[i]; cumBlock[i] = sum }
                checkedUntil = blockEnd
                checkedTheta = theta
                checkedEssential = essential
            }
            var s = 0.0
            for i in essential..<n where loop.doc(i) == candidate { s += loop.score(i) }
            var i = essential - 1
            while i >= 0 {
                if s + cumBlock[i] <= theta { break }
                if try loop.advance(i, to: candidate) == candidate { s += loop.score(i) }
                i -= 1
            }
            if s > theta && !loop.isDeleted(candidate) {
                collector.collect(.init(score: s, global: base + UInt64(candidate), segment: segmentIndex, doc: candidate))
                collected += 1
                theta = collector.threshold
                while essential < n && cum[essential] <= theta { essential += 1 }
            }
            for i in essential..<n where loop.doc(i) == candidate { try loop.next(i) }
        }
        return collected
    }
}
