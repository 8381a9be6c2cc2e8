/// Writes the stored-fields (`.sto`) file: documents grouped into ~32 KiB blocks, each
/// compressed with zstd, and a block index at the end.
///
/// ```
/// body  := block* index indexOffset:u64
/// block := zstd(record*)                       (records as in StoredDocument)
/// index := docCount:vint blockCount:vint (firstDoc:vint offset:vlong compressedLength:vint rawLength:vint)*
/// ```
/// Grouping amortizes zstd's per-frame cost and lets it find repetition across documents;
/// fetching one document decompresses one block.
struct StoredFieldsWriter {
    static let kind = "STOR"
    static let version: UInt32 = 1
    static let blockTarget = 32 * 1024

    private var w = FileEnvelope.begin(kind: kind, version: version)
    private var bodyStart = FileEnvelope.headerSize
    private var pending = ByteWriter()
    private var pendingFirst: UInt32 = 0
    private var docCount: UInt32 = 0
    private var blocks: [(first: UInt32, offset: Int, compressed: Int, raw: Int)] = []

    mutating func add(_ doc: StoredDocument) {
        if pending.count == 0 { pendingFirst = docCount }
        doc.encode(into: &pending)
        docCount += 1
        if pending.count >= Self.blockTarget { flush() }
    }

    private mutating func flush() {
        guard pending.count > 0 else { return }
        let compressed = Zstd.compress(pending.bytes)
        blocks.append((pendingFirst, w.count - bodyStart, compressed.count, pending.count))
        w.append(compressed)
        pending = ByteWriter()
    }

    mutating func finish() -> [UInt8] {
        flush()
        let indexOffset = w.count - bodyStart
        w.vint(docCount)
        w.vint(blocks.count)
        for b in blocks {
            w.vint(b.first)
            w.vlong(UInt64(b.offset))
            w.vint(b.compressed)
            w.vint(b.raw)
        }
        w.u64(UInt64(indexOffset))
        return FileEnvelope.finish(w)
    }
}
