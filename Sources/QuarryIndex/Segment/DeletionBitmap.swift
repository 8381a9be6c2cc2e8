/// Which documents of a segment are deleted (`seg-ID-GEN.del`). Segments are immutable, so a
/// deletion writes a new generation of this small file and the next commit points at it.
///
/// ```
/// body := maxDoc:u32 deletedCount:u32 bits:bytes[ceil(maxDoc/8)]   (bit d set = doc d deleted)
/// ```
public struct DeletionBitmap: Sendable, Equatable {
    public private(set) var bits: [UInt8]
    public let maxDoc: UInt32
    public private(set) var count: UInt32 = 0

    static let kind = "DELS"
    static let version: UInt32 = 1

    public init(maxDoc: UInt32) {
        self.maxDoc = maxDoc
        bits = [UInt8](repeating: 0, count: (Int(maxDoc) + 7) / 8)
    }

    @inline(__always)
    public func isDeleted(_ doc: UInt32) -> Bool {
        doc < maxDoc && bits[Int(doc >> 3)] & (1 << (doc & 7)) != 0
    }

    public mutating func delete(_ doc: UInt32) {
        guard doc < maxDoc, !isDeleted(doc) else { return }
        bits[Int(doc >> 3)] |= 1 << (doc & 7)
        count += 1
    }

    func serialize() -> [UInt8] {
        var w = FileEnvelope.begin(kind: Self.kind, version: Self.version)
        w.u32(maxDoc)
        w.u32(count)
        w.append(bits)
        return FileEnvelope.finish(w)
    }

    init(file: MappedFile, verifyChecksum: Bool) throws(IndexError) {
        var r = try FileEnvelope.open(file, kind: Self.kind, version: Self.version, verifyChecksum: verifyChecksum)
        maxDoc = try r.u32()
        let declared = try r.u32()
        let n = (Int(maxDoc) + 7) / 8
        bits = Array(try r.bytes(n))
        var c: UInt32 = 0
        for b in bits { c += UInt32(b.nonzeroBitCount) }
        guard c == declared, r.isAtEnd else { throw .corrupt(file: file.name, reason: "deletion count does not match bitmap") }
        count = c
    }
}
