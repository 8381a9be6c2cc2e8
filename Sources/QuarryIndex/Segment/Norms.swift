import CPrefetch

/// Per-document field lengths and field start positions (`.nrm`).
///
/// ```
/// body := docCount:u32 lenTitle:u32{docCount} lenHeadings:u32{docCount} lenBody:u32{docCount}
///         headingsStart:u32{docCount} bodyStart:u32{docCount}
/// ```
/// Column by column (version 2; version 1 stored one 20-byte record per document): scoring reads
/// the body length of each matching document in doc order, and a column packs 16 of them per
/// cache line where records packed 3 — on a 1M-document index that was half of the time of a
/// bag-of-words query. Exact lengths (not Lucene's one-byte quantization) keep BM25 scores
/// exact and tunable.
public struct FieldNorms: Sendable, Equatable {
    public var lengths: (UInt32, UInt32, UInt32)
    public var headingsStart: UInt32
    public var bodyStart: UInt32

    public init(lengths: (UInt32, UInt32, UInt32), headingsStart: UInt32, bodyStart: UInt32) {
        self.lengths = lengths
        self.headingsStart = headingsStart
        self.bodyStart = bodyStart
    }

    public func length(_ f: Field) -> UInt32 {
        switch f {
        case .title: return lengths.0
        case .headings: return lengths.1
        case .body: return lengths.2
        }
    }

    /// The field a position belongs to.
    public func field(ofPosition p: UInt32) -> Field {
        p >= bodyStart ? .body : (p >= headingsStart ? .headings : .title)
    }

    public static func == (a: FieldNorms, b: FieldNorms) -> Bool {
        a.lengths == b.lengths && a.headingsStart == b.headingsStart && a.bodyStart == b.bodyStart
    }
}

enum NormsFormat {
    static let kind = "NORM"
    static let version: UInt32 = 2
    static let columns = 5

    /// The file for `docCount` documents given as rows of 5 values per document
    /// (lenTitle, lenHeadings, lenBody, headingsStart, bodyStart), the writers' in-memory form.
    static func serialize(rows: [UInt32], docCount: UInt32) -> [UInt8] {
        var w = FileEnvelope.begin(kind: kind, version: version, capacity: rows.count * 4 + 4)
        w.u32(docCount)
        let n = Int(docCount)
        for c in 0..<columns {
            for d in 0..<n { w.u32(rows[d * columns + c]) }
        }
        return FileEnvelope.finish(w)
    }
}

/// Field lengths of a segment's documents as a bare view of the norms columns, for scorers in
/// other modules: `length` inlines to one bounds check and one load.
public struct FieldLengths: @unchecked Sendable {
    @usableFromInline let columns: UnsafeRawPointer?
    @usableFromInline let docCount: UInt32

    /// Whether the length columns are too large to stay in cache, so that `prefetch` pays: a
    /// prefetch of a cached line still costs its instructions, which slowed conjunctions on a
    /// 6,000-document index by a tenth.
    public let worthPrefetching: Bool

    @usableFromInline init(columns: UnsafeRawPointer?, docCount: UInt32) {
        self.columns = columns
        self.docCount = docCount
        worthPrefetching = docCount >= 1 << 18  // 3 MiB of lengths
    }

    /// Length in tokens of `field` in `doc` (1 for a doc id out of range: never a division by 0).
    @inlinable @inline(__always)
    public func length(_ doc: UInt32, _ field: Field) -> UInt32 {
        guard doc < docCount, let columns else { return 1 }
        return columns.loadUnaligned(fromByteOffset: (field.rawValue * Int(docCount) + Int(doc)) * 4, as: UInt32.self).littleEndian
    }

    /// Starts loading the field lengths of `doc` into the cache (nothing out of range), for a
    /// document a scorer will reach a few steps later: on a large index each length read is
    /// otherwise a cache miss on the scoring's critical path (one per column it reads). Callers
    /// check `worthPrefetching` first.
    @inlinable @inline(__always)
    public func prefetchBody(_ doc: UInt32) {
        guard doc < docCount, let columns else { return }
        quarry_prefetch(columns + (2 * Int(docCount) + Int(doc)) * 4)
    }

    /// `prefetchBody` for every field's column.
    @inlinable @inline(__always)
    public func prefetch(_ doc: UInt32) {
        guard doc < docCount, let columns else { return }
        let column = Int(docCount) * 4
        let p = columns + Int(doc) * 4
        quarry_prefetch(p)
        quarry_prefetch(p + column)
        quarry_prefetch(p + 2 * column)
    }
}

struct NormsReader: @unchecked Sendable {
    private let body: ByteReader
    /// The columns, as a bare pointer: scoring reads a length per matching document, and going
    /// through `ByteReader` (which holds its owner) costs a retain/release pair per read. The
    /// mapping stays alive through `body`.
    private let columns: UnsafeRawPointer?
    let docCount: UInt32

    init(file: MappedFile, verifyChecksum: Bool) throws(IndexError) {
        body = try FileEnvelope.open(file, kind: NormsFormat.kind, version: NormsFormat.version, verifyChecksum: verifyChecksum)
        var r = body
        docCount = try r.u32()
        guard UInt64(body.base.count) == 4 + UInt64(docCount) * UInt64(4 * NormsFormat.columns) else {
            throw .corrupt(file: file.name, reason: "norms size does not match \(docCount) documents")
        }
        columns = body.base.baseAddress.map { UnsafeRawPointer($0 + 4) }
    }

    @inline(__always)
    private func value(_ doc: UInt32, _ column: Int) -> UInt32 {
        guard doc < docCount, let columns else { return 0 }
        return columns.loadUnaligned(fromByteOffset: (column * Int(docCount) + Int(doc)) * 4, as: UInt32.self).littleEndian
    }

    /// The length columns; valid while this reader's mapping is (the segment reader keeps both).
    var fieldLengths: FieldLengths { FieldLengths(columns: columns, docCount: docCount) }

    func norms(_ doc: UInt32) -> FieldNorms {
        FieldNorms(lengths: (value(doc, 0), value(doc, 1), value(doc, 2)), headingsStart: value(doc, 3), bodyStart: value(doc, 4))
    }
}
