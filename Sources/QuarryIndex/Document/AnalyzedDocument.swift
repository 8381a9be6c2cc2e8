import Foundation
import QuarryText
import Synchronization

/// A document after analysis, ready to be inverted. Produced in parallel (one `DocumentAnalyzer`
/// per thread); consumed in order by the single `SegmentBuilder`, which keeps doc ids and
/// therefore results independent of the thread count.
public struct AnalyzedDocument: Sendable {
    public var fields: DocumentFields
    /// The document's distinct terms; tokens refer to them by index (`termSlots`), so the
    /// single-threaded inverter hashes each distinct term once per document, not every token.
    public var uniqueTerms: [String] = []
    /// The same terms as ids of the producing analyzer (`analyzerID`), so the inverter can map
    /// them to its own ids through an array after the first occurrence.
    public var uniqueTermIDs: [Int32] = []
    public var analyzerID: Int = -1
    /// Per token, in position order: index into `uniqueTerms`, position, field.
    public var termSlots: [UInt32] = []
    public var positions: [UInt32] = []
    public var fieldOf: [UInt8] = []

    /// The indexed term of each token, in position order (tests, reference scoring).
    public var terms: [String] { termSlots.map { uniqueTerms[Int($0)] } }
    /// Token count per field (BM25 length), and where headings and body start in position space.
    public var lengths: [UInt32] = [0, 0, 0]
    public var headingsStart: UInt32 = 0
    public var bodyStart: UInt32 = 0
    /// Distinct (unstemmed word, term) pairs, for prefix expansion.
    public var words: [(word: String, term: String)] = []
    /// The producing analyzer's entry id of each of `words` (lets the inverter skip words it has
    /// already recorded with an array lookup instead of a hash).
    public var wordEntryIDs: [Int32] = []
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

    /// Per analyzer term id: the document (stamp) that last used it and its slot there.
    @exclusivity(unchecked) private var termStamp: [UInt32] = []
    @exclusivity(unchecked) private var termSlot: [UInt32] = []
    /// Per analyzer entry (word): the document that last listed it in `words`.
    @exclusivity(unchecked) private var entryStamp: [UInt32] = []
    private var stamp: UInt32 = 0
    /// Distinguishes analyzers (and so the id spaces of their terms) for the inverter.
    public let id: Int = DocumentAnalyzer.nextID()

    private static let counter = Mutex(0)
    private static func nextID() -> Int { counter.withLock { $0 += 1; return $0 } }

    public func analyze(_ fields: DocumentFields) -> AnalyzedDocument {
        var doc = AnalyzedDocument(fields: fields)
        let language = language(of: fields)
        let gap = analyzer.configuration.blockGap + 1
        var next: UInt32 = 0
        stamp &+= 1
        if stamp == 0 {
            termStamp = termStamp.map { _ in 0 }
            entryStamp = entryStamp.map { _ in 0 }
            stamp = 1
        }
        doc.analyzerID = id
        var wordSlots: [Int32] = []
        for field in Field.allCases {
            if field == .headings { doc.headingsStart = next }
            if field == .body { doc.bodyStart = next }
            var count: UInt32 = 0
            var last: UInt32? = nil
            let f = UInt8(field.rawValue)
            analyzer.forEachEntry(fields.text(of: field), language: language, startPosition: next) { entry, position in
                let e = Int(entry)
                if e >= entryStamp.count {
                    entryStamp.append(contentsOf: repeatElement(0, count: e + 1 - entryStamp.count))
                }
                if entryStamp[e] != stamp {
                    entryStamp[e] = stamp
                    wordSlots.append(entry)
                }
                let t = Int(analyzer.entryTermIDs[e])
                if t >= termStamp.count {
                    termStamp.append(contentsOf: repeatElement(0, count: t + 1 - termStamp.count))
                    termSlot.append(contentsOf: repeatElement(0, count: t + 1 - termSlot.count))
                }
                if termStamp[t] != stamp {
                    termStamp[t] = stamp
                    termSlot[t] = UInt32(doc.uniqueTermIDs.count)
                    doc.uniqueTermIDs.append(Int32(t))
                    doc.uniqueTerms.append(analyzer.termStrings[t])
                }
                doc.termSlots.append(termSlot[t])
                doc.positions.append(position)
                doc.fieldOf.append(f)
                count += 1
                last = position
            }
            doc.lengths[field.rawValue] = count
            if let last { next = last + gap }
        }
        doc.words = wordSlots.map { (analyzer.entryWords[Int($0)], analyzer.entryTerms[Int($0)]) }
        doc.wordEntryIDs = wordSlots
        var keywords = Set<String>()
        keywords.insert("\u{1F}lang:" + language.code)
        for w in Self.pathWords(fields.key, analyzer: analyzer) { keywords.insert("\u{1F}path:" + w) }
        doc.keywords = keywords.sorted()
        return doc
    }
}
