import QuarryIndex

/// Top-k over a disjunction of plain terms — the bag-of-words query — without scoring every
/// matching document: MaxScore (Turtle & Flood) with block-max skipping, run a window of
/// documents at a time (as Lucene's MaxScoreBulkScorer does).
///
/// Terms are sorted by their upper bound in the segment. Those whose bounds add up to no more
/// than the current k-th score (θ) are *non-essential*: a document matching only them cannot
/// enter the top k, so candidates come from the essential terms alone and the others are probed
/// with `advance(to:)` only while they could still lift the score above θ. A window starts at
/// the first essential document and ends within one postings block of every term (at most
/// 1,024 documents): when the block-max bounds of those blocks add up to no more than θ, the
/// whole window is skipped without decoding. Otherwise the essential terms add their scores
/// into a dense accumulator term at a time — a tight loop per term, instead of finding the
/// smallest of several cursors for every document — and the window's matches are then finished
/// document at a time. Results equal exhaustive scoring (tests compare them); the count of
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

    /// Documents per window: the accumulator (8 KiB) and its bitmap stay in L1.
    static let windowSize = 1024

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
        // Bounds of the non-essential terms in the window's blocks, as prefix sums.
        var cumBlock = cum
        var blockBound = [Double](repeating: 0, count: n)
        let size = Self.windowSize
        let scores = UnsafeMutablePointer<Double>.allocate(capacity: size)
        let words = size / 64
        let matched = UnsafeMutablePointer<UInt64>.allocate(capacity: words)
        matched.initialize(repeating: 0, count: words)
        defer {
            scores.deallocate()
            matched.deallocate()
        }
        while essential < n {
            var start = noMoreDocs
            for i in essential..<n { let d = loop.doc(i); if d < start { start = d } }
            if start == noMoreDocs { break }
            var end = start >= noMoreDocs - UInt32(size) ? noMoreDocs - 1 : start + UInt32(size - 1)
            if theta > -Double.infinity {
                // Block-max check: every term's bound in its block holding `start`. When even
                // their sum cannot beat θ, nothing up to the end of the shortest of those blocks
                // can; otherwise the window ends there, and the non-essential terms' block
                // bounds let a document be dropped without probing them.
                var bound = 0.0
                var blockEnd = noMoreDocs - 1
                for i in 0..<n {
                    let (b, last) = loop.block(i, holding: start, from: hints[i])
                    hints[i] = b
                    blockBound[i] = cs[i].blockBounds[b]
                    bound += blockBound[i]
                    blockEnd = Swift.min(blockEnd, last)
                }
                if bound <= theta {
                    if blockEnd >= noMoreDocs - 1 { break }
                    let target = blockEnd + 1
                    for i in essential..<n where loop.doc(i) < target { try loop.advance(i, to: target) }
                    continue
                }
                var sum = 0.0
                for i in 0..<essential { sum += blockBound[i]; cumBlock[i] = sum }
                end = Swift.min(end, blockEnd)
            }
            // Term at a time over the window: each essential term adds its scores into the
            // accumulator (in term order, so every sum is the same float as document at a time).
            let firstEssential = essential
            for i in firstEssential..<n {
                try loop.forEach(i, through: end) { d, score in
                    let slot = Int(d &- start)
                    if matched[slot >> 6] & (1 << UInt64(slot & 63)) == 0 {
                        matched[slot >> 6] |= 1 << UInt64(slot & 63)
                        scores[slot] = score
                    } else {
                        scores[slot] += score
                    }
                }
            }
            // Then document at a time over the window's matches, in order: the non-essential
            // terms are probed while they could still lift the score above θ.
            let used = Int(end &- start) / 64 + 1
            for w in 0..<used {
                var bits = matched[w]
                matched[w] = 0
                while bits != 0 {
                    let slot = w << 6 | bits.trailingZeroBitCount
                    bits &= bits &- 1
                    let doc = start &+ UInt32(slot)
                    var s = scores[slot]
                    var i = firstEssential - 1
                    while i >= 0 {
                        if s + cumBlock[i] <= theta { break }
                        if try loop.advance(i, to: doc) == doc { s += loop.score(i) }
                        i -= 1
                    }
                    if s > theta && !loop.isDeleted(doc) {
                        collector.collect(.init(score: s, global: base + UInt64(doc), segment: segmentIndex, doc: doc))
                        collected += 1
                        theta = collector.threshold
                    }
                }
            }
            while essential < n && cum[essential] <= theta { essential += 1 }
        }
        return collected
    }
}
