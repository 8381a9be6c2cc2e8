import QuarryIndex

/// One term of a top-k bag or conjunction with its score bounds in a segment: the upper bound
/// of each full postings block (from the block's impacts), then the exact bound of the tail,
/// and the largest of them — what MaxScore and block-max skipping compare with θ.
struct TermClause {
    let cursor: PostingsCursor
    let scoring: FieldScoring
    let weight: Double
    /// Upper bound of each full block, then the tail.
    let blockBounds: [Double]
    let bound: Double

    init(cursor: PostingsCursor, scoring: FieldScoring, weight: Double, segment: SegmentReader) throws(IndexError) {
        var bounds: [Double] = []
        bounds.reserveCapacity(cursor.fullBlockCount + 1)
        for s in cursor.skips { bounds.append(weight * scoring.saturate(scoring.tfTildeBound(s.impact))) }
        var tailMax = 0.0
        try cursor.forEachTailPosting { doc, t, h, b in
            tailMax = Swift.max(tailMax, weight * scoring.saturate(scoring.tfTilde((t, h, b), doc: doc, segment: segment)))
        }
        bounds.append(tailMax)
        // Scores and bounds are computed by different float expressions: pad the bounds by a
        // relative 1e-12 so rounding can never put a document's score above its block's bound.
        for i in bounds.indices { bounds[i] *= 1 + 1e-12 }
        self.cursor = cursor
        self.scoring = scoring
        self.weight = weight
        self.blockBounds = bounds
        self.bound = bounds.max() ?? 0
    }
}
