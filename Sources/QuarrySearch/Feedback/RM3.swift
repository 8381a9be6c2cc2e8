import Foundation
import QuarryIndex
import QuarryText


/// RM3 query expansion (Lavrenko & Croft's relevance model, interpolated with the query as in
/// Anserini): run the query, estimate a term distribution from the top documents, and run
/// the original terms plus the best expansion terms as one weighted bag of words.
///
/// P(t|R) = Σ_d P(d|q) · tf(t,d) / |d| over the top `documents`, with P(d|q) ∝ exp(score);
/// final weight = λ · qtf(t)/|q| + (1 − λ) · P(t|R) / Σ P(top terms|R), as `word^weight`
/// boosts. Stopwords, one-letter words and numbers are not expansion candidates. Defaults
/// (10 documents, 10 terms, λ = 0.5) are Anserini's, not tuned here.
///
/// Behind `--prf` in `search`, `batch` and `eval`. Cost: a second search, plus reading and
/// analyzing the stored text of the feedback documents.
public struct RM3: Sendable {
    public var documents: Int
    public var terms: Int
    public var originalWeight: Double

    /// Parses `docs,terms,weight`; nil when malformed or out of range.
    public init?(parameters: String) {
        let parts = parameters.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 3, let d = Int(parts[0]), let t = Int(parts[1]), let w = Double(parts[2]),
              d >= 1, t >= 1, (0...1).contains(w) else { return nil }
        documents = d
        terms = t
        originalWeight = w
    }

    public func search(_ text: String, searcher: Searcher, options: SearchOptions) throws(SearchError) -> SearchResults {
        var first = options
        first.limit = documents
        first.explain = false
        let initial = try searcher.search(text, options: first)
        guard let expanded = try expand(text, hits: initial.hits, reader: searcher.reader, language: options.language)
        else { return try searcher.search(text, options: options) }
        return try searcher.search(expanded, options: options)
    }

    /// The expanded query text, or nil when there is nothing to expand with.
    public func expand(_ text: String, hits: [SearchHit], reader: IndexReader, language: Language?) throws(SearchError) -> String? {
        let analyzer = Analyzer(configuration: reader.analyzerConfiguration)
        let queryLanguage = language ?? reader.analyzerConfiguration.defaultLanguage
        func usable(_ token: Token) -> Bool {
            !token.isStopword && token.word.count > 1 && token.word.allSatisfy { $0.isLetter || $0.isNumber }
                && !token.word.allSatisfy(\.isNumber)
        }
        var surface: [String: [String: Int]] = [:]
        var queryCounts: [String: Int] = [:]
        for token in analyzer.analyze(text, language: queryLanguage) where usable(token) {
            queryCounts[token.term, default: 0] += 1
            surface[token.term, default: [:]][token.word, default: 0] += 1
        }
        guard !queryCounts.isEmpty, let best = hits.map(\.score).max() else { return nil }
        let documentWeights = hits.map { exp($0.score - best) }
        let total = documentWeights.reduce(0, +)
        var relevance: [String: Double] = [:]
        for (hit, weight) in zip(hits, documentWeights) {
            let stored: StoredDocument
            do { stored = try reader.segments[hit.segment].document(hit.doc) } catch { throw .index(error) }
            let fields = stored.fields
            let lang = fields.language.flatMap(Language.init(tag:)) ?? queryLanguage
            let tokens = analyzer.analyze(fields.title + "\n" + fields.headings + "\n" + fields.body, language: lang)
                .filter(usable)
            guard !tokens.isEmpty else { continue }
            let share = weight / total / Double(tokens.count)
            for token in tokens {
                relevance[token.term, default: 0] += share
                surface[token.term, default: [:]][token.word, default: 0] += 1
            }
        }
        let expansion = relevance.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(terms)
        let expansionTotal = expansion.reduce(0) { $0 + $1.value }
        let queryLength = Double(queryCounts.values.reduce(0, +))
        var weights: [String: Double] = [:]
        for (term, count) in queryCounts { weights[term, default: 0] += originalWeight * Double(count) / queryLength }
        if expansionTotal > 0 {
            for (term, value) in expansion { weights[term, default: 0] += (1 - originalWeight) * value / expansionTotal }
        }
        // Each term is written as its most frequent surface word, which analyzes back to it.
        let parts: [String] = weights.sorted { $0.key < $1.key }.compactMap { term, weight in
            guard weight > 0, let word = surface[term]?.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key })?.key
            else { return nil }
            return word + "^" + String(format: "%.6f", weight)
        }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }
}
