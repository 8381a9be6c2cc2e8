/// The seven files of a new segment, serialized together: the last step of both a flush
/// (`SegmentBuilder`) and a merge (`SegmentMerger`), so the two can never write them differently.
struct SegmentFileSet {
    var encoder: PostingsEncoder
    var terms: TermDictionaryWriter
    /// Unstemmed word → term, sorted by word bytes.
    var words: [(word: [UInt8], term: [UInt8])]
    /// Document key → doc id, sorted by key bytes, one entry per key.
    var keys: [(key: [UInt8], doc: UInt32)]
    /// Five values per document (see `NormsFormat.serialize`).
    var norms: [UInt32]
    var docCount: UInt32
    var stored: StoredFieldsWriter

    /// Writes `seg-<id>.{doc,pos,tdi,wrd,key,nrm,sto}` through `directory` (each fsynced).
    mutating func write(id: String, to directory: any IndexDirectory) throws(IndexError) {
        var wordDict = BlockDictionaryWriter(kind: SegmentFormat.wordsKind, version: SegmentFormat.wordsVersion)
        for (word, term) in words { wordDict.add(key: word, payload: WordListFormat.payload(word: word, term: term)) }
        var keyDict = BlockDictionaryWriter(kind: SegmentFormat.keysKind, version: SegmentFormat.keysVersion)
        for (key, doc) in keys {
            var p = ByteWriter()
            p.vint(doc)
            keyDict.add(key: key, payload: p.bytes)
        }
        let files: [(String, [UInt8])] = [
            ("doc", FileEnvelope.finish(encoder.postingsOut)),
            ("pos", encoder.finishPositions()),
            ("tdi", terms.finish()),
            ("wrd", wordDict.finish()),
            ("key", keyDict.finish()),
            ("nrm", NormsFormat.serialize(rows: norms, docCount: docCount)),
            ("sto", stored.finish()),
        ]
        for (ext, bytes) in files { try directory.write("seg-\(id).\(ext)", bytes) }
    }
}
