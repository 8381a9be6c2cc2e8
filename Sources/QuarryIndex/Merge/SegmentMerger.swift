/// One input of a merge: a segment and the deletions to apply to it. The writer passes its
/// pending deletions, which may be newer than the ones the segment's reader was opened with.
public struct MergeSource: Sendable {
    public let reader: SegmentReader
    public let deletions: DeletionBitmap?

    public init(reader: SegmentReader, deletions: DeletionBitmap?) {
        self.reader = reader
        self.deletions = deletions
    }

    func isLive(_ doc: UInt32) -> Bool { !(deletions?.isDeleted(doc) ?? false) }
}

/// Merges N segments into one new segment, dropping deleted documents.
///
/// New doc ids follow source order, then doc order inside each source, so a merge of adjacent
/// segments keeps every document's relative position and ties in ranking still break the same
/// way. The output is what `SegmentBuilder` would write for the surviving documents added in
/// that order: the same serializers (`PostingsEncoder`, `BlockDictionaryWriter`,
/// `StoredFieldsWriter`, norms records) produce it, fed by `PostingsCursor` decoding the inputs.
///
/// If a key is live in more than one source (a caller added a document twice without deleting
/// the first), only the last occurrence survives, as `IndexReader.document(forKey:)` would
/// resolve it; a segment's key index holds one entry per document.
///
/// Cost: one pass over every input file. Memory: the term list of each input, the doc-id maps,
/// and one term's postings and positions at a time (the builder held all of them), plus the
/// output files, which are assembled in memory like a flushed segment.
public struct SegmentMerger {
    public let sources: [MergeSource]

    public init(sources: [MergeSource]) { self.sources = sources }

    /// Writes the merged segment `seg-<id>.*` through `directory` and describes it; nil (and
    /// nothing written) when no document survives.
    public func merge(id: String, to directory: any IndexDirectory) throws(IndexError) -> SegmentInfo? {
        let maps = try docMaps()
        Syscalls.returnFreedMemory()  // the key → owner table of docMaps
        releaseInputPages()
        var docCount: UInt32 = 0
        for m in maps { for d in m where d >= 0 { docCount = max(docCount, UInt32(d) + 1) } }
        guard docCount > 0 else { return nil }

        // Norms and field-length sums, in new doc order.
        var norms: [UInt32] = []
        norms.reserveCapacity(Int(docCount) * 5)
        var sums: [UInt64] = [0, 0, 0]
        // Position layouts (token counts and jumps) travel with their documents.
        var layouts = DocumentLayoutWriter()
        for (s, source) in sources.enumerated() {
            for d in 0..<source.reader.docCount where maps[s][Int(d)] >= 0 {
                let layout = try source.reader.layout(d)
                layouts.add(tokenCount: layout.tokenCount, jumps: layout.jumps)
                let n = source.reader.norms(d)
                norms.append(contentsOf: [n.lengths.0, n.lengths.1, n.lengths.2, n.headingsStart, n.bodyStart])
                sums[0] += UInt64(n.lengths.0)
                sums[1] += UInt64(n.lengths.1)
                sums[2] += UInt64(n.lengths.2)
            }
        }

        releaseInputPages()

        // Stored fields, re-added in new doc order.
        var stored = StoredFieldsWriter()
        var storedFile = try SegmentFileSet.storedOutput(id: id, directory: directory)
        var storedCount = 0
        for (s, source) in sources.enumerated() {
            let map = maps[s]
            try source.reader.forEachDocument { (d: UInt32, doc: StoredDocument) throws(IndexError) in
                guard Int(d) < map.count else { throw .corrupt(file: "seg-\(source.reader.info.id).sto", reason: "more stored documents than the segment holds") }
                let newID = map[Int(d)]
                guard newID >= 0 else { return }
                stored.add(doc)
                if stored.bufferedCompressedBytes >= SegmentFileSet.drainThreshold { try stored.drain(into: &storedFile) }
                storedCount += 1
                if storedCount % Self.documentsPerRelease == 0 { releaseInputPages() }
            }
        }
        guard storedCount == Int(docCount) else {
            throw .corrupt(file: directory.path, reason: "stored documents of the merged segments do not match their doc counts")
        }
        releaseInputPages()

        // Terms in byte order; each term's postings decoded from every source that has it and
        // re-encoded with the merged doc ids.
        var files = try SegmentFileSet(id: id, directory: directory, layouts: layouts)
        let mergedNorms = norms
        let lengthOf: (UInt32, Int) -> UInt32 = { doc, field in mergedNorms[Int(doc) * 5 + field] }
        // Terms whose every posting belonged to a dropped document (rare): their words go too.
        var deadTerms = Set<[UInt8]>()
        var queue = try DictionaryMergeQueue<TermInfo>.terms(sources.map { $0.reader })
        var postings: [UInt32] = []
        var positions: [UInt32] = []
        var indexes: [UInt32] = []
        var termsSinceRelease = 0
        while let (term, holders) = try queue.next() {
            termsSinceRelease += 1
            if termsSinceRelease == Self.termsPerRelease {
                termsSinceRelease = 0
                releaseInputPages()
            }
            postings.removeAll(keepingCapacity: true)
            positions.removeAll(keepingCapacity: true)
            for (s, info) in holders {
                let map = maps[s]
                let cursor = try sources[s].reader.cursor(info)
                var d = try cursor.next()
                while d != PostingsCursor.noMoreDocs {
                    guard Int(d) < map.count else { throw .corrupt(file: "seg-\(sources[s].reader.info.id).doc", reason: "posting for document \(d) past the segment") }
                    let newID = map[Int(d)]
                    if newID >= 0 {
                        postings.append(contentsOf: [UInt32(newID), cursor.tf(.title), cursor.tf(.headings), cursor.tf(.body)])
                        if cursor.totalTf > 0 {
                            try cursor.compactPositions(into: &indexes)
                            positions.append(contentsOf: indexes)
                        }
                    }
                    d = try cursor.next()
                }
            }
            guard !postings.isEmpty else {  // only dropped documents had it
                deadTerms.insert(term)
                continue
            }
            try files.add(term: term, postings: postings, positions: positions, fieldLength: lengthOf)
        }
        releaseInputPages()

        // Word list: union, the first source's mapping winning (as the builder's first document
        // does); words whose term no longer exists are dropped. Keys: each live document's key
        // with its new id. Both are merged from the sorted inputs a block at a time and handed
        // to the writer entry by entry, never collected whole.
        var wordQueue = try DictionaryMergeQueue<[UInt8]>(blockCounts: sources.map { $0.reader.wordBlockCount }) {
            (s: Int, b: Int, into: inout [([UInt8], [UInt8])]) throws(IndexError) in
            try sources[s].reader.forEachWord(inBlock: b) { word, term in into.append((word, term)) }
        }
        var keyQueue = try DictionaryMergeQueue<UInt32>(blockCounts: sources.map { $0.reader.keyBlockCount }) {
            (s: Int, b: Int, into: inout [([UInt8], UInt32)]) throws(IndexError) in
            try sources[s].reader.forEachKey(inBlock: b) { key, doc in into.append((key, doc)) }
        }
        try files.finish(words: { (add: ([UInt8], [UInt8]) -> Void) throws(IndexError) in
                             while let (word, holders) = try wordQueue.next() {
                                 let term = holders[0].entry
                                 if !deadTerms.contains(term) { add(word, term) }
                             }
                         },
                         keys: { (add: ([UInt8], UInt32) -> Void) throws(IndexError) in
                             while let (key, holders) = try keyQueue.next() {
                                 for h in holders {
                                     let map = maps[h.source]
                                     guard Int(h.entry) < map.count else {
                                         throw .corrupt(file: "seg-\(sources[h.source].reader.info.id).key", reason: "key points past the segment")
                                     }
                                     if map[Int(h.entry)] >= 0 { add(key, UInt32(map[Int(h.entry)])); break }
                                 }
                             }
                         },
                         norms: norms, docCount: docCount, stored: &stored, storedFile: &storedFile)
        return SegmentInfo(id: id, docCount: docCount, deletedCount: 0, delGen: 0, fieldLengthSums: sums)
    }

    /// Terms merged between two releases of the inputs' resident pages: a few megabytes of
    /// postings, so input pages never pile up, for a handful of `madvise` calls per second.
    static let termsPerRelease = 20_000
    /// The same for the stored-fields pass (a few megabytes of compressed text).
    static let documentsPerRelease = 10_000

    private func releaseInputPages() { for s in sources { s.reader.releaseResidentPages() } }

    /// For each source, each old doc id's new id, or −1 when the document is dropped (deleted,
    /// or its key is live again in a later source).
    func docMaps() throws(IndexError) -> [[Int32]] {
        // The live owner of each key, the later source winning. Keyed by the key's hash, not
        // the key: a million key strings were the largest allocation of a large merge. Two keys
        // with the same hash are told apart by reading the first one's key back; the second
        // then goes to the small `collided` table.
        var owner: [Int: (source: Int, doc: UInt32)] = [:]
        var collided: [String: (source: Int, doc: UInt32)] = [:]
        var failure: IndexError? = nil
        for (s, source) in sources.enumerated() {
            try source.reader.forEachKey { key, doc in
                guard source.isLive(doc), failure == nil else { return }
                let h = key.hashValue
                if let o = owner[h] {
                    do throws(IndexError) {
                        if try sources[o.source].reader.key(o.doc) == key { owner[h] = (s, doc) } else { collided[key] = (s, doc) }
                    } catch { failure = error }
                } else {
                    owner[h] = (s, doc)
                }
            }
        }
        if let failure { throw failure }
        var keep: [[Bool]] = sources.map { [Bool](repeating: false, count: Int($0.reader.docCount)) }
        for o in Array(owner.values) + Array(collided.values) {
            guard Int(o.doc) < keep[o.source].count else {
                throw .corrupt(file: "seg-\(sources[o.source].reader.info.id).key", reason: "key points past the segment")
            }
            keep[o.source][Int(o.doc)] = true
        }
        var next: Int32 = 0
        return keep.map { flags in
            flags.map { live in
                guard live else { return -1 }
                defer { next += 1 }
                return next
            }
        }
    }
}
