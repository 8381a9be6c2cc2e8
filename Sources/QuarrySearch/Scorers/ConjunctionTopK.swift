import QuarryIndex

/// Top-k over a conjunction of plain terms (`+a +b`) with block-max skipping.
///
/// The rarest term leads and the others `advance` to its candidates (leapfrog), as in
/// `ConjunctionScorer`; in addition, before aligning on a candidate, the block-max bounds of
/// every term's block holding it are summed, and when even that sum cannot beat the current
/// k-th score (θ) every document up to the end of the shortest of those blocks is skipped
/// without decoding or scoring. Scores equal the exhaustive scorer's (same terms, same order
/// of summation); the count of matches becomes a lower bound.
///
/// Cursors are read through `ClauseLoop` (no retain/release per read: half of the time of
/// `+a +b` queries before).
struct ConjunctionTopK {
    private let clauses: [TermClause]
    private let segment: SegmentReader

    init(terms: [(PostingsCursor, FieldScoring, Double)], segment: SegmentReader) throws(IndexError) {
        self.segment = segment
        let cs = try TermClause.make(terms, segment: segment)
        // Stable order by cost, as `ConjunctionScorer` sorts its scorers: the rarest leads.
        clauses = cs.enumerated().sorted { ($0.element.cursor.docFreq, $0.offset) < ($1.element.cursor.docFreq, $1.offset) }.map(\.element)
    }

    /// Feeds competitive documents to `collector`; returns how many were collected.
    func run(into collector: inout TopDocsCollector, base: UInt64, segmentIndex: Int) throws(IndexError) -> UInt64 {
        try withExtendedLifetime((clauses, segment)) { () throws(IndexError) -> UInt64 in
            try run(clauses, into: &collector, base: base, segmentIndex: segmentIndex)
        }
    }

    private func run(_ cs: [TermClause], into collector: inout TopDocsCollector, base: UInt64,
                     segmentIndex: Int) throws(IndexError) -> UInt64 {
        guard !cs.isEmpty else { return 0 }
        return try Self.scan(cs, order: Array(cs.indices), loop: ClauseLoop(cs, segment: segment), from: 0,
                             into: &collector, base: base, segmentIndex: segmentIndex)
    }

    /// The conjunction loop over `cs` from document `start` on: `order` lists the clauses
    /// rarest first (`order[0]` leads and scores are summed in that order). The cursors may
    /// be fresh or already inside their postings, but none past `start`'s first match: this is
    /// also how `MaxScoreTopK` finishes a bag once θ has risen so high that only documents
    /// holding every term can still enter.
    static func scan(_ cs: [TermClause], order: [Int], loop: ClauseLoop, from start: UInt32,
                     into collector: inout TopDocsCollector, base: UInt64, segmentIndex: Int) throws(IndexError) -> UInt64 {
        let n = cs.count
        var theta = collector.threshold
        if cs.reduce(0.0, { $0 + $1.bound }) <= theta { return 0 }
        var hints = [Int](repeating: 0, count: n)
        var checkedUntil: UInt32 = 0
        var checkedTheta = -Double.infinity
        var collected: UInt64 = 0
        let lead = order[0]
        var candidate = try loop.advance(lead, to: start)
        outer: while candidate != noMoreDocs {
            // Block-max check, once per run of blocks (valid up to the shortest block's end
            // while θ holds).
            if theta > -Double.infinity && !(candidate <= checkedUntil && theta == checkedTheta) {
                var bound = 0.0
                var blockEnd = noMoreDocs - 1
                for i in 0..<n {
                    let (b, last) = loop.block(i, holding: candidate, from: hints[i])
                    hints[i] = b
                    bound += cs[i].blockBounds[b]
                    blockEnd = Swift.min(blockEnd, last)
                }
                if bound <= theta {
                    if blockEnd >= noMoreDocs - 1 { break }
                    candidate = try loop.advance(lead, to: blockEnd + 1)
                    continue
                }
                checkedUntil = blockEnd
                checkedTheta = theta
            }
            for k in 1..<n {
                let reached = try loop.advance(order[k], to: candidate)
                if reached > candidate {
                    candidate = try loop.advance(lead, to: reached)
                    continue outer
                }
            }
            var s = 0.0
            for k in 0..<n { s += loop.score(order[k]) }
            if s > theta && !loop.isDeleted(candidate) {
                collector.collect(.init(score: s, global: base + UInt64(candidate), segment: segmentIndex, doc: candidate))
                collected += 1
                theta = collector.threshold
            }
            candidate = try loop.next(lead)
        }
        return collected
    }
}
