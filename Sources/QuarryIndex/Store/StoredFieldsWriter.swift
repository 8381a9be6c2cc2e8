/// Writes the stored-fields (`.sto`) file, version 4: documents grouped into ~64 KiB blocks,
/// each compressed with zstd (level 3), and a block index at the end.
///
/// ```
/// body     := block* keyBytes keyEnds index indexOffset:u64
/// block    := zstd(record*)                       (records as in StoredDocument, without the key)
/// keyBytes := the document keys, concatenated in doc order
/// keyEnds  := u32[docCount]                        (end of key d within keyBytes)
/// index    := docCount:vint blockCount:vint (firstDoc:vint offset:vlong compressedLength:vint rawLength:vint)*
///             keyBytesOffset:vlong keyEndsOffset:vlong
/// ```
/// Grouping amortizes zstd's per-frame cost and lets it find repetition across documents, but
/// fetching one document decompresses its whole block (and skips the records before it without
/// decoding them). 64 KiB balances the two: on the Debian-docs crawl the file is 7.7 % larger
/// than with 256 KiB blocks, and showing ten hits with snippets decompresses 3.6 times fewer
/// bytes (7.9M instructions instead of 28.3M, a fifth of a one-shot `quarry search`). Keys are
/// also kept uncompressed on the side, because ranked lists (`quarry batch`, run files) need
/// only the key of each hit.
struct StoredFieldsWriter {
    static let kind = "STOR"
    static let version: UInt32 = 4
    static let blockTarget = 64 * 1024

    /// Compressed blocks not yet written out; `written` body bytes precede them in the file.
    private var w = ByteWriter()
    private var written = 0
    private var pending = ByteWriter()
    private var pendingFirst: UInt32 = 0
    private var docCount: UInt32 = 0
    private var blocks: [(first: UInt32, offset: Int, compressed: Int, raw: Int)] = []
    private var keyBytes: [UInt8] = []
    private var keyEnds: [UInt32] = []

    mutating func add(_ doc: StoredDocument) {
        if pending.count == 0 { pendingFirst = docCount }
        doc.encode(into: &pending)
        keyBytes.append(contentsOf: doc.fields.key.utf8)
        keyEnds.append(UInt32(keyBytes.count))
        docCount += 1
        if pending.count >= Self.blockTarget { flush() }
    }

    private mutating func flush() {
        guard pending.count > 0 else { return }
        let compressed = Zstd.compress(pending.bytes)
        blocks.append((pendingFirst, written + w.count, compressed.count, pending.count))
        w.append(compressed)
        pending = ByteWriter()
    }

    /// Writes the compressed blocks so far to `out` (created with `kind` and `version`) and
    /// forgets them: a builder calls this as it goes, so stored text never piles up in memory.
    mutating func drain(into out: inout EnvelopeOutput) throws(IndexError) {
        written += w.count
        try out.drain(&w)
    }

    /// Compressed bytes not yet drained.
    var bufferedCompressedBytes: Int { w.count }

    /// Bytes held in memory (the block being filled and compressed blocks not yet drained).
    var bufferedBytes: Int { pending.capacity + w.capacity + keyBytes.capacity + keyEnds.capacity * 4 + blocks.capacity * 32 }

    /// Writes the rest of the file (last block, keys, index, footer) to `out` and closes it.
    mutating func finish(into out: inout EnvelopeOutput) throws(IndexError) {
        flush()
        try drain(into: &out)
        let keyBytesOffset = written
        var tail = ByteWriter(capacity: keyBytes.count + keyEnds.count * 4 + blocks.count * 16 + 64)
        tail.append(keyBytes)
        keyBytes = []
        let keyEndsOffset = keyBytesOffset + tail.count
        for e in keyEnds { tail.u32(e) }
        keyEnds = []
        let indexOffset = keyBytesOffset + tail.count
        tail.vint(docCount)
        tail.vint(blocks.count)
        for b in blocks {
            tail.vint(b.first)
            tail.vlong(UInt64(b.offset))
            tail.vint(b.compressed)
            tail.vint(b.raw)
        }
        tail.vlong(UInt64(keyBytesOffset))
        tail.vlong(UInt64(keyEndsOffset))
        tail.u64(UInt64(indexOffset))
        try out.drain(&tail)
        try out.finish()
    }
}
