#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Inverts analyzed documents in memory until the writer flushes them as a segment.
///
/// Per term it keeps a flat `[UInt32]` of (doc, tfTitle, tfHeadings, tfBody) and a flat array
/// of positions; tokens arrive in position order, so both stay sorted without per-document
/// maps. `estimatedBytes` tracks the RAM used, which the writer compares with its budget.
final class SegmentBuilder {
    // One thread owns a builder; Swift's dynamic exclusivity checks on these hot arrays cost
    // several percent of an index build, so they are turned off.
    @exclusivity(unchecked) private var termIDs: [String: Int32] = [:]
    /// Per analyzer (by `DocumentAnalyzer.id`): its term id → this segment's term id, or −1.
    @exclusivity(unchecked) private var analyzerMaps: [Int: [Int32]] = [:]
    @exclusivity(unchecked) private var terms: [String] = []
    @exclusivity(unchecked) private var postings: [[UInt32]] = []
    @exclusivity(unchecked) private var positions: [[UInt32]] = []
    @exclusivity(unchecked) private var lastDoc: [Int32] = []
    @exclusivity(unchecked) private var words: [String: String] = [:]
    /// Per analyzer: which of its word entries this segment has recorded.
    @exclusivity(unchecked) private var wordsSeen: [Int: [Bool]] = [:]
    @exclusivity(unchecked) private var norms: [UInt32] = []
    private var stored = StoredFieldsWriter()
    @exclusivity(unchecked) private var keys: [(String, UInt32)] = []
    private(set) var docCount: UInt32 = 0
    private(set) var fieldLengthSums: [UInt64] = [0, 0, 0]
    private(set) var estimatedBytes = 0

    /// Cost: per distinct term of the document one array lookup (a hash only for a term this
    /// segment has not seen from that analyzer) and two appends; no per-token work — the
    /// analyzer has already tallied frequencies and grouped positions by term.
    func add(_ doc: AnalyzedDocument) {
        let id = docCount
        docCount += 1
        let nSlots = doc.uniqueTerms.count
        let nTokens = doc.positions.count

        // Map the document's terms to segment term ids: through the producing analyzer's id
        // (an array lookup) once known, by hashing the term string only the first time.
        var map = analyzerMaps.removeValue(forKey: doc.analyzerID) ?? []  // moved out: no copy-on-write
        defer { analyzerMaps[doc.analyzerID] = map }
        let useIDs = doc.uniqueTermIDs.count == nSlots
        doc.termFrequencies.withUnsafeBufferPointer { tf in
            doc.positions.withUnsafeBufferPointer { pos in
                doc.positionStart.withUnsafeBufferPointer { start in
                    for slot in 0..<nSlots {
                        let tid: Int
                        if useIDs {
                            let a = Int(doc.uniqueTermIDs[slot])
                            if a >= map.count { map.append(contentsOf: repeatElement(-1, count: a + 1 - map.count)) }
                            if map[a] >= 0 {
                                tid = Int(map[a])
                            } else {
                                tid = termID(doc.uniqueTerms[slot])
                                map[a] = Int32(tid)
                            }
                        } else {
                            tid = termID(doc.uniqueTerms[slot])
                        }
                        // One append (one uniqueness check) per slot: (doc, tf × 3) as a
                        // homogeneous tuple, which is laid out as four contiguous UInt32s.
                        let entry = (id, tf[slot * 3], tf[slot * 3 + 1], tf[slot * 3 + 2])
                        withUnsafeBytes(of: entry) { raw in
                            postings[tid].append(contentsOf: raw.bindMemory(to: UInt32.self))
                        }
                        positions[tid].append(contentsOf: UnsafeBufferPointer(rebasing: pos[Int(start[slot])..<Int(start[slot + 1])]))
                        lastDoc[tid] = Int32(id)
                    }
                }
            }
        }
        estimatedBytes += 16 * nSlots + 4 * nTokens
        for keyword in doc.keywords {
            let tid = termID(keyword)
            if lastDoc[tid] != Int32(id) {
                lastDoc[tid] = Int32(id)
                postings[tid].append(id)
                postings[tid].append(0)
                postings[tid].append(0)
                postings[tid].append(0)
                estimatedBytes += 16
            }
        }
        var seen = wordsSeen.removeValue(forKey: doc.analyzerID) ?? []  // moved out: no copy-on-write
        defer { wordsSeen[doc.analyzerID] = seen }
        let useWordIDs = doc.wordEntryIDs.count == doc.words.count
        for (i, (word, term)) in doc.words.enumerated() {
            if useWordIDs {
                let e = Int(doc.wordEntryIDs[i])
                if e >= seen.count { seen.append(contentsOf: repeatElement(false, count: e + 1 - seen.count)) }
                if seen[e] { continue }
                seen[e] = true
            }
            guard words[word] == nil else { continue }
            words[word] = term
            estimatedBytes += word.utf8.count * 2 + 64
        }
        norms.append(contentsOf: [doc.lengths[0], doc.lengths[1], doc.lengths[2], doc.headingsStart, doc.bodyStart])
        for f in 0..<3 { fieldLengthSums[f] += UInt64(doc.lengths[f]) }
        stored.add(StoredDocument(fields: doc.fields))
        keys.append((doc.fields.key, id))
        estimatedBytes += 20 + doc.fields.key.utf8.count + 48 + doc.fields.body.utf8.count / 3
    }

    private func termID(_ term: String) -> Int {
        if let t = termIDs[term] { return Int(t) }
        let tid = terms.count
        termIDs[term] = Int32(tid)
        terms.append(term)
        postings.append([])
        positions.append([])
        lastDoc.append(-1)
        estimatedBytes += term.utf8.count + 120
        return tid
    }

    /// Byte-order comparison (what `lexicographicallyPrecedes` computes) through `memcmp`:
    /// sorting a segment's terms makes millions of these comparisons.
    private static func bytesPrecede(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        let n = min(a.count, b.count)
        let c = a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in n == 0 ? 0 : memcmp(pa.baseAddress!, pb.baseAddress!, n) }
        }
        return c != 0 ? c < 0 : a.count < b.count
    }

    /// Serializes the segment's files through `directory` and describes it.
    func flush(id: String, to directory: any IndexDirectory) throws(IndexError) -> SegmentInfo {
        // Term dictionary and postings, terms in byte order.
        let order = terms.indices.map { (Array(terms[$0].utf8), $0) }.sorted { Self.bytesPrecede($0.0, $1.0) }
        var files = try SegmentFileSet(id: id, directory: directory)
        let norms = self.norms
        let lengthOf: (UInt32, Int) -> UInt32 = { doc, field in norms[Int(doc) * 5 + field] }
        for (bytes, tid) in order {
            try files.add(term: bytes, postings: postings[tid], positions: positions[tid], fieldLength: lengthOf)
        }
        let sortedWords = words.map { (Array($0.key.utf8), Array($0.value.utf8)) }
            .sorted { Self.bytesPrecede($0.0, $1.0) }
        // A key added twice before a flush (an update through the library) keeps its last
        // document; the writer has marked the earlier one deleted.
        let sortedKeys = keys.map { (Array($0.0.utf8), $0.1) }.sorted {
            $0.0.lexicographicallyPrecedes($1.0) || ($0.0 == $1.0 && $0.1 < $1.1)
        }
        let uniqueKeys = sortedKeys.enumerated().filter { i, k in i + 1 == sortedKeys.count || sortedKeys[i + 1].0 != k.0 }.map(\.element)
        var storedFile = try SegmentFileSet.storedOutput(id: id, directory: directory)
        try files.finish(words: sortedWords.map { ($0.0, $0.1) }, keys: uniqueKeys.map { ($0.0, $0.1) }, norms: norms,
                         docCount: docCount, stored: &stored, storedFile: &storedFile)
        return SegmentInfo(id: id, docCount: docCount, deletedCount: 0, delGen: 0, fieldLengthSums: fieldLengthSums)
    }
}

/// Kinds and version of the dictionary-shaped segment files.
enum SegmentFormat {
    static let termsKind = TermDictionaryWriter.kind
    static let wordsKind = WordListFormat.kind
    static let keysKind = "KEYS"
    static let termsVersion = TermDictionaryWriter.version
    static let wordsVersion = WordListFormat.version
    static let keysVersion: UInt32 = 1
}
