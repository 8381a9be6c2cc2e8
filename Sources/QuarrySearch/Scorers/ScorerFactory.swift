import QuarryIndex
import QuarryText

/// Builds the scorer tree of a `Weight` for one segment; nil when nothing can match there.
struct ScorerFactory {
    let segment: SegmentReader
    let parameters: BM25Parameters
    let statistics: CollectionStatistics
    /// Entries the query compiler already looked up (`QueryCompiler.termInfoCache`), and this
    /// segment's place in them.
    var known: [String: [TermInfo?]] = [:]
    var segmentIndex = 0
    /// The index's analyzer, when exact phrases are to be matched on word pairs (its
    /// configuration has `commonGrams`); nil matches them on their words' positions alone.
    var pairing: Analyzer? = nil

    /// A cursor on `term` in this segment, from the compiler's lookup when it made one.
    func cursor(_ term: String) throws(IndexError) -> PostingsCursor? {
        if let infos = known[term], segmentIndex < infos.count {
            return try infos[segmentIndex].map { (info: TermInfo) throws(IndexError) in try segment.cursor(info) }
        }
        return try segment.cursor(term)
    }

    /// The dictionary entry of `term` in this segment, from the compiler's lookup when it made one.
    func termInfo(_ term: String) throws(IndexError) -> TermInfo? {
        if let infos = known[term], segmentIndex < infos.count { return infos[segmentIndex] }
        return try segment.termInfo(term)
    }

    func make(_ w: Weight) throws(IndexError) -> (any Scorer)? {
        switch w {
        case .nothing:
            return nil
        case .term(let term, let fields, let weight, _, _):
            guard let cursor = try cursor(term) else { return nil }
            let scoring = FieldScoring(parameters: parameters, statistics: statistics, fields: fields)
            let scorer = TermScorer(cursor: cursor, segment: segment, scoring: scoring, weight: weight)
            if let fields { return FieldTermScorer(inner: scorer, fields: fields) }
            return scorer
        case .phrase(let terms, let offsets, let slop, let fields, let weight, _, _):
            var units = (terms: terms, offsets: offsets)
            if slop == 0, let pairing, pairing.configuration.commonGrams {
                units = Self.pairUnits(terms: terms, offsets: offsets, isCommon: pairing.isCommonTerm)
            }
            var cursors: [PostingsCursor] = []
            for t in units.terms {
                guard let c = try cursor(t) else { return nil }
                cursors.append(c)
            }
            let offsets = units.offsets
            let scoring = FieldScoring(parameters: parameters, statistics: statistics, fields: fields)
            return PhraseScorer(cursors: cursors, offsets: offsets, slop: slop, fields: fields, segment: segment,
                                scoring: scoring, weight: weight)
        case .anyOf(let alternatives):
            var subs: [any Scorer] = []
            for a in alternatives { if let sc = try make(a) { subs.append(sc) } }
            if subs.isEmpty { return nil }
            return subs.count == 1 ? subs[0] : DisjunctionScorer(subs, combine: .max)
        case .boolean(let must, let should, let mustNot):
            var required: [any Scorer] = []
            for m in must {
                guard let s = try make(m) else { return nil }
                required.append(s)
            }
            var optional: [any Scorer] = []
            for s in should { if let sc = try make(s) { optional.append(sc) } }
            var excluded: [any Scorer] = []
            for n in mustNot { if let sc = try make(n) { excluded.append(sc) } }
            var result: any Scorer
            if required.isEmpty {
                guard !optional.isEmpty else { return nil }
                result = optional.count == 1 ? optional[0] : DisjunctionScorer(optional)
            } else {
                let req: any Scorer = required.count == 1 ? required[0] : ConjunctionScorer(required)
                if optional.isEmpty {
                    result = req
                } else {
                    result = RequiredOptionalScorer(required: req, optional: optional.count == 1 ? optional[0] : DisjunctionScorer(optional))
                }
            }
            if !excluded.isEmpty {
                result = ExclusionScorer(required: result, excluded: excluded.count == 1 ? excluded[0] : DisjunctionScorer(excluded))
            }
            return result
        }
    }

    /// The terms that verify an exact phrase on an index with word pairs (`CommonGrams`), with
    /// their offsets: the pair of every two adjacent words of which one is common, at the first
    /// word's offset, and every word no pair covers. The phrase occurs at p exactly when each of
    /// these occurs at p + its offset: a pair at p means its two words at p and p + 1, with no
    /// gap between them, which is what the words' own positions would have had to show.
    /// Words whose offsets are not adjacent (a line break in the query) are not paired.
    static func pairUnits(terms: [String], offsets: [UInt32],
                          isCommon: (String) -> Bool) -> (terms: [String], offsets: [UInt32]) {
        guard terms.count > 1, terms.count == offsets.count else { return (terms, offsets) }
        var covered = [Bool](repeating: false, count: terms.count)
        var unitTerms: [String] = [], unitOffsets: [UInt32] = []
        let common = terms.map(isCommon)
        for i in 0..<(terms.count - 1) where offsets[i + 1] == offsets[i] &+ 1 && (common[i] || common[i + 1]) {
            unitTerms.append(CommonGrams.term(terms[i], terms[i + 1]))
            unitOffsets.append(offsets[i])
            covered[i] = true
            covered[i + 1] = true
        }
        if unitTerms.isEmpty { return (terms, offsets) }
        for i in terms.indices where !covered[i] {
            unitTerms.append(terms[i])
            unitOffsets.append(offsets[i])
        }
        return (unitTerms, unitOffsets)
    }
}
