/// Inverts analyzed documents in memory until the writer flushes them as a segment.
///
/// Per term it keeps a flat `[UInt32]` of (doc, tfTitle, tfHeadings, tfBody) and a flat array
/// of positions; tokens arrive in position order, so both stay sorted without per-document
/// maps. `estimatedBytes` tracks the RAM used, which the writer compares with its budget.
final class SegmentBuilder {
    // One thread owns a builder; Swift's dynamic exclusivity checks on these hot arrays cost
    // several percent of an index build, so they are turned off.
    @exclusivity(unchecked) private var termIDs: [String: Int32] = [:]
    // Per-document scratch (see `add`).
    @exclusivity(unchecked) private var slotTF: [UInt32] = []
    @exclusivity(unchecked) private var slotStart: [Int] = []
    @exclusivity(unchecked) private var slotFill: [Int] = []
    @exclusivity(unchecked) private var grouped: [UInt32] = []
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
    /// Per document: token count and where its positions jump (see `DocumentLayoutWriter`).
    private var layouts = DocumentLayoutWriter()
    @exclusivity(unchecked) private var keys: [(String, UInt32)] = []
    private(set) var docCount: UInt32 = 0
    private(set) var fieldLengthSums: [UInt64] = [0, 0, 0]
    private(set) var estimatedBytes = 0

    func add(_ doc: AnalyzedDocument) {
        let id = docCount
        docCount += 1
        // Map the document's terms to segment term ids: through the producing analyzer's id
        // (an array lookup) once known, by hashing the term string only the first time.
        let nSlots = doc.uniqueTerms.count
        let nTokens = doc.termSlots.count
        // Per-document tallies in flat scratch arrays (reused across documents): frequencies per
        // slot and field, then the positions regrouped by slot with a counting sort, so each
        // term's postings and positions are appended once per document, not once per token.
        slotTF.removeAll(keepingCapacity: true)
        slotTF.append(contentsOf: repeatElement(0, count: nSlots * 3))
        slotStart.removeAll(keepingCapacity: true)
        slotStart.append(contentsOf: repeatElement(0, count: nSlots + 1))
        doc.termSlots.withUnsafeBufferPointer { slots in
            doc.fieldOf.withUnsafeBufferPointer { fields in
                for i in 0..<nTokens {
                    let sl = Int(slots[i])
                    slotTF[sl * 3 + Int(fields[i])] += 1
                    slotStart[sl + 1] += 1
                }
            }
        }
        for sl in 0..<nSlots { slotStart[sl + 1] += slotStart[sl] }
        slotFill.removeAll(keepingCapacity: true)
        slotFill.append(contentsOf: slotStart.prefix(nSlots))
        grouped.removeAll(keepingCapacity: true)
        grouped.append(contentsOf: repeatElement(0, count: nTokens))
        // Positions are stored as token indexes; the document's jumps map them back.
        doc.termSlots.withUnsafeBufferPointer { slots in
            for i in 0..<nTokens {
                let sl = Int(slots[i])
                grouped[slotFill[sl]] = UInt32(truncatingIfNeeded: i)
                slotFill[sl] += 1
            }
        }
        let jumps = doc.positions.withUnsafeBufferPointer { DocumentLayoutWriter.jumps(of: $0) }
        layouts.add(tokenCount: UInt32(nTokens), jumps: jumps)
        estimatedBytes += 8 + jumps.count

        // Map the document's terms to segment term ids: through the producing analyzer's id
        // (an array lookup) once known, by hashing the term string only the first time.
        var map = analyzerMaps.removeValue(forKey: doc.analyzerID) ?? []  // moved out: no copy-on-write
        defer { analyzerMaps[doc.analyzerID] = map }
        let useIDs = doc.uniqueTermIDs.count == nSlots
        for (slot, term) in doc.uniqueTerms.enumerated() {
            let tid: Int
            if useIDs {
                let a = Int(doc.uniqueTermIDs[slot])
                if a >= map.count { map.append(contentsOf: repeatElement(-1, count: a + 1 - map.count)) }
                if map[a] >= 0 {
                    tid = Int(map[a])
                } else {
                    tid = termID(term)
                    map[a] = Int32(tid)
                }
            } else {
                tid = termID(term)
            }
            postings[tid].append(id)
            postings[tid].append(slotTF[slot * 3])
            postings[tid].append(slotTF[slot * 3 + 1])
            postings[tid].append(slotTF[slot * 3 + 2])
            positions[tid].append(contentsOf: grouped[slotStart[slot]..<slotStart[slot + 1]])
            lastDoc[tid] = Int32(id)
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

    /// Serializes the segment's files through `directory` and describes it.
    func flush(id: String, to directory: any IndexDirectory) throws(IndexError) -> SegmentInfo {
        // Term dictionary and postings, terms in byte order.
        let order = terms.indices.map { (Array(terms[$0].utf8), $0) }.sorted { $0.0.lexicographicallyPrecedes($1.0) }
        var encoder = PostingsEncoder()
        encoder.layouts = layouts
        encoder.postingsOut = FileEnvelope.begin(kind: PostingsFormat.postingsKind, version: PostingsFormat.version)
        encoder.positionsOut = FileEnvelope.begin(kind: PostingsFormat.positionsKind, version: PostingsFormat.positionsVersion)
        var dict = TermDictionaryWriter()
        let norms = self.norms
        let lengthOf: (UInt32, Int) -> UInt32 = { doc, field in norms[Int(doc) * 5 + field] }
        for (bytes, tid) in order {
            var info = encoder.encode(postings: postings[tid], positions: positions[tid], fieldLength: lengthOf)
            info.postingsOffset -= UInt64(FileEnvelope.headerSize)
            info.positionsOffset -= UInt64(FileEnvelope.headerSize)
            dict.add(term: bytes, info: info)
        }
        let sortedWords = words.map { (Array($0.key.utf8), Array($0.value.utf8)) }
            .sorted { $0.0.lexicographicallyPrecedes($1.0) }
        // A key added twice before a flush (an update through the library) keeps its last
        // document; the writer has marked the earlier one deleted.
        let sortedKeys = keys.map { (Array($0.0.utf8), $0.1) }.sorted {
            $0.0.lexicographicallyPrecedes($1.0) || ($0.0 == $1.0 && $0.1 < $1.1)
        }
        let uniqueKeys = sortedKeys.enumerated().filter { i, k in i + 1 == sortedKeys.count || sortedKeys[i + 1].0 != k.0 }.map(\.element)
        var files = SegmentFileSet(encoder: encoder, terms: dict, words: sortedWords.map { ($0.0, $0.1) },
                                   keys: uniqueKeys.map { ($0.0, $0.1) }, norms: norms, docCount: docCount, stored: stored)
        try files.write(id: id, to: directory)
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
