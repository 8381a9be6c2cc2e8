import QuarryIndex

/// Required clauses with optional ones adding to the score when they also match.
final class RequiredOptionalScorer: Scorer {
    private let required: any Scorer
    private let optional: any Scorer

    init(required: any Scorer, optional: any Scorer) {
        self.required = required
        self.optional = optional
    }

    var doc: UInt32 { required.doc }
    var cost: Int { required.cost }

    func next() throws(IndexError) -> UInt32 { try required.next() }
    func advance(to target: UInt32) throws(IndexError) -> UInt32 { try required.advance(to: target) }

    func score() throws(IndexError) -> Double {
        var s = try required.score()
        let d = required.doc
        if try optional.advance(to: d) == d { s += try optional.score() }
        return s
    }
}

/// Documents of `required` that `excluded` does not match.
final class ExclusionScorer: Scorer {
    private let required: any Scorer
    private let excluded: any Scorer

    init(required: any Scorer, excluded: any Scorer) {
        self.required = required
        self.excluded = excluded
    }

    var doc: UInt32 { required.doc }
    var cost: Int { required.cost }

    func next() throws(IndexError) -> UInt32 { try skipExcluded(try required.next()) }
    func advance(to target: UInt32) throws(IndexError) -> UInt32 {
        if required.doc != noMoreDocs && required.doc >= target { return required.doc }
        return try skipExcluded(try required.advance(to: target))
    }

    private func skipExcluded(_ start: UInt32) throws(IndexError) -> UInt32 {
        var d = start
        while d != noMoreDocs, try excluded.advance(to: d) == d { d = try required.next() }
        return d
    }

    func score() throws(IndexError) -> Double { try required.score() }
}

/// Filters out deleted documents of the segment.
final class LiveDocsScorer: Scorer {
    private let inner: any Scorer
    private let segment: SegmentReader

    init(_ inner: any Scorer, segment: SegmentReader) {
        self.inner = inner
        self.segment = segment
    }

    var doc: UInt32 { inner.doc }
    var cost: Int { inner.cost }

    func next() throws(IndexError) -> UInt32 { try skipDeleted(try inner.next()) }
    func advance(to target: UInt32) throws(IndexError) -> UInt32 { try skipDeleted(try inner.advance(to: target)) }

    private func skipDeleted(_ start: UInt32) throws(IndexError) -> UInt32 {
        var d = start
        while d != noMoreDocs && segment.isDeleted(d) { d = try inner.next() }
        return d
    }

    func score() throws(IndexError) -> Double { try inner.score() }
}
