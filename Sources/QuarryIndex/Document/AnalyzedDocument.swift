import Foundation
import QuarryText

/// A document after analysis, ready to be inverted. Produced in parallel (one `DocumentAnalyzer`
/// per thread); consumed in order by the single `SegmentBuilder`, which keeps doc ids and
/// therefore results independent of the thread count.
public struct AnalyzedDocument: Sendable {
    public var fields: DocumentFields
    /// Indexed terms in position order, with their positions and fields.
    public var terms: [String] = []
    public var positions: [UInt32] = []
    public var fieldOf: [UInt8] = []
    /// Token count per field (BM25 length), and where headings and body start in position space.
    public var lengths: [UInt32] = [0, 0, 0]
    public var headingsStart: UInt32 = 0
    public var bodyStart: UInt32 = 0
    /// Distinct (unstemmed word, term) pairs, for prefix expansion.
    public var words: [(word: String, term: String)] = []
    /// Hidden filter terms (`lang:`, `path:` queries): indexed without positions or frequency,
    /// so they filter but never score. Each is "\u{1F}field:value".
    public var keywords: [String] = []
}

/// Runs the analysis chain over a document's fields. Not thread-safe: one per thread.
public final class DocumentAnalyzer {
    public let analyzer: Analyzer

    public init(configuration: AnalyzerConfiguration) {
        analyzer = Analyzer(configuration: configuration)
    }

    /// Language for a document: its declared tag, or the configured default.
    public func language(of fields: DocumentFields) -> Language {
        fields.language.flatMap(Language.init(tag:)) ?? analyzer.configuration.defaultLanguage
    }

    /// The folded words of a document key for `path:` filters: split at every character that is
    /// not a letter or digit, so `press/2017/commitments.html` gives press, 2017, commitments, html.
    public static func pathWords(_ key: String, analyzer: Analyzer) -> [String] {
        key.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map { analyzer.fold(String($0)) }
    }

    public func analyze(_ fields: DocumentFields) -> AnalyzedDocument {
        var doc = AnalyzedDocument(fields: fields)
        let language = language(of: fields)
        let gap = analyzer.configuration.blockGap + 1
        var next: UInt32 = 0
        var seen = Set<String>()
        for field in Field.allCases {
            if field == .headings { doc.headingsStart = next }
            if field == .body { doc.bodyStart = next }
            let tokens = analyzer.analyze(fields.text(of: field), language: language, startPosition: next)
            doc.lengths[field.rawValue] = UInt32(tokens.count)
            doc.terms.reserveCapacity(doc.terms.count + tokens.count)
            for t in tokens {
                doc.terms.append(t.term)
                doc.positions.append(t.position)
                doc.fieldOf.append(UInt8(field.rawValue))
                if seen.insert(t.word).inserted { doc.words.append((t.word, t.term)) }
            }
            if let last = tokens.last { next = last.position + gap }
        }
        var keywords = Set<String>()
        keywords.insert("\u{1F}lang:" + language.code)
        for w in Self.pathWords(fields.key, analyzer: analyzer) { keywords.insert("\u{1F}path:" + w) }
        doc.keywords = keywords.sorted()
        return doc
    }
}
