/// Writes the seven files of a new segment: the last step of both a flush (`SegmentBuilder`)
/// and a merge (`SegmentMerger`), so the two can never write them differently.
///
/// Terms arrive one at a time in byte order; their postings and positions are encoded and
/// streamed to `.doc` and `.pos` about a megabyte at a time, so a segment's encoded postings
/// are never all in memory (neither beside a full builder at a flush, nor for a merge's output).
/// The term dictionary, word list, keys and norms are small and written whole at the end.
struct SegmentFileSet {
    /// Drain the encoder's buffers to the files past this many bytes.
    static let drainThreshold = 1 << 20

    let id: String
    let directory: any IndexDirectory
    private var encoder = PostingsEncoder()
    private var postingsFile: EnvelopeOutput
    private var positionsFile: EnvelopeOutput
    private var terms = TermDictionaryWriter()

    /// Creates `seg-<id>.doc` and `.pos`. `layouts` holds every document's token count and
    /// position jumps, in doc order (positions are stored as compact positions against them).
    init(id: String, directory: any IndexDirectory, layouts: DocumentLayoutWriter) throws(IndexError) {
        self.id = id
        self.directory = directory
        encoder.layouts = layouts
        postingsFile = try EnvelopeOutput(directory.createOutput(Self.name(id, "doc")), kind: PostingsFormat.postingsKind,
                                          version: PostingsFormat.version)
        positionsFile = try EnvelopeOutput(directory.createOutput(Self.name(id, "pos")), kind: PostingsFormat.positionsKind,
                                           version: PostingsFormat.positionsVersion)
    }

    static func name(_ id: String, _ ext: String) -> String { "seg-\(id).\(ext)" }

    /// Creates `seg-<id>.sto`, for a `StoredFieldsWriter` to drain into as it goes.
    static func storedOutput(id: String, directory: any IndexDirectory) throws(IndexError) -> EnvelopeOutput {
        try EnvelopeOutput(directory.createOutput(name(id, "sto")), kind: StoredFieldsWriter.kind,
                           version: StoredFieldsWriter.version)
    }

    /// Encodes one term (terms in byte order) and records it in the dictionary.
    mutating func add(term: [UInt8], postings: [UInt32], positions: [UInt32],
                      fieldLength: (UInt32, Int) -> UInt32) throws(IndexError) {
        var info = encoder.encode(postings: postings, positions: positions, fieldLength: fieldLength)
        info.postingsOffset += UInt64(postingsFile.bodyCount)
        info.positionsOffset += UInt64(positionsFile.bodyCount)
        terms.add(term: term, info: info)
        if encoder.postingsOut.count >= Self.drainThreshold { try postingsFile.drain(&encoder.postingsOut) }
        if encoder.positionsOut.count >= Self.drainThreshold { try positionsFile.drain(&encoder.positionsOut) }
    }

    /// Closes `.doc` and `.pos` and writes `.tdi`, `.wrd` (`words`: unstemmed word → term,
    /// sorted by word bytes), `.key` (`keys`: key → doc, sorted by key, one entry per key),
    /// `.nrm` (`norms`: five values per document, see `NormsFormat.serialize`) and finally
    /// `.sto` from `stored`, which may already have drained into `storedFile`.
    mutating func finish(words: [(word: [UInt8], term: [UInt8])], keys: [(key: [UInt8], doc: UInt32)],
                         norms: [UInt32], docCount: UInt32, stored: inout StoredFieldsWriter,
                         storedFile: inout EnvelopeOutput) throws(IndexError) {
        try finish(words: { (add: ([UInt8], [UInt8]) -> Void) throws(IndexError) in for (word, term) in words { add(word, term) } },
                   keys: { (add: ([UInt8], UInt32) -> Void) throws(IndexError) in for (key, doc) in keys { add(key, doc) } },
                   norms: norms, docCount: docCount, stored: &stored, storedFile: &storedFile)
    }

    /// `finish` with the word list and the keys handed over one entry at a time (in byte
    /// order), so a merge need not hold them all as arrays of arrays: on 1M documents those
    /// copies were the largest part of a merge's memory.
    mutating func finish(words: ((_ word: [UInt8], _ term: [UInt8]) -> Void) throws(IndexError) -> Void,
                         keys: ((_ key: [UInt8], _ doc: UInt32) -> Void) throws(IndexError) -> Void,
                         norms: [UInt32], docCount: UInt32, stored: inout StoredFieldsWriter,
                         storedFile: inout EnvelopeOutput) throws(IndexError) {
        try postingsFile.drain(&encoder.postingsOut)
        try postingsFile.finish()
        // The documents' layouts close the positions body (its offset is in the trailer).
        let layoutsAt = positionsFile.bodyCount + encoder.positionsOut.count
        encoder.positionsOut.append(encoder.layouts.serialized(at: layoutsAt))
        try positionsFile.drain(&encoder.positionsOut)
        try positionsFile.finish()
        var wordDict = BlockDictionaryWriter(kind: SegmentFormat.wordsKind, version: SegmentFormat.wordsVersion)
        try words { word, term in wordDict.add(key: word, payload: WordListFormat.payload(word: word, term: term)) }
        var keyDict = BlockDictionaryWriter(kind: SegmentFormat.keysKind, version: SegmentFormat.keysVersion)
        try keys { key, doc in
            var p = ByteWriter()
            p.vint(doc)
            keyDict.add(key: key, payload: p.bytes)
        }
        try directory.write(Self.name(id, "tdi"), terms.finish())
        try directory.write(Self.name(id, "wrd"), wordDict.finish())
        try directory.write(Self.name(id, "key"), keyDict.finish())
        try directory.write(Self.name(id, "nrm"), NormsFormat.serialize(rows: norms, docCount: docCount))
        try stored.finish(into: &storedFile)
    }
}
