import Foundation
import QuarryIndex
import QuarryText

/// How to run a search.
public struct SearchOptions: Sendable {
    public var limit: Int
    public var offset: Int
    public var parameters: BM25Parameters
    /// Query language; nil = the index's default.
    public var language: Language?
    public var snippets: Bool
    public var explain: Bool
    public var maxPrefixExpansion: Int
    /// Load each hit's stored document (title, language, snippet); false gives keys only, which
    /// is what ranked lists need and costs no decompression.
    public var loadDocuments: Bool = true
    /// Count every match exactly. When false, bag-of-words queries skip documents that cannot
    /// reach the top `limit` (MaxScore), and `totalMatches` becomes a lower bound.
    public var exactTotal: Bool = true

    public init(limit: Int = 10, offset: Int = 0, parameters: BM25Parameters = .default, language: Language? = nil,
                snippets: Bool = true, explain: Bool = false, maxPrefixExpansion: Int = 10_000) {
        self.limit = limit
        self.offset = offset
        self.parameters = parameters
        self.language = language
        self.snippets = snippets
        self.explain = explain
        self.maxPrefixExpansion = maxPrefixExpansion
    }
}

/// One ranked result.
public struct SearchHit: Sendable {
    public var rank: Int
    public var score: Double
    /// The document key (path relative to the crawl root).
    public var key: String
    public var title: String
    public var language: String?
    public var snippet: Snippet?
    public var explanation: Explanation?
    /// Position of the document in the index (segment, doc id): stable within one commit.
    public var segment: Int
    public var doc: UInt32
}

public struct SearchResults: Sendable {
    public var query: String
    public var hits: [SearchHit]
    /// Number of matching documents; a lower bound when `totalIsExact` is false.
    public var totalMatches: UInt64
    public var totalIsExact: Bool
    public var elapsedSeconds: Double
}

/// Runs queries against one `IndexReader`.
///
/// Not thread-safe (it owns an `Analyzer`); create one per thread — they are cheap, and the
/// reader they share is immutable.
public final class Searcher {
    public let reader: IndexReader
    let analyzer: Analyzer
    private let parser = QueryParser()
    /// The index's document languages, found by the first query that needs them.
    private var languages: [Language]? = nil

    public init(reader: IndexReader) {
        self.reader = reader
        analyzer = Analyzer(configuration: reader.analyzerConfiguration)
    }

    /// Parses and runs `text`, after the mojibake repair the documents got at indexing: a query
    /// pasted from a page that shows `G√ľnther` finds the `Günther` the index holds. The whole
    /// text is repaired before parsing, as mis-decoded characters can include the curly quotes
    /// the parser reads as phrase marks (`Ą` read as windows-1252 is `Ä„`). Text that is not
    /// mojibake is left as it is (a byte scan for ASCII queries).
    public func search(_ text: String, options: SearchOptions = SearchOptions()) throws(SearchError) -> SearchResults {
        let started = DispatchTime.now().uptimeNanoseconds
        let text = MojibakeRepair.repair(text) ?? text
        let query: Query
        do { query = try parser.parse(text) } catch { throw .query(error) }
        var results = try search(query, options: options)
        results.query = text
        results.elapsedSeconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        return results
    }

    /// The longest prefix shared by all `strings` (by Unicode scalars, so never half a character).
    static func commonPrefix(_ strings: [String]) -> String {
        guard var prefix = strings.first.map({ Array($0.unicodeScalars) }) else { return "" }
        for s in strings.dropFirst() {
            var n = 0
            var it = s.unicodeScalars.makeIterator()
            while n < prefix.count, let c = it.next(), c == prefix[n] { n += 1 }
            prefix.removeSubrange(n...)
            if prefix.isEmpty { break }
        }
        return String(String.UnicodeScalarView(prefix))
    }

    /// Runs an already parsed query.
    public func search(_ query: Query, options: SearchOptions) throws(SearchError) -> SearchResults {
        let started = DispatchTime.now().uptimeNanoseconds
        let language = options.language ?? reader.analyzerConfiguration.defaultLanguage
        var compiler = QueryCompiler(reader: reader, analyzer: analyzer, language: language,
                                     maxPrefixExpansion: options.maxPrefixExpansion, knownLanguages: languages)
        let weight = try compiler.compile(query)
        languages = compiler.languagesCache
        let statistics = compiler.statistics
        let k = max(0, options.offset) + max(0, options.limit)
        var collector = TopDocsCollector(k: k)
        var exact = true
        do {
            let disjunction = weight.termDisjunction
            for (si, segment) in reader.segments.enumerated() {
                let base = reader.docBases[si]
                // Opens cursors from the compiler's dictionary entries, and builds scorer trees.
                let factory = ScorerFactory(segment: segment, parameters: options.parameters, statistics: statistics,
                                            known: compiler.termInfoCache, segmentIndex: si, pairing: analyzer)
                if let terms = disjunction, terms.count > 16 {
                    // A prefix expansion's entries were found by the compiler, in the order of
                    // the clauses (walked alongside them). Otherwise many terms sharing a prefix
                    // are found by one dictionary scan, and the few that do not share one are
                    // looked up one by one.
                    let expansion = compiler.expansionTerms
                    let expansionInfos = si < compiler.expansionInfos.count ? compiler.expansionInfos[si] : []
                    var next = 0
                    var infos: [String: TermInfo] = [:]
                    var scanned = false
                    if expansion.isEmpty {
                        let shared = Self.commonPrefix(terms.map(\.term))
                        if !shared.isEmpty {
                            infos = try segment.termInfos(withPrefix: shared, among: Set(terms.map(\.term)))
                            scanned = true
                        }
                    }
                    // Unfielded terms (every term of a prefix expansion) share one scoring.
                    let unfielded = FieldScoring(parameters: options.parameters, statistics: statistics, fields: nil)
                    var entries: [(TermInfo, FieldScoring, Double)] = []
                    entries.reserveCapacity(terms.count)
                    for t in terms {
                        let info: TermInfo
                        if next < expansionInfos.count && expansion[next] == t.term {
                            next += 1
                            guard let i = expansionInfos[next - 1] else { continue }
                            info = i
                        } else if let i = infos[t.term] {
                            info = i
                        } else if scanned {
                            continue  // the scan covered every term with the shared prefix
                        } else if let i = try factory.termInfo(t.term) {
                            info = i
                        } else {
                            continue
                        }
                        let scoring = t.fields == nil ? unfielded
                            : FieldScoring(parameters: options.parameters, statistics: statistics, fields: t.fields)
                        entries.append((info, scoring, t.weight))
                    }
                    _ = try AccumulatorTopK.run(terms: entries, segment: segment, into: &collector, base: base, segmentIndex: si)
                    continue
                }
                if let terms = disjunction, !options.exactTotal && k > 0 {
                    var clauses: [(PostingsCursor, FieldScoring, Double)] = []
                    for t in terms {
                        guard let cursor = try factory.cursor(t.term) else { continue }
                        clauses.append((cursor, FieldScoring(parameters: options.parameters, statistics: statistics, fields: t.fields), t.weight))
                    }
                    exact = false
                    if clauses.count == 1 {
                        let (cursor, scoring, weight) = clauses[0]
                        let clause = try TermClause(cursor: cursor, scoring: scoring, weight: weight, segment: segment)
                        _ = try TermTopK.run(clause, segment: segment, into: &collector, base: base, segmentIndex: si)
                    } else {
                        _ = try MaxScoreTopK(terms: clauses, segment: segment).run(into: &collector, base: base, segmentIndex: si)
                    }
                    continue
                }
                if let terms = weight.termConjunction, !options.exactTotal && k > 0 {
                    var clauses: [(PostingsCursor, FieldScoring, Double)] = []
                    for t in terms {
                        guard let c = try factory.cursor(t.term) else { clauses = []; break }
                        clauses.append((c, FieldScoring(parameters: options.parameters, statistics: statistics, fields: nil), t.weight))
                    }
                    exact = false
                    if !clauses.isEmpty {
                        _ = try ConjunctionTopK(terms: clauses, segment: segment).run(into: &collector, base: base, segmentIndex: si)
                    }
                    continue
                }
                guard let scorer = try factory.make(weight) else { continue }
                // A lone phrase skips the candidates that cannot enter the top k.
                let phrase = !options.exactTotal && k > 0 ? scorer as? PhraseScorer : nil
                if phrase != nil { exact = false }
                phrase?.minCompetitiveScore = collector.threshold
                var d = try scorer.next()
                while d != noMoreDocs {
                    if !segment.isDeleted(d) {
                        collector.collect(.init(score: try scorer.score(), global: base + UInt64(d), segment: si, doc: d))
                        phrase?.minCompetitiveScore = collector.threshold
                    }
                    d = try scorer.next()
                }
            }
        } catch { throw .index(error) }
        var hits: [SearchHit] = []
        let ranked = collector.sorted()
        for (i, e) in ranked.enumerated() where i >= options.offset {
            let segment = reader.segments[e.segment]
            if !options.loadDocuments && !options.explain {
                let key: String
                do { key = try segment.key(e.doc) } catch { throw .index(error) }
                hits.append(SearchHit(rank: i + 1, score: e.score, key: key, title: "", language: nil, snippet: nil,
                                      explanation: nil, segment: e.segment, doc: e.doc))
                continue
            }
            let stored: StoredDocument
            do { stored = try segment.document(e.doc) } catch { throw .index(error) }
            var hit = SearchHit(rank: i + 1, score: e.score, key: stored.fields.key, title: stored.fields.title,
                                language: stored.fields.language, snippet: nil, explanation: nil,
                                segment: e.segment, doc: e.doc)
            if options.snippets {
                let lang = stored.fields.language.flatMap(Language.init(tag:)) ?? language
                hit.snippet = SnippetBuilder(analyzer: analyzer, highlights: compiler.highlights)
                    .snippet(for: stored.fields.body, language: lang)
            }
            if options.explain {
                do {
                    hit.explanation = try Explainer(reader: reader, segment: segment, parameters: options.parameters, statistics: statistics)
                        .explain(weight, doc: e.doc)
                } catch { throw .index(error) }
            }
            hits.append(hit)
        }
        return SearchResults(query: query.description, hits: hits, totalMatches: collector.totalHits, totalIsExact: exact,
                             elapsedSeconds: Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
    }
}
