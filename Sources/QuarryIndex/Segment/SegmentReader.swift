/// Read access to one committed segment: term lookup, postings cursors, norms, stored
/// documents, the word list for prefix queries, document keys and deletions.
///
/// Opening maps the files and parses only the dictionaries' sparse indexes and the stored-field
/// block index; cost is independent of the number of postings. Immutable, so shared by threads.
public final class SegmentReader: @unchecked Sendable {
    public let info: SegmentInfo
    private let terms: BlockDictionaryReader
    private let words: BlockDictionaryReader
    private let keys: BlockDictionaryReader
    /// The `.doc` body (internal: `decodeShortPostings` reads it in place).
    let postings: ByteReader
    private let positions: ByteReader
    private let layouts: DocumentLayouts
    private let norms: NormsReader
    /// The norms columns (kept mapped by `norms`).
    public let fieldLengths: FieldLengths
    private let stored: StoredFieldsReader
    public let deletions: DeletionBitmap?
    private let files: [MappedFile]

    /// Drops the resident pages of this segment's files (see `MappedFile.releaseResidentPages`):
    /// merges call it as they go, so reading big inputs does not pile up in RSS.
    public func releaseResidentPages() { for f in files { f.releaseResidentPages() } }

    public convenience init(info: SegmentInfo, directory: any IndexDirectory, verifyChecksums: Bool = false) throws(IndexError) {
        var ledger: ChecksumLedger? = nil
        try self.init(info: info, directory: directory, verifyChecksums: verifyChecksums, ledger: &ledger)
    }

    /// With a `ledger`, a file it lists as verified with the identity the file still has is not
    /// read for its checksum, and the files verified here are added to it once all of them passed.
    init(info: SegmentInfo, directory: any IndexDirectory, verifyChecksums: Bool, ledger: inout ChecksumLedger?) throws(IndexError) {
        self.info = info
        var verifiedHere: [(String, FileIdentity)] = []
        // Maps `name` and says whether to verify its checksum. The identity is taken before and
        // after mapping: only when both agree is the ledger consulted (and later written), so a
        // file replaced meanwhile is always verified and never recorded under the other's name.
        func map(_ name: String) throws(IndexError) -> (file: MappedFile, verify: Bool) {
            let before = verifyChecksums && ledger != nil ? directory.identity(name) : nil
            let file = try directory.map(name)
            guard verifyChecksums else { return (file, false) }
            guard let ledger, let before, directory.identity(name) == before else { return (file, true) }
            if ledger.isVerified(name, as: before) { return (file, false) }
            verifiedHere.append((name, before))
            return (file, true)
        }
        func map(ext: String) throws(IndexError) -> (file: MappedFile, verify: Bool) { try map("seg-\(info.id).\(ext)") }
        let tdi = try map(ext: "tdi"), wrd = try map(ext: "wrd"), key = try map(ext: "key")
        let doc = try map(ext: "doc"), pos = try map(ext: "pos"), nrm = try map(ext: "nrm"), sto = try map(ext: "sto")
        files = [tdi.file, wrd.file, key.file, doc.file, pos.file, nrm.file, sto.file]
        terms = try BlockDictionaryReader(file: tdi.file, kind: SegmentFormat.termsKind, version: SegmentFormat.termsVersion, verifyChecksum: tdi.verify)
        words = try BlockDictionaryReader(file: wrd.file, kind: SegmentFormat.wordsKind, version: SegmentFormat.wordsVersion, verifyChecksum: wrd.verify)
        keys = try BlockDictionaryReader(file: key.file, kind: SegmentFormat.keysKind, version: SegmentFormat.keysVersion, verifyChecksum: key.verify)
        postings = try FileEnvelope.open(doc.file, kind: PostingsFormat.postingsKind, version: PostingsFormat.version, verifyChecksum: doc.verify)
        let positionsBody = try FileEnvelope.open(pos.file, kind: PostingsFormat.positionsKind, version: PostingsFormat.positionsVersion, verifyChecksum: pos.verify)
        layouts = try DocumentLayouts(positions: positionsBody)
        positions = try positionsBody.slice(at: 0, count: layouts.start)
        norms = try NormsReader(file: nrm.file, verifyChecksum: nrm.verify)
        fieldLengths = norms.fieldLengths
        stored = try StoredFieldsReader(file: sto.file, verifyChecksum: sto.verify)
        guard norms.docCount == info.docCount, stored.docCount == info.docCount, layouts.docCount == Int(info.docCount), keys.count <= Int(info.docCount) else {
            throw .corrupt(file: directory.path + "/seg-\(info.id).*", reason: "segment files disagree on the document count")
        }
        if info.delGen > 0 {
            let del = try map(info.deletionFileName)
            let bitmap = try DeletionBitmap(file: del.file, verifyChecksum: del.verify)
            guard bitmap.maxDoc == info.docCount, bitmap.count == info.deletedCount else {
                throw .corrupt(file: info.deletionFileName, reason: "deletions do not match the commit")
            }
            deletions = bitmap
        } else {
            deletions = nil
        }
        for (name, identity) in verifiedHere { ledger?.recordVerified(name, as: identity) }
    }

    public var docCount: UInt32 { info.docCount }

    @inline(__always)
    public func isDeleted(_ doc: UInt32) -> Bool { deletions?.isDeleted(doc) ?? false }

    /// Dictionary entry of an indexed term.
    public func termInfo(_ term: String) throws(IndexError) -> TermInfo? {
        var chain = TermInfoChain()
        let found = try terms.lookup(Array(term.utf8), observing: { (p: ByteReader, first: Bool) throws(IndexError) in
            try chain.observe(p, startsBlock: first)
        })
        return found == nil ? nil : chain.current
    }

    /// A cursor over `term`'s postings, or nil if the segment lacks the term.
    public func cursor(_ term: String) throws(IndexError) -> PostingsCursor? {
        guard let info = try termInfo(term) else { return nil }
        return try cursor(info)
    }

    public func cursor(_ info: TermInfo) throws(IndexError) -> PostingsCursor {
        try PostingsCursor(info: info, postings: postings, positions: positions, layouts: layouts)
    }

    /// Maps `doc`'s compact positions (`PostingsCursor.compactPositions`) to positions.
    public func positionMap(_ doc: UInt32) throws(IndexError) -> PositionMap {
        guard let layout = layouts.layout(doc) else { throw layouts.reader.corrupt("layout of document \(doc) out of range") }
        return PositionMap(layout: layout, defaultJump: layouts.defaultJump)
    }

    /// The smallest gap the analyzer left in any document's position space (`UInt32.max` when
    /// none): a phrase spanning at most this many positions can be matched on compact positions.
    public var minJump: UInt32 { layouts.minJump }

    /// A document's token count and position jumps (see `DocumentLayoutWriter`).
    func layout(_ doc: UInt32) throws(IndexError) -> (tokenCount: UInt32, jumps: [(index: UInt32, extra: UInt32)]) {
        try layouts.jumps(doc)
    }

    /// Terms reached from unstemmed words starting with `prefix` (word list), at most `limit` words.
    /// Returns nil when more than `limit` words match.
    public func expandPrefix(_ prefix: String, limit: Int) throws(IndexError) -> [(word: String, term: String)]? {
        var out: [(word: String, term: String)] = []
        let complete = try forEachWord(withPrefix: Array(prefix.utf8), limit: limit) { (key: [UInt8], payload: ByteReader) throws(IndexError) in
            let word = String(decoding: key, as: UTF8.self)
            out.append((word, try WordListFormat.termString(word: key, wordString: word, payload: payload)))
        }
        return complete ? out : nil
    }

    /// Terms reached from the unstemmed words starting with `prefix` that `select` keeps (it
    /// sees each word's bytes and returns what the caller wants to know of it, or nil), for
    /// fuzzy matching: one pass over the word list, with a term built only for the words kept.
    public func terms<Tag>(ofWordsWithPrefix prefix: [UInt8], selecting select: ([UInt8]) -> Tag?) throws(IndexError) -> [(tag: Tag, term: [UInt8])] {
        var out: [(tag: Tag, term: [UInt8])] = []
        _ = try forEachWord(withPrefix: prefix, limit: Int.max) { (key: [UInt8], payload: ByteReader) throws(IndexError) in
            if let tag = select(key) { out.append((tag, try WordListFormat.term(word: key, payload: payload))) }
        }
        return out
    }

    /// Like `expandPrefix(_:limit:)`, the terms' bytes only: a prefix query expands to thousands
    /// of words, and building two strings per word was a large share of its time.
    public func expandPrefixTerms(_ prefix: [UInt8], limit: Int, into arena: inout TermArena) throws(IndexError) -> Bool {
        try forEachWord(withPrefix: prefix, limit: limit) { (key: [UInt8], payload: ByteReader) throws(IndexError) in
            try WordListFormat.appendTerm(word: key, payload: payload, to: &arena)
        }
    }

    /// Visits the word-list entries starting with `prefix`, at most `limit` of them; false when
    /// more words match (the expansions' "too many words" case).
    private func forEachWord(withPrefix prefix: [UInt8], limit: Int,
                             _ visit: ([UInt8], ByteReader) throws(IndexError) -> Void) throws(IndexError) -> Bool {
        var visited = 0
        var overflow = false
        try words.forEach(prefix: prefix) { (key: [UInt8], payload: ByteReader) throws(IndexError) -> Bool in
            if visited >= limit { overflow = true; return false }
            visited += 1
            try visit(key, payload)
            return true
        }
        return !overflow
    }

    /// Dictionary entries of `wanted` — distinct terms in increasing byte order, each starting
    /// with `prefix` — aligned with it (nil where the segment lacks the term). One scan of the
    /// dictionary over `prefix` merged with the list: no string is built or hashed per entry,
    /// which `termInfos(withPrefix:among:)` spent most of its time on. An empty prefix looks
    /// the terms up one by one instead of scanning the whole dictionary.
    public func termInfos(sorted wanted: TermArena, sharing prefix: [UInt8]) throws(IndexError) -> [TermInfo?] {
        var out = [TermInfo?](repeating: nil, count: wanted.count)
        var chain = TermInfoChain()
        let observe = { (p: ByteReader, first: Bool) throws(IndexError) in try chain.observe(p, startsBlock: first) }
        if prefix.isEmpty {
            for i in 0..<wanted.count {
                if try terms.lookup(wanted.term(i), observing: observe) != nil { out[i] = chain.current }
            }
            return out
        }
        guard !wanted.isEmpty else { return out }
        var j = 0
        try terms.forEach(prefix: prefix, observing: observe) { (key: [UInt8], _: ByteReader) throws(IndexError) -> Bool in
            key.withUnsafeBufferPointer { k in
                var c = wanted.compare(j, k)
                while c < 0 {
                    j += 1
                    if j == wanted.count { return }
                    c = wanted.compare(j, k)
                }
                if c == 0 { out[j] = chain.current; j += 1 }
            }
            return j < wanted.count
        }
        return out
    }

    /// Every indexed term starting with `prefix` (stemmed dictionary).
    public func terms(withPrefix prefix: String, limit: Int) throws(IndexError) -> [String]? {
        var out: [String] = []
        var overflow = false
        try terms.forEach(prefix: Array(prefix.utf8)) { (key: [UInt8], _: ByteReader) throws(IndexError) -> Bool in
            if out.count >= limit { overflow = true; return false }
            out.append(String(decoding: key, as: UTF8.self))
            return true
        }
        return overflow ? nil : out
    }

    /// Dictionary entries of the terms among `wanted`, found by one sequential scan of the terms
    /// starting with `prefix` (instead of one lookup each): how a prefix query's expansion —
    /// thousands of terms sharing a prefix — opens its postings.
    public func termInfos(withPrefix prefix: String, among wanted: Set<String>) throws(IndexError) -> [String: TermInfo] {
        var found: [String: TermInfo] = [:]
        var chain = TermInfoChain()
        try terms.forEach(prefix: Array(prefix.utf8), observing: { (p: ByteReader, first: Bool) throws(IndexError) in
            try chain.observe(p, startsBlock: first)
        }) { (key: [UInt8], _: ByteReader) throws(IndexError) -> Bool in
            let term = String(decoding: key, as: UTF8.self)
            if wanted.contains(term) { found[term] = chain.current }
            return found.count < wanted.count
        }
        return found
    }

    /// Doc id of a document key, if present (deleted or not).
    public func doc(forKey key: String) throws(IndexError) -> UInt32? {
        guard var r = try keys.lookup(Array(key.utf8)) else { return nil }
        let d = try r.vint()
        guard d < info.docCount else { throw r.corrupt("key points past the segment") }
        return d
    }

    /// Calls `body` with every (key, doc) pair in key order.
    public func forEachKey(_ body: (String, UInt32) -> Void) throws(IndexError) {
        try keys.forEach { (key: [UInt8], payload: ByteReader) throws(IndexError) -> Bool in
            var p = payload
            body(String(decoding: key, as: UTF8.self), try p.vint())
            return true
        }
    }

    @inlinable @inline(__always)
    public func fieldLength(_ doc: UInt32, _ field: Field) -> UInt32 { fieldLengths.length(doc, field) }

    public func norms(_ doc: UInt32) -> FieldNorms { norms.norms(doc) }

    public func document(_ doc: UInt32) throws(IndexError) -> StoredDocument { try stored.document(doc) }

    /// The key of `doc` (cheap: no decompression).
    public func key(_ doc: UInt32) throws(IndexError) -> String { try stored.key(doc) }

    /// Visits every stored document in doc-id order (deleted ones included), decompressing each
    /// block once: what a merge needs.
    public func forEachDocument(_ body: (UInt32, StoredDocument) throws(IndexError) -> Void) throws(IndexError) {
        try stored.forEachDocument(body)
    }

    /// Number of distinct terms.
    public var termCount: Int { terms.count }

    /// Bytes per file kind, for `quarry stats`.
    public var fileSizes: [(String, Int)] { files.map { ($0.name, $0.bytes.count) } }

    /// Visits every term with its dictionary entry, in byte order (merges, `quarry check`).
    /// Blocks of the word list and of the key table, walked a block at a time by merges.
    var wordBlockCount: Int { words.blockCount }
    var keyBlockCount: Int { keys.blockCount }

    /// The (word, term) pairs of word-list block `b`, in word order.
    func forEachWord(inBlock b: Int, _ body: ([UInt8], [UInt8]) throws(IndexError) -> Void) throws(IndexError) {
        try words.scanBlock(b, { (_: ByteReader, _: Bool) throws(IndexError) in }) { (key: [UInt8], payload: ByteReader) throws(IndexError) -> Bool in
            try body(key, try WordListFormat.term(word: key, payload: payload))
            return true
        }
    }

    /// The (key, doc) pairs of key-table block `b`, in key order.
    func forEachKey(inBlock b: Int, _ body: ([UInt8], UInt32) throws(IndexError) -> Void) throws(IndexError) {
        try keys.scanBlock(b, { (_: ByteReader, _: Bool) throws(IndexError) in }) { (key: [UInt8], payload: ByteReader) throws(IndexError) -> Bool in
            var p = payload
            try body(key, try p.vint())
            return true
        }
    }

    /// Blocks of the term dictionary (`forEachTerm(inBlock:_:)` walks one).
    var termBlockCount: Int { terms.blockCount }

    /// The terms of dictionary block `b`, in order, with their entries.
    func forEachTerm(inBlock b: Int, _ body: ([UInt8], TermInfo) throws(IndexError) -> Void) throws(IndexError) {
        var chain = TermInfoChain()
        try terms.scanBlock(b, { (p: ByteReader, first: Bool) throws(IndexError) in
            try chain.observe(p, startsBlock: first)
        }) { (key: [UInt8], _: ByteReader) throws(IndexError) -> Bool in
            try body(key, chain.current)
            return true
        }
    }

    public func forEachTerm(_ body: (String, TermInfo) throws(IndexError) -> Void) throws(IndexError) {
        var chain = TermInfoChain()
        try terms.forEach(observing: { (p: ByteReader, first: Bool) throws(IndexError) in
            try chain.observe(p, startsBlock: first)
        }) { (key: [UInt8], _: ByteReader) throws(IndexError) -> Bool in
            try body(String(decoding: key, as: UTF8.self), chain.current)
            return true
        }
    }

    /// Visits every (word, term) pair of the word list.
    public func forEachWord(_ body: (String, String) -> Void) throws(IndexError) {
        try words.forEach { (key: [UInt8], payload: ByteReader) throws(IndexError) -> Bool in
            let word = String(decoding: key, as: UTF8.self)
            body(word, try WordListFormat.termString(word: key, wordString: word, payload: payload))
            return true
        }
    }
}
