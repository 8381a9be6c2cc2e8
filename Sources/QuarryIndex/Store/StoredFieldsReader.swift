/// Reads documents from a `.sto` file (layout in `StoredFieldsWriter`).
struct StoredFieldsReader: @unchecked Sendable {
    private struct Block { var first: UInt32; var offset: Int; var compressed: Int; var raw: Int }
    private let body: ByteReader
    private let blocks: [Block]
    private let keyBytesOffset: Int
    private let keyEndsOffset: Int
    let docCount: UInt32

    init(file: MappedFile, verifyChecksum: Bool) throws(IndexError) {
        body = try FileEnvelope.open(file, kind: StoredFieldsWriter.kind, version: StoredFieldsWriter.version,
                                     verifyChecksum: verifyChecksum)
        var tail = body
        guard body.base.count >= 8 else { throw .corrupt(file: file.name, reason: "stored fields too short") }
        tail.offset = body.base.count - 8
        let indexOffset = Int(clamping: try tail.u64())
        guard indexOffset <= body.base.count - 8 else { throw .corrupt(file: file.name, reason: "stored index offset out of range") }
        var r = body
        r.offset = indexOffset
        docCount = try r.vint()
        let n = try r.vcount(max: Int(docCount))
        var blocks: [Block] = []
        var previousFirst: Int64 = -1
        for _ in 0..<n {
            let b = Block(first: try r.vint(), offset: try r.vcount(max: indexOffset),
                          compressed: try r.vcount(max: indexOffset), raw: try r.vcount(max: 1 << 30))
            guard Int64(b.first) > previousFirst, b.first < docCount, b.offset + b.compressed <= indexOffset else {
                throw .corrupt(file: file.name, reason: "stored block index out of order or range")
            }
            previousFirst = Int64(b.first)
            blocks.append(b)
        }
        guard blocks.first.map({ $0.first == 0 }) ?? true else {
            throw .corrupt(file: file.name, reason: "stored blocks do not start at document 0")
        }
        self.blocks = blocks
        keyBytesOffset = try r.vcount(max: indexOffset)
        keyEndsOffset = try r.vcount(max: indexOffset)
        guard keyEndsOffset >= keyBytesOffset, keyEndsOffset + 4 * Int(docCount) <= indexOffset else {
            throw .corrupt(file: file.name, reason: "stored key table out of range")
        }
    }

    /// The key of `doc`, without decompressing anything.
    func key(_ doc: UInt32) throws(IndexError) -> String {
        guard doc < docCount else { throw body.corrupt("document \(doc) out of range") }
        func end(_ d: Int) -> Int {
            Int(body.base.loadUnaligned(fromByteOffset: keyEndsOffset + 4 * d, as: UInt32.self).littleEndian)
        }
        let start = doc == 0 ? 0 : end(Int(doc) - 1)
        let stop = end(Int(doc))
        guard start <= stop, keyBytesOffset + stop <= keyEndsOffset else { throw body.corrupt("stored key \(doc) out of range") }
        return String(decoding: UnsafeRawBufferPointer(rebasing: body.base[(keyBytesOffset + start)..<(keyBytesOffset + stop)]), as: UTF8.self)
    }

    /// Decodes every document in order, each block decompressed once (merges read sequentially;
    /// `document(_:)` would decompress a block per document).
    func forEachDocument(_ visit: (UInt32, StoredDocument) throws(IndexError) -> Void) throws(IndexError) {
        for (i, b) in blocks.enumerated() {
            let end = i + 1 < blocks.count ? blocks[i + 1].first : docCount
            guard b.first <= end else { throw body.corrupt("stored block \(i) starts after the next one") }
            let compressed = try body.slice(at: b.offset, count: b.compressed)
            guard let raw = Zstd.decompress(compressed.base, size: b.raw) else {
                throw body.corrupt("stored block \(i) does not decompress")
            }
            var docs: [StoredDocument] = []
            let failure = raw.withUnsafeBytes { buf -> IndexError? in
                var r = ByteReader(buf, file: body.file, owner: nil)
                do throws(IndexError) {
                    for d in b.first..<end { docs.append(try StoredDocument.decode(&r, key: try key(d))) }
                } catch { return error }
                return nil
            }
            if let failure { throw failure }
            for (k, d) in docs.enumerated() { try visit(b.first + UInt32(k), d) }
        }
    }

    func document(_ doc: UInt32) throws(IndexError) -> StoredDocument {
        guard doc < docCount, !blocks.isEmpty else { throw body.corrupt("document \(doc) out of range") }
        var lo = 0, hi = blocks.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if blocks[mid].first <= doc { lo = mid } else { hi = mid - 1 }
        }
        let b = blocks[lo]
        guard b.first <= doc else { throw body.corrupt("stored block \(lo) starts after document \(doc)") }
        let compressed = try body.slice(at: b.offset, count: b.compressed)
        guard let raw = Zstd.decompress(compressed.base, size: b.raw) else {
            throw body.corrupt("stored block \(lo) does not decompress")
        }
        let result = raw.withUnsafeBytes { buf -> Result<StoredDocument, IndexError> in
            var r = ByteReader(buf, file: body.file, owner: nil)
            do throws(IndexError) {
                for _ in b.first..<doc { try StoredDocument.skip(&r) }
                return .success(try StoredDocument.decode(&r, key: try key(doc)))
            } catch { return .failure(error) }
        }
        return try result.get()
    }
}
