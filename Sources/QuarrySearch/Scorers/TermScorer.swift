import QuarryIndex

/// Scores one term's postings with BM25F. A filter term (`lang:`, `path:`) scores 0.
final class TermScorer: Scorer {
    let cursor: PostingsCursor
    let segment: SegmentReader
    let scoring: FieldScoring
    /// boost · idf
    let weight: Double

    init(cursor: PostingsCursor, segment: SegmentReader, scoring: FieldScoring, weight: Double) {
        self.cursor = cursor
        self.segment = segment
        self.scoring = scoring
        self.weight = weight
    }

    var doc: UInt32 { cursor.doc }
    var cost: Int { cursor.docFreq }

    func next() throws(IndexError) -> UInt32 { try cursor.next() }
    func advance(to target: UInt32) throws(IndexError) -> UInt32 { try cursor.advance(to: target) }

    func score() throws(IndexError) -> Double {
        guard weight != 0 else { return 0 }
        return weight * scoring.saturatedTF((cursor.tf(.title), cursor.tf(.headings), cursor.tf(.body)), doc: cursor.doc, segment: segment)
    }
}

/// A term restricted to some fields: documents match only if the term occurs in one of them.
final class FieldTermScorer: Scorer {
    let inner: TermScorer
    let fields: [Field]

    init(inner: TermScorer, fields: [Field]) {
        self.inner = inner
        self.fields = fields
    }

    var doc: UInt32 { inner.doc }
    var cost: Int { inner.cost }

    private func inField() -> Bool { fields.contains { inner.cursor.tf($0) > 0 } }

    func next() throws(IndexError) -> UInt32 {
        var d = try inner.next()
        while d != noMoreDocs && !inField() { d = try inner.next() }
        return d
    }

    func advance(to target: UInt32) throws(IndexError) -> UInt32 {
        var d = try inner.advance(to: target)
        while d != noMoreDocs && !inField() { d = try inner.next() }
        return d
    }

    func score() throws(IndexError) -> Double { try inner.score() }
}
