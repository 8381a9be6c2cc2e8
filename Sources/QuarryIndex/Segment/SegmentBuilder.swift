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
///
/// The estimate follows what is allocated, not what is stored: array capacities (which run up
/// to twice the count), per-allocation headers, hash-table capacity, stored-field buffers, and
/// the sort keys that `flush` adds on top of everything (so the flush itself stays in budget).
/// `Self.heapBytes` recomputes the same total from scratch; a test holds the two together.
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
    /// Per document: token count and where its positions jump (see `DocumentLayoutWriter`).
    private var layouts = DocumentLayoutWriter()
    @exclusivity(unchecked) private var keys: [(String, UInt32)] = []
    private(set) var docCount: UInt32 = 0
    private(set) var fieldLengthSums: [UInt64] = [0, 0, 0]
    /// Postings and positions arrays, by capacity (grown in `add`).
    private var postingsBytes = 0
    /// Per-term and per-word tables, by capacity (recomputed when a term or word is added).
    private var tableBytes = 0
    /// Strings, per-document arrays and flush-time sort keys (grown in `add` and `termID`).
    private var otherBytes = 0
    var estimatedBytes: Int { postingsBytes + tableBytes + otherBytes + stored.bufferedBytes }

    /// Cost: per distinct term of the document one array lookup (a hash only for a term this
    /// segment has not seen from that analyzer) and two appends; no per-token work — the
    /// analyzer has already tallied frequencies and grouped positions by term.
    func add(_ doc: AnalyzedDocument) {
        let id = docCount
        docCount += 1
        let nSlots = doc.uniqueTerms.count

        // Map the document's terms to segment term ids: through the producing analyzer's id
        // (an array lookup) once known, by hashing the term string only the first time.
        var map = analyzerMaps.removeValue(forKey: doc.analyzerID) ?? []  // moved out: no copy-on-write
        defer { analyzerMaps[doc.analyzerID] = map }
        let useIDs = doc.uniqueTermIDs.count == nSlots
        let mapCapacity = map.capacity
        var grown = 0
        layouts.add(tokenCount: doc.lengths[0] &+ doc.lengths[1] &+ doc.lengths[2], jumps: doc.positionJumps)
        otherBytes += 8 + 8 * doc.positionJumps.count
        doc.termFrequencies.withUnsafeBufferPointer { tf in
            doc.compactPositions.withUnsafeBufferPointer { pos in
                doc.positionStart.withUnsafeBufferPointer { start in
                    for slot in 0..<nSlots {
                        let tid: Int
                        if useIDs && doc.uniqueTermIDs[slot] >= 0 {
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
                        let capacities = postings[tid].capacity &+ positions[tid].capacity
                        withUnsafeBytes(of: entry) { raw in
                            postings[tid].append(contentsOf: raw.bindMemory(to: UInt32.self))
                        }
                        // Token indexes, not positions: the document's layout maps them back.
                        positions[tid].append(contentsOf: UnsafeBufferPointer(rebasing: pos[Int(start[slot])..<Int(start[slot + 1])]))
                        grown &+= postings[tid].capacity &+ positions[tid].capacity &- capacities
                        lastDoc[tid] = Int32(id)
                    }
                }
            }
        }
        otherBytes += 4 * (map.capacity - mapCapacity)
        for keyword in doc.keywords {
            let tid = termID(keyword)
            if lastDoc[tid] != Int32(id) {
                lastDoc[tid] = Int32(id)
                let capacity = postings[tid].capacity
                postings[tid].append(id)
                postings[tid].append(0)
                postings[tid].append(0)
                postings[tid].append(0)
                grown += postings[tid].capacity - capacity
            }
        }
        postingsBytes += 4 * grown
        var seen = wordsSeen.removeValue(forKey: doc.analyzerID) ?? []  // moved out: no copy-on-write
        defer { wordsSeen[doc.analyzerID] = seen }
        let useWordIDs = doc.wordEntryIDs.count == doc.words.count
        let seenCapacity = seen.capacity
        defer { otherBytes += seen.capacity - seenCapacity }
        for (i, (word, term)) in doc.words.enumerated() {
            if useWordIDs {
                let e = Int(doc.wordEntryIDs[i])
                if e >= seen.count { seen.append(contentsOf: repeatElement(false, count: e + 1 - seen.count)) }
                if seen[e] { continue }
                seen[e] = true
            }
            guard words[word] == nil else { continue }
            let capacity = words.capacity
            words[word] = term
            otherBytes += Self.stringBytes(word) + Self.stringBytes(term) + Self.sortKeyBytes(word) + Self.sortKeyBytes(term)
                + 32  // the sorted (word, term) array at flush
            if words.capacity != capacity { recomputeTableBytes() }
        }
        let normsCapacity = norms.capacity, keysCapacity = keys.capacity
        norms.append(contentsOf: [doc.lengths[0], doc.lengths[1], doc.lengths[2], doc.headingsStart, doc.bodyStart])
        for f in 0..<3 { fieldLengthSums[f] += UInt64(doc.lengths[f]) }
        stored.add(StoredDocument(fields: doc.fields))
        keys.append((doc.fields.key, id))
        // Keys: the string, and at flush its byte copy in three sorted arrays of (key, doc).
        otherBytes += 4 * (norms.capacity - normsCapacity) + 24 * (keys.capacity - keysCapacity)
            + Self.stringBytes(doc.fields.key) + Self.sortKeyBytes(doc.fields.key) + 3 * 24
    }

    /// Heap bytes of a native string (none when it fits inline, 15 UTF-8 bytes or fewer).
    static func stringBytes(_ s: String) -> Int {
        let n = s.utf8.count
        return n <= 15 ? 0 : mallocBytes(32 + n + 1)
    }

    /// The `[UInt8]` copy of a string that `flush` sorts by.
    static func sortKeyBytes(_ s: String) -> Int { mallocBytes(32 + s.utf8.count) }

    /// What malloc takes for a request of `n` bytes (8 bytes of header, 16-byte granules).
    static func mallocBytes(_ n: Int) -> Int { (n + 8 + 15) & ~15 }

    /// A hash table of `capacity` entries of `stride` bytes (kept at most 3/4 full, so the
    /// bucket count is the next power of two of capacity × 4/3).
    static func tableBytes(capacity: Int, stride: Int) -> Int {
        guard capacity > 0 else { return 0 }
        var buckets = 1
        while buckets * 3 < capacity * 4 { buckets <<= 1 }
        return buckets * stride + buckets / 8 + 64
    }

    private func termID(_ term: String) -> Int {
        if let t = termIDs[term] { return Int(t) }
        let tid = terms.count
        termIDs[term] = Int32(tid)
        terms.append(term)
        postings.append([])
        positions.append([])
        lastDoc.append(-1)
        // Two arrays' headers once they hold something, the string, and its sort key at flush
        // with its entry (bytes, tid) in the sorted order.
        otherBytes += 2 * Self.mallocBytes(32) + Self.stringBytes(term) + Self.sortKeyBytes(term) + 16
        if terms.capacity != lastTermsCapacity || termIDs.capacity != lastTermIDsCapacity { recomputeTableBytes() }
        return tid
    }

    private var lastTermIDsCapacity = 0
    private var lastTermsCapacity = 0

    /// The hash tables (term → id, word → term) and the per-term arrays, by capacity.
    private func recomputeTableBytes() {
        lastTermIDsCapacity = termIDs.capacity
        lastTermsCapacity = terms.capacity
        tableBytes = Self.tableBytes(capacity: termIDs.capacity, stride: 20) + Self.tableBytes(capacity: self.words.capacity, stride: 32)
            + terms.capacity * 16 + postings.capacity * 8 + positions.capacity * 8 + lastDoc.capacity * 4
    }

    /// Heap bytes held by the builder and to be added by `flush`, recomputed from its buffers
    /// (what `estimatedBytes` tracks incrementally; for tests).
    func heapBytes() -> Int {
        var total = 0
        for i in terms.indices {
            total += 4 * (postings[i].capacity + positions[i].capacity)
            if postings[i].capacity > 0 { total += Self.mallocBytes(32) }
            if positions[i].capacity > 0 { total += Self.mallocBytes(32) }
            total += Self.stringBytes(terms[i]) + Self.sortKeyBytes(terms[i]) + 16
        }
        total += Self.tableBytes(capacity: termIDs.capacity, stride: 20) + Self.tableBytes(capacity: words.capacity, stride: 32)
        total += terms.capacity * 16 + postings.capacity * 8 + positions.capacity * 8 + lastDoc.capacity * 4
        for (word, term) in words {
            total += Self.stringBytes(word) + Self.stringBytes(term) + Self.sortKeyBytes(word) + Self.sortKeyBytes(term) + 32
        }
        for (_, map) in analyzerMaps { total += 4 * map.capacity }
        for (_, seen) in wordsSeen { total += seen.capacity }
        total += 4 * norms.capacity + 24 * keys.capacity
        for (key, _) in keys { total += Self.stringBytes(key) + Self.sortKeyBytes(key) + 3 * 24 }
        return total + stored.bufferedBytes
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
        var files = try SegmentFileSet(id: id, directory: directory, layouts: layouts)
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
