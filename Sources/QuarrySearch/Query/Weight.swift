import QuarryIndex

/// A query prepared against one index: terms analyzed, idf computed, fields resolved.
/// Built once per query; turned into a `Scorer` per segment.
indirect enum Weight: Sendable {
    /// `weight` = boost · idf; 0 for filter terms (`lang:`, `path:`), which match without scoring.
    case term(String, fields: [Field]?, weight: Double, idf: Double, boost: Double)
    case phrase([String], offsets: [UInt32], slop: Int, fields: [Field]?, weight: Double, idf: Double, boost: Double)
    case boolean(must: [Weight], should: [Weight], mustNot: [Weight])
    /// Alternatives for one query word (its stems in each language of the index); a document
    /// matching several gets the best one's score, so a word never counts twice.
    case anyOf([Weight])
    /// Matches nothing (a word that analysis reduced to nothing, a term absent from the index).
    case nothing

    /// The clauses of a plain bag of words — a term, or a disjunction of unrestricted, scoring
    /// terms — which `MaxScoreTopK` and `AccumulatorTopK` can run; nil for anything else.
    var termDisjunction: [(term: String, weight: Double, fields: [Field]?)]? {
        switch self {
        case .term(let t, let fields, let weight, _, _) where weight > 0: return [(t, weight, fields)]
        case .boolean(let must, let should, let mustNot) where must.isEmpty && mustNot.isEmpty && !should.isEmpty:
            var out: [(String, Double, [Field]?)] = []
            for c in should {
                guard case .term(let t, let fields, let weight, _, _) = c, weight > 0, fields == nil else { return nil }
                out.append((t, weight, fields))
            }
            return out
        default: return nil
        }
    }

    /// The terms of a pure conjunction of plain terms (`+a +b`, `a AND b`), for `ConjunctionTopK`;
    /// nil for anything else (phrases, fields, filters, optional or excluded clauses).
    var termConjunction: [(term: String, weight: Double)]? {
        guard case .boolean(let must, let should, let mustNot) = self, must.count >= 2, should.isEmpty, mustNot.isEmpty else { return nil }
        var out: [(String, Double)] = []
        for c in must {
            guard case .term(let t, let fields, let weight, _, _) = c, weight > 0, fields == nil else { return nil }
            out.append((t, weight))
        }
        return out
    }

    var isNothing: Bool { if case .nothing = self { return true } else { return false } }

    /// A `lang:`/`path:` filter: matches without scoring.
    var isFilter: Bool {
        switch self {
        case .term(_, _, let weight, _, let boost): return weight == 0 && boost == 0
        case .boolean(let must, let should, let mustNot): return !(must + should).isEmpty && (must + should).allSatisfy(\.isFilter) && mustNot.isEmpty
        default: return false
        }
    }
}

/// Terms to highlight in snippets: single terms, and phrases highlighted only as phrases.
public struct HighlightSpec: Sendable, Equatable {
    public var terms: Set<String> = []
    public var prefixes: [String] = []
    public var phrases: [(terms: [String], offsets: [UInt32], slop: Int)] = []

    public static func == (a: HighlightSpec, b: HighlightSpec) -> Bool {
        a.terms == b.terms && a.prefixes == b.prefixes && a.phrases.count == b.phrases.count
    }
}
