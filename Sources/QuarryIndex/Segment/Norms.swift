/// Per-document field lengths and field start positions (`.nrm`).
///
/// ```
/// body := docCount:u32 (lenTitle lenHeadings lenBody headingsStart bodyStart : u32){docCount}
/// ```
/// Fixed-size records: reading one document's lengths is a single offset computation. Exact
/// lengths (not Lucene's one-byte quantization) keep BM25 scores exact and tunable.
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
    static let version: UInt32 = 1
    static let recordSize = 20
}

struct NormsReader: @unchecked Sendable {
    private let body: ByteReader
    let docCount: UInt32

    init(file: MappedFile, verifyChecksum: Bool) throws(IndexError) {
        body = try FileEnvelope.open(file, kind: NormsFormat.kind, version: NormsFormat.version, verifyChecksum: verifyChecksum)
        var r = body
        docCount = try r.u32()
        guard UInt64(body.base.count) == 4 + UInt64(docCount) * UInt64(NormsFormat.recordSize) else {
            throw .corrupt(file: file.name, reason: "norms size does not match \(docCount) documents")
        }
    }

    @inline(__always)
    func length(_ doc: UInt32, _ field: Int) -> UInt32 {
        let o = 4 + Int(doc) * NormsFormat.recordSize + field * 4
        guard doc < docCount else { return 1 }
        return body.base.loadUnaligned(fromByteOffset: o, as: UInt32.self).littleEndian
    }

    func norms(_ doc: UInt32) -> FieldNorms {
        guard doc < docCount else { return FieldNorms(lengths: (0, 0, 0), headingsStart: 0, bodyStart: 0) }
        let o = 4 + Int(doc) * NormsFormat.recordSize
        func u(_ i: Int) -> UInt32 { body.base.loadUnaligned(fromByteOffset: o + 4 * i, as: UInt32.self).littleEndian }
        return FieldNorms(lengths: (u(0), u(1), u(2)), headingsStart: u(3), bodyStart: u(4))
    }
}
