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

    /// One clause per (cursor, scoring, weight), bounds computed.
    static func make(_ terms: [(PostingsCursor, FieldScoring, Double)], segment: SegmentReader) throws(IndexError) -> [TermClause] {
        var out: [TermClause] = []
        out.reserveCapacity(terms.count)
        for (cursor, scoring, weight) in terms {
            out.append(try TermClause(cursor: cursor, scoring: scoring, weight: weight, segment: segment))
        }
        return out
    }

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

/// The clauses of a top-k loop laid out for it: cursors and the segment held as `Unmanaged`
/// references, scoring constants in plain arrays.
///
/// Why: loading a class reference out of an array costs a retain and a release per read, which
/// was a quarter of the time of a single-term query. The caller keeps the clauses and the
/// segment alive (`withExtendedLifetime`) while it uses this.
struct ClauseLoop {
    private let cursors: [Unmanaged<PostingsCursor>]
    private let scorings: [FieldScoring]
    private let weights: [Double]
    private let segment: Unmanaged<SegmentReader>

    init(_ clauses: [TermClause], segment: SegmentReader) {
        cursors = clauses.map { Unmanaged.passUnretained($0.cursor) }
        scorings = clauses.map(\.scoring)
        weights = clauses.map(\.weight)
        self.segment = Unmanaged.passUnretained(segment)
    }

    /// Current document of clause `i`.
    @inline(__always)
    func doc(_ i: Int) -> UInt32 { cursors[i]._withUnsafeGuaranteedRef { $0.doc } }

    /// Starts loading the body length of clause `i`'s current document (see
    /// `FieldLengths.prefetch`). Only that column and only this document: most candidates of a
    /// conjunction's lead do not align, and prefetching every column of this and a later
    /// document too crowded out the demand misses of the other terms' blocks (p50 of the 1M
    /// `and` set 0.32 → 0.36 ms, where this hint gives 0.26).
    @inline(__always)
    func prefetch(_ i: Int) {
        cursors[i]._withUnsafeGuaranteedRef { cur in
            segment._withUnsafeGuaranteedRef { seg in
                guard seg.fieldLengths.worthPrefetching else { return }
                seg.fieldLengths.prefetchBody(cur.doc)
            }
        }
    }

    /// Score of clause `i` in its current document.
    @inline(__always)
    func score(_ i: Int) -> Double {
        cursors[i]._withUnsafeGuaranteedRef { cur in
            segment._withUnsafeGuaranteedRef { seg in
                weights[i] * scorings[i].saturatedTF((cur.tf(.title), cur.tf(.headings), cur.tf(.body)), doc: cur.doc, segment: seg)
            }
        }
    }

    /// Calls `body` with each document of clause `i` from the current one through `end` and its
    /// score (the same float as `score(i)`), reading decoded blocks in place; leaves the cursor
    /// on the first document after `end`. One call into the cursor per block, not per document.
    @inline(__always)
    func forEach(_ i: Int, through end: UInt32, _ body: (UInt32, Double) -> Void) throws(IndexError) {
        let weight = weights[i]
        let scoring = scorings[i]
        let r: Result<Void, IndexError> = cursors[i]._withUnsafeGuaranteedRef { c in
            segment._withUnsafeGuaranteedRef { seg in
                do throws(IndexError) {
                    while c.doc <= end {
                        var j = c.bufferIndex
                        let n = c.bufferedCount
                        while j < n {
                            let d = c.blockDoc(j)
                            if d > end { break }
                            body(d, weight * scoring.saturatedTF((c.blockTF(j, .title), c.blockTF(j, .headings), c.blockTF(j, .body)),
                                                                 doc: d, segment: seg))
                            j += 1
                        }
                        try c.moveToBuffered(j)
                    }
                    return .success(())
                } catch { return .failure(error) }
            }
        }
        try r.get()
    }

    @inline(__always) @discardableResult
    func next(_ i: Int) throws(IndexError) -> UInt32 {
        let r: Result<UInt32, IndexError> = cursors[i]._withUnsafeGuaranteedRef { c in
            do throws(IndexError) { return .success(try c.next()) } catch { return .failure(error) }
        }
        return try r.get()
    }

    @inline(__always) @discardableResult
    func advance(_ i: Int, to target: UInt32) throws(IndexError) -> UInt32 {
        let r: Result<UInt32, IndexError> = cursors[i]._withUnsafeGuaranteedRef { c in
            // Already there (a probed term often is): no call into the cursor's module.
            let d = c.doc
            if d >= target && d != PostingsCursor.noMoreDocs { return .success(d) }
            if let near = c.advanceWithinBlock(to: target) { return .success(near) }
            do throws(IndexError) { return .success(try c.advance(to: target)) } catch { return .failure(error) }
        }
        return try r.get()
    }

    /// The block of clause `i` that would hold `doc` (searching forward from `hint`), and that
    /// block's last document.
    @inline(__always)
    func block(_ i: Int, holding doc: UInt32, from hint: Int) -> (index: Int, lastDoc: UInt32) {
        cursors[i]._withUnsafeGuaranteedRef { c in
            var b = hint
            while b < c.fullBlockCount && c.lastDoc(ofBlock: b) < doc { b += 1 }
            return (b, c.lastDoc(ofBlock: b))
        }
    }

    @inline(__always)
    func isDeleted(_ doc: UInt32) -> Bool { segment._withUnsafeGuaranteedRef { $0.isDeleted(doc) } }
}
