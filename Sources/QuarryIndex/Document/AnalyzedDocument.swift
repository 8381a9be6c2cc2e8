import Foundation
import QuarryText
import Synchronization

/// A document after analysis, ready to be inverted. Produced in parallel (one `DocumentAnalyzer`
/// per thread); consumed in order by the single `SegmentBuilder`, which keeps doc ids and
/// therefore results independent of the thread count.
public struct AnalyzedDocument: Sendable {
    public var fields: DocumentFields
    /// The document's distinct terms ("slots", in order of first occurrence), so the
    /// single-threaded inverter hashes each distinct term once per document, not every token.
    public var uniqueTerms: [String] = []
    /// The same terms as ids of the producing analyzer (`analyzerID`), so the inverter can map
    /// them to its own ids through an array after the first occurrence; −1 for a word pair the
    /// analyzer did not intern (the inverter looks it up by its string).
    public var uniqueTermIDs: [Int32] = []
    public var analyzerID: Int = -1
    /// Per slot, its frequency in title, headings and body (three values per slot): the
    /// analyzer tallies them, so the inverter does no per-token work.
    public var termFrequencies: [UInt32] = []
    /// How many of the slots are words' terms; the slots after them are word pairs
    /// (`CommonGrams`), each occurring at its first word's position.
    public var wordSlotCount: Int = 0
    /// Every token's position, grouped by slot: slot `s` has `positions[positionStart[s] ..<
    /// positionStart[s + 1]]`, in increasing order (a pair's occurrences count as tokens here).
    public var positions: [UInt32] = []
    public var positionStart: [UInt32] = [0]
    /// The same tokens' compact positions (token index plus the jumps at or before it: every
    /// gap counts one position), grouped like `positions`: what the index stores;
    /// `positionJumps` maps them back to positions.
    public var compactPositions: [UInt32] = []
    /// Where positions skip ahead of token indexes (block and field gaps), for the segment's
    /// `DocumentLayoutWriter`.
    public var positionJumps: [(index: UInt32, extra: UInt32)] = []

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

    /// (position, slot) of every token in position order (rebuilt from the grouped form;
    /// pairs are not tokens).
    private var tokensInOrder: [(position: UInt32, slot: Int)] {
        var all: [(position: UInt32, slot: Int)] = []
        all.reserveCapacity(positions.count)
        for slot in 0..<wordSlotCount {
            for i in Int(positionStart[slot])..<Int(positionStart[slot + 1]) { all.append((positions[i], slot)) }
        }
        return all.sorted { $0.position < $1.position }
    }

    /// The indexed term of each token, in position order (tests, reference scoring).
    public var terms: [String] { tokensInOrder.map { uniqueTerms[$0.slot] } }

    /// The field of each token, in position order (tests, reference scoring): fields occupy
    /// consecutive position ranges starting at 0, `headingsStart` and `bodyStart`.
    public var fieldOf: [UInt8] {
        tokensInOrder.map { t in
            t.position >= bodyStart ? UInt8(Field.body.rawValue)
                : t.position >= headingsStart ? UInt8(Field.headings.rawValue) : UInt8(Field.title.rawValue)
        }
    }
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

    // Per-document scratch, reused (see `ScratchArray` for why not arrays).
    /// Per analyzer term id: the document (stamp) that last used it and its slot there.
    private let termStamp = ScratchArray<UInt32>()
    private let termSlot = ScratchArray<UInt32>()
    /// Per analyzer entry (word): the document that last listed it in `words`.
    private let entryStamp = ScratchArray<UInt32>()
    private let wordSlots = ScratchArray<Int32>()
    private let slotTerms = ScratchArray<Int32>()
    private let slotTF = ScratchArray<UInt32>()
    private let tokenSlots = ScratchArray<UInt32>()
    private let tokenPositions = ScratchArray<UInt32>()
    private let slotFill = ScratchArray<UInt32>()
    /// Per pair occurrence: its slot and the token index of its first word.
    private let pairSlots = ScratchArray<UInt32>()
    private let pairTokens = ScratchArray<UInt32>()
    /// This document's pairs that the analyzer did not intern (see `Analyzer.maxInternedPairs`):
    /// their slots by (first, second) term ids, and their terms by slot.
    private var unlistedPairSlots: [UInt64: UInt32] = [:]
    private var unlistedPairTerms: [Int: String] = [:]
    private var stamp: UInt32 = 0
    /// Distinguishes analyzers (and so the id spaces of their terms) for the inverter.
    public let id: Int = DocumentAnalyzer.nextID()

    private static let counter = Mutex(0)
    private static func nextID() -> Int { counter.withLock { $0 += 1; return $0 } }

    /// Cost: per token one table lookup (in the analyzer), two stamp checks and three array
    /// stores; per document a counting sort of the positions by term.
    public func analyze(_ fields: DocumentFields) -> AnalyzedDocument {
        var doc = AnalyzedDocument(fields: fields)
        let language = language(of: fields)
        let gap = analyzer.configuration.blockGap + 1
        var next: UInt32 = 0
        stamp &+= 1
        if stamp == 0 {
            termStamp.fill(0)
            entryStamp.fill(0)
            stamp = 1
        }
        doc.analyzerID = id
        let stamp = self.stamp
        let entryStamp = self.entryStamp
        let wordSlots = self.wordSlots, slotTerms = self.slotTerms, slotTF = self.slotTF
        let tokenSlots = self.tokenSlots, tokenPositions = self.tokenPositions
        wordSlots.removeAll()
        slotTerms.removeAll()
        slotTF.removeAll()
        tokenSlots.removeAll()
        tokenPositions.removeAll()
        var fieldEnds: (UInt32, UInt32) = (0, 0)  // token indexes where headings and body start
        for field in Field.allCases {
            if field == .headings { fieldEnds.0 = UInt32(truncatingIfNeeded: tokenSlots.count) }
            if field == .body { fieldEnds.1 = UInt32(truncatingIfNeeded: tokenSlots.count) }
            if field == .headings { doc.headingsStart = next }
            if field == .body { doc.bodyStart = next }
            var count: UInt32 = 0
            var last: UInt32? = nil
            let f = field.rawValue
            analyzer.forEachEntryAndTerm(fields.text(of: field), language: language, startPosition: next) { entry, term, position, _, _ in
                let e = Int(entry)
                if e >= entryStamp.count { entryStamp.extend(to: e + 1, filling: 0) }
                if entryStamp[e] != stamp {
                    entryStamp[e] = stamp
                    wordSlots.append(entry)
                }
                let slot = self.slot(of: term, stamp: stamp)
                slotTF[Int(slot) &* 3 &+ f] &+= 1
                tokenSlots.append(slot)
                tokenPositions.append(position)
                count &+= 1
                last = position
            }
            doc.lengths[field.rawValue] = count
            if let last { next = last + gap }
        }
        doc.wordSlotCount = slotTerms.count
        if analyzer.configuration.commonGrams { addPairs(fieldEnds: fieldEnds) }
        groupPositions(into: &doc)
        doc.uniqueTermIDs = slotTerms.array
        doc.uniqueTerms = doc.uniqueTermIDs.enumerated().map { slot, id in
            id >= 0 ? analyzer.termStrings[Int(id)] : unlistedPairTerms[slot]!
        }
        doc.termFrequencies = slotTF.array
        doc.wordEntryIDs = wordSlots.array
        doc.words = doc.wordEntryIDs.map { (analyzer.entryWords[Int($0)], analyzer.entryTerms[Int($0)]) }
        var keywords = Set<String>()
        keywords.insert("\u{1F}lang:" + language.code)
        for w in Self.pathWords(fields.key, analyzer: analyzer) { keywords.insert("\u{1F}path:" + w) }
        doc.keywords = keywords.sorted()
        return doc
    }

    /// The document's slot of analyzer term `term`, opened at its first occurrence (`stamp`
    /// marks the terms this document has used).
    @inline(__always)
    private func slot(of term: Int32, stamp: UInt32) -> UInt32 {
        let t = Int(term)
        if t >= termStamp.count {
            termStamp.extend(to: t + 1, filling: 0)
            termSlot.extend(to: t + 1, filling: 0)
        }
        if termStamp[t] == stamp { return termSlot[t] }
        termStamp[t] = stamp
        let slot = openSlot(term)
        termSlot[t] = slot
        return slot
    }

    /// A new slot for analyzer term `term` (−1: a pair without a term id), with no occurrences yet.
    @inline(__always)
    private func openSlot(_ term: Int32) -> UInt32 {
        let slot = UInt32(truncatingIfNeeded: slotTerms.count)
        slotTerms.append(term)
        slotTF.append(0)
        slotTF.append(0)
        slotTF.append(0)
        return slot
    }

    /// The word pairs of the document (`CommonGrams`): every two adjacent tokens (positions p
    /// and p + 1, so never across a block or field gap) of which one has a common term, as a
    /// slot of the pair's term occurring at p, in the first token's field. Pair slots come after
    /// every word's slot. Cost: per token one array lookup; per pair one hash of two integers.
    private func addPairs(fieldEnds: (UInt32, UInt32)) {
        let slots = tokenSlots.buffer, positions = tokenPositions.buffer
        let n = tokenSlots.count
        pairSlots.removeAll()
        pairTokens.removeAll()
        unlistedPairSlots.removeAll(keepingCapacity: true)
        unlistedPairTerms.removeAll(keepingCapacity: true)
        guard n > 1 else { return }
        let analyzer = self.analyzer
        let stamp = self.stamp
        var firstTerm = slotTerms[Int(slots[0])]
        for i in 0..<(n - 1) {
            let secondTerm = slotTerms[Int(slots[i + 1])]
            defer { firstTerm = secondTerm }
            guard positions[i + 1] == positions[i] &+ 1,
                  analyzer.termIsCommon[Int(firstTerm)] || analyzer.termIsCommon[Int(secondTerm)] else { continue }
            let slot: UInt32
            if let pair = analyzer.pairTermID(firstTerm, secondTerm) {
                slot = self.slot(of: pair, stamp: stamp)
            } else {
                // Not interned (the analyzer's table is full): a slot of this document only,
                // with no term id, found again through this document's own table.
                let key = UInt64(UInt32(bitPattern: firstTerm)) << 32 | UInt64(UInt32(bitPattern: secondTerm))
                if let known = unlistedPairSlots[key] {
                    slot = known
                } else {
                    slot = openSlot(-1)
                    unlistedPairSlots[key] = slot
                    unlistedPairTerms[Int(slot)] = analyzer.pairTerm(firstTerm, secondTerm)
                }
            }
            let field = UInt32(i) < fieldEnds.0 ? 0 : (UInt32(i) < fieldEnds.1 ? 1 : 2)
            slotTF[Int(slot) &* 3 &+ field] &+= 1
            pairSlots.append(slot)
            pairTokens.append(UInt32(truncatingIfNeeded: i))
        }
    }

    /// Counting sort of the token positions by slot (`positions`, `positionStart`); tokens
    /// arrive in position order, so each slot's positions stay sorted. Pairs follow, in the
    /// order of their first tokens, at those tokens' positions and compact positions.
    private func groupPositions(into doc: inout AnalyzedDocument) {
        let nSlots = slotTerms.count
        let nTokens = tokenSlots.count
        let nPairs = analyzer.configuration.commonGrams ? pairSlots.count : 0
        let nAll = nTokens + nPairs
        let fill = slotFill
        fill.removeAll()
        var start = [UInt32](repeating: 0, count: nSlots + 1)
        var sum: UInt32 = 0
        for s in 0..<nSlots {
            start[s] = sum
            fill.append(sum)
            sum &+= slotTF[s * 3] &+ slotTF[s * 3 + 1] &+ slotTF[s * 3 + 2]
        }
        start[nSlots] = sum
        let slots = tokenSlots.buffer, positions = tokenPositions.buffer
        var compact = [UInt32](repeating: 0, count: nAll)
        var tokenCompact = [UInt32](repeating: 0, count: nPairs > 0 ? nTokens : 0)
        doc.positions = [UInt32](unsafeUninitializedCapacity: nAll) { out, initialized in
            // The compact position steps by one per token and by one more at every jump (a
            // position past the next expected one, as `DocumentLayoutWriter.jumps(of:)` finds).
            var k: UInt32 = 0
            var expected: UInt32 = 0
            for i in 0..<nTokens {
                let s = Int(slots[i])
                let at = Int(fill[s])
                let p = positions[i]
                out[at] = p
                if p > expected { k &+= 1 }
                expected = Swift.max(p, expected) &+ 1
                compact[at] = k
                if nPairs > 0 { tokenCompact[i] = k }
                k &+= 1
                fill[s] = UInt32(truncatingIfNeeded: at &+ 1)
            }
            let pairSlots = self.pairSlots.buffer, pairTokens = self.pairTokens.buffer
            for j in 0..<nPairs {
                let s = Int(pairSlots[j])
                let at = Int(fill[s])
                let i = Int(pairTokens[j])
                out[at] = positions[i]
                compact[at] = tokenCompact[i]
                fill[s] = UInt32(truncatingIfNeeded: at &+ 1)
            }
            initialized = nAll
        }
        doc.compactPositions = compact
        doc.positionStart = start
        doc.positionJumps = DocumentLayoutWriter.jumps(of: positions)
    }
}
