import QuarryIndex
import QuarryText

/// Turns a parsed `Query` into a `Weight`: analyzes words with the index's analyzer, resolves
/// fields, expands prefixes over the unstemmed word lists, computes idf from collection
/// statistics, and drops stopwords from bag-of-words clauses when other words remain.
struct QueryCompiler {
    let reader: IndexReader
    let analyzer: Analyzer
    let language: Language
    let statistics: CollectionStatistics
    var maxPrefixExpansion: Int
    private(set) var highlights = HighlightSpec()
    /// The terms of every prefix expansion, in the order of their clauses, and their dictionary
    /// entries per segment aligned with them (found while computing their idfs): the searcher
    /// walks them alongside the clauses and opens postings without looking terms up or hashing
    /// them again.
    private(set) var expansionTerms: [String] = []
    private(set) var expansionInfos: [[TermInfo?]] = []
    /// Languages of the index, computed once per `Searcher` (the reader never changes) and
    /// handed back through `knownLanguages`.
    private(set) var languagesCache: [Language]? = nil

    init(reader: IndexReader, analyzer: Analyzer, language: Language, maxPrefixExpansion: Int,
         knownLanguages: [Language]? = nil) {
        self.languagesCache = knownLanguages
        self.reader = reader
        self.analyzer = analyzer
        self.language = language
        self.statistics = CollectionStatistics(reader: reader)
        self.maxPrefixExpansion = maxPrefixExpansion
    }

    /// Prefix of the hidden filter terms (`lang:de` → "\u{1F}lang:de").
    static func filterTerm(_ field: String, _ value: String) -> String { "\u{1F}\(field):\(value)" }

    private mutating func idf(_ term: String) throws(IndexError) -> Double {
        BM25Parameters.idf(docCount: statistics.docCount, docFreq: try docFreq(term))
    }

    /// Dictionary entries of the terms looked up for their idf, per segment: the searcher opens
    /// their postings from these instead of looking each term up a second time.
    private(set) var termInfoCache: [String: [TermInfo?]] = [:]

    private mutating func docFreq(_ term: String) throws(IndexError) -> UInt64 {
        let infos: [TermInfo?]
        if let cached = termInfoCache[term] { infos = cached } else {
            infos = try reader.termInfos(term)
            termInfoCache[term] = infos
        }
        return infos.reduce(UInt64(0)) { $0 + UInt64($1?.docFreq ?? 0) }
    }

    private func fields(_ name: String?) -> [Field]? { name.flatMap(Field.init(name:)).map { [$0] } }

    /// The weight of a word that became several terms (a prefix or fuzzy expansion): any of them.
    private func anyOf(_ terms: [Weight]) -> Weight {
        terms.isEmpty ? .nothing : (terms.count == 1 ? terms[0] : .boolean(must: [], should: terms, mustNot: []))
    }

    mutating func compile(_ q: Query, negated: Bool = false) throws(SearchError) -> Weight {
        do {
            return try compileUnchecked(q, negated: negated)
        } catch let e as SearchError {
            throw e
        } catch let e as IndexError {
            throw .index(e)
        } catch {
            throw .index(.invalidArgument("\(error)"))
        }
    }

    private mutating func compileUnchecked(_ q: Query, negated: Bool) throws -> Weight {
        switch q {
        case .word(let text, let field, let boost):
            if field == "lang" || field == "path" { return filter(field!, text) }
            let tokens = analyzer.analyze(text, language: language)
            if tokens.isEmpty { return .nothing }
            if tokens.count == 1 {
                return try wordWeight(tokens[0], field: field, boost: boost, negated: negated)
            }
            return try phrase(tokens, slop: 0, field: field, boost: boost, negated: negated)
        case .phrase(let text, let slop, let field, let boost):
            if field == "path" { return filter(field!, text) }
            let tokens = analyzer.analyze(text, language: language)
            if tokens.isEmpty { return .nothing }
            if tokens.count == 1 {
                let t = tokens[0].term
                if !negated { highlights.terms.insert(t) }
                let idf = try idf(t)
                return .term(t, fields: fields(field), weight: boost * idf, idf: idf, boost: boost)
            }
            return try phrase(tokens, slop: slop, field: field, boost: boost, negated: negated)
        case .prefix(let text, let field, let boost):
            if field == "lang" || field == "path" { return try filterPrefix(field!, text) }
            let folded = analyzer.analyze(text, language: language).map(\.word)
            guard folded.count == 1, let prefix = folded.first else {
                return folded.isEmpty ? .nothing : .nothing
            }
            let (sorted, infos) = try expand(prefix, text: text)
            if !negated { highlights.prefixes.append(prefix) }
            if expansionInfos.isEmpty { expansionInfos = Array(repeating: [], count: infos.count) }
            expansionTerms.append(contentsOf: sorted)
            for i in infos.indices where i < expansionInfos.count { expansionInfos[i].append(contentsOf: infos[i]) }
            var should: [Weight] = []
            should.reserveCapacity(sorted.count)
            for (j, t) in sorted.enumerated() {
                let df = infos.reduce(UInt64(0)) { $0 + UInt64($1[j]?.docFreq ?? 0) }
                let idf = BM25Parameters.idf(docCount: statistics.docCount, docFreq: df)
                should.append(.term(t, fields: fields(field), weight: boost * idf, idf: idf, boost: boost))
            }
            return anyOf(should)
        case .fuzzy(let text, let maxEdits, let field, let boost):
            if field == "lang" || field == "path" {
                throw SearchError.query(QueryError(column: 1, message: "'\(field!):' values have no fuzzy matching; write \(field!):\(text)"))
            }
            let folded = analyzer.analyze(text, language: language).map(\.word)
            guard folded.count == 1, let word = folded.first else {
                if folded.isEmpty { return .nothing }
                throw SearchError.query(QueryError(column: 1, message: "'\(text)~\(maxEdits)' is several words; fuzzy matching applies to one word"))
            }
            var should: [Weight] = []
            for t in try fuzzyTerms(word, maxEdits: maxEdits) {
                if !negated { highlights.terms.insert(t) }
                let idf = try idf(t)
                should.append(.term(t, fields: fields(field), weight: boost * idf, idf: idf, boost: boost))
            }
            return anyOf(should)
        case .boolean(let must, let should, let mustNot, let boost):
            var m: [Weight] = [], s: [Weight] = [], n: [Weight] = []
            // Filters (lang:, path:) in a bag restrict it rather than widen it.
            for c in must { m.append(try compileUnchecked(c.scaled(boost), negated: negated)) }
            for c in mustNot { n.append(try compileUnchecked(c, negated: !negated)) }
            var stop: [Weight] = []
            for c in should {
                let w = try compileUnchecked(c.scaled(boost), negated: negated)
                if w.isFilter { m.append(w) }
                else if case .word(let text, nil, _) = c, isStopword(text) { stop.append(w) } else { s.append(w) }
            }
            // Stopwords rank only when nothing else is asked for; they still count in phrases.
            if s.isEmpty && m.isEmpty { s = stop }
            if m.contains(where: \.isNothing) { return .nothing }
            s.removeAll(where: \.isNothing)
            n.removeAll(where: \.isNothing)
            if m.isEmpty && s.isEmpty {
                if !n.isEmpty {
                    throw SearchError.query(QueryError(column: 1, message: "the query only excludes; add a term to search for"))
                }
                return .nothing
            }
            if m.isEmpty && n.isEmpty && s.count == 1 { return s[0] }
            return .boolean(must: m, should: s, mustNot: n)
        }
    }

    /// A single analyzed word: its term in the query language, OR'ed with its stems in the
    /// other languages the index holds — each restricted to documents of that language, so a
    /// German page that stems "Eltern" with the German stemmer is found, while an English page
    /// is never matched through a French stem of an English word.
    private mutating func wordWeight(_ token: Token, field: String?, boost: Double, negated: Bool) throws -> Weight {
        let primary = token.term
        var variants: [(term: String, language: Language?, df: UInt64)] = [(primary, nil, try docFreq(primary))]
        var seen: Set<String> = [primary]
        for other in try indexLanguages() where other != language {
            let t = analyzer.stem(token.word, language: other)
            guard seen.insert(t).inserted else { continue }
            let df = try docFreq(t)
            if df > 0 { variants.append((t, other, df)) }
        }
        // One idf for the word, from the documents matching any of its variants (they are
        // nearly disjoint by language, so the sum estimates the union): a variant that is rare
        // only because its language is rare in the index gets no extra weight.
        let df = variants.reduce(0) { $0 + $1.df }
        let idf = BM25Parameters.idf(docCount: statistics.docCount, docFreq: df)
        var alternatives: [Weight] = []
        for v in variants {
            if !negated { highlights.terms.insert(v.term) }
            let term = Weight.term(v.term, fields: fields(field), weight: boost * idf, idf: idf, boost: boost)
            if let l = v.language {
                alternatives.append(.boolean(must: [term, .term(Self.filterTerm("lang", l.code), fields: nil, weight: 0, idf: 0, boost: 0)],
                                             should: [], mustNot: []))
            } else {
                alternatives.append(term)
            }
        }
        return alternatives.count == 1 ? alternatives[0] : .anyOf(alternatives)
    }

    /// The distinct terms `prefix` expands to over every segment's word list, in `String` order,
    /// and each segment's dictionary entries aligned with them.
    ///
    /// Works on the terms' bytes: sorted and deduplicated by bytes, and found in the dictionaries
    /// by one merged scan, with one string built per term and none hashed (a prefix expands to
    /// thousands of words). Byte order is `String` order for the normalized text the analyzer
    /// produces; when the strings turn out not to be strictly increasing (unnormalized or
    /// damaged text), the expansion is redone with strings, so clause order and scores never
    /// depend on which way was taken.
    private func expand(_ prefix: String, text: String) throws -> ([String], [[TermInfo?]]) {
        func tooMany() -> SearchError {
            .query(QueryError(column: 1, message: "prefix '\(text)*' matches more than \(maxPrefixExpansion) words; use a longer prefix"))
        }
        var all = TermArena()
        let prefixBytes = Array(prefix.utf8)
        for s in reader.segments {
            guard try s.expandPrefixTerms(prefixBytes, limit: maxPrefixExpansion, into: &all) else { throw tooMany() }
        }
        let distinct = all.sortedDistinct()
        if distinct.count > maxPrefixExpansion { throw tooMany() }
        let strings = (0..<distinct.count).map(distinct.string)
        for i in strings.indices.dropFirst() where !(strings[i - 1] < strings[i]) {
            return try expandByStrings(Set(strings))
        }
        let shared = distinct.sharedPrefix()
        var infos: [[TermInfo?]] = []
        for s in reader.segments { infos.append(try s.termInfos(sorted: distinct, sharing: shared)) }
        return (strings, infos)
    }

    /// Most terms a fuzzy word becomes (Lucene's default too): the closest words win, so a
    /// short word with two edits does not turn into a bag of hundreds of unrelated ones.
    static let maxFuzzyExpansion = 50

    /// The terms of the unstemmed words within `maxEdits` of `word` (`FuzzyWords`), closest
    /// first, at most `maxFuzzyExpansion` of them, in `String` order.
    private func fuzzyTerms(_ word: String, maxEdits: Int) throws -> [String] {
        var closest: [String: Int] = [:]
        for m in try FuzzyWords.matches(of: word, maxEdits: maxEdits, in: reader) {
            closest[m.term] = Swift.min(closest[m.term] ?? m.distance, m.distance)
        }
        let ranked = closest.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.prefix(Self.maxFuzzyExpansion)
        return ranked.map(\.key).sorted()
    }

    /// `expand`'s fallback on strings: terms in `String` order, found by a dictionary scan per
    /// segment keyed by strings.
    private func expandByStrings(_ terms: Set<String>) throws -> ([String], [[TermInfo?]]) {
        let sorted = terms.sorted()
        let found = try reader.termInfos(terms, sharing: Searcher.commonPrefix(sorted))
        return (sorted, found.map { f in sorted.map { f[$0] } })
    }

    /// Languages of the indexed documents (from the hidden `lang:` terms), computed once.
    private mutating func indexLanguages() throws -> [Language] {
        if let cached = languagesCache { return cached }
        var codes = Set<String>()
        let prefix = Self.filterTerm("lang", "")
        for s in reader.segments {
            for t in try s.terms(withPrefix: prefix, limit: 1000) ?? [] { codes.insert(String(t.dropFirst(prefix.count))) }
        }
        let result = codes.sorted().compactMap(Language.init(tag:))
        languagesCache = result
        return result
    }

    private func isStopword(_ text: String) -> Bool {
        let tokens = analyzer.analyze(text, language: language)
        return tokens.count == 1 && tokens[0].isStopword
    }

    private mutating func phrase(_ tokens: [Token], slop: Int, field: String?, boost: Double, negated: Bool) throws -> Weight {
        let terms = tokens.map(\.term)
        let first = tokens[0].position
        let offsets = tokens.map { $0.position - first }
        var idf = 0.0
        for t in terms { idf += try self.idf(t) }
        if !negated { highlights.phrases.append((terms, offsets, slop)) }
        return .phrase(terms, offsets: offsets, slop: slop, fields: fields(field), weight: boost * idf, idf: idf, boost: boost)
    }

    private func filter(_ field: String, _ value: String) -> Weight {
        let v = field == "lang" ? (Language(tag: value)?.code ?? value.lowercased())
            : DocumentAnalyzer.pathWords(value, analyzer: analyzer).joined(separator: " ")
        if field == "path", v.contains(" ") {
            let parts = v.split(separator: " ").map { Weight.term(Self.filterTerm(field, String($0)), fields: nil, weight: 0, idf: 0, boost: 0) }
            return .boolean(must: parts, should: [], mustNot: [])
        }
        return .term(Self.filterTerm(field, v), fields: nil, weight: 0, idf: 0, boost: 0)
    }

    private func filterPrefix(_ field: String, _ value: String) throws -> Weight {
        var terms = Set<String>()
        let p = Self.filterTerm(field, value.lowercased())
        for s in reader.segments {
            guard let found = try s.terms(withPrefix: p, limit: maxPrefixExpansion) else {
                throw SearchError.query(QueryError(column: 1, message: "prefix '\(field):\(value)*' matches too many values"))
            }
            terms.formUnion(found)
        }
        let should = terms.sorted().map { Weight.term($0, fields: nil, weight: 0, idf: 0, boost: 0) }
        return should.isEmpty ? .nothing : .boolean(must: [], should: should, mustNot: [])
    }
}

extension Query {
    /// Multiplies a clause's boost (a boosted group passes its boost down to its clauses).
    func scaled(_ factor: Double) -> Query {
        guard factor != 1 else { return self }
        switch self {
        case .word(let w, let f, let b): return .word(w, field: f, boost: b * factor)
        case .phrase(let s, let slop, let f, let b): return .phrase(s, slop: slop, field: f, boost: b * factor)
        case .prefix(let s, let f, let b): return .prefix(s, field: f, boost: b * factor)
        case .fuzzy(let s, let e, let f, let b): return .fuzzy(s, maxEdits: e, field: f, boost: b * factor)
        case .boolean(let m, let s, let n, let b): return .boolean(must: m, should: s, mustNot: n, boost: b * factor)
        }
    }
}

/// Why a search failed: the query (with its column) or the index.
public enum SearchError: Error, Sendable, Equatable, CustomStringConvertible {
    case query(QueryError)
    case index(IndexError)

    public var description: String {
        switch self {
        case .query(let e): return e.description
        case .index(let e): return e.description
        }
    }
}
