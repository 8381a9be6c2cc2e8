/// A growable little-endian byte buffer used to serialize every index file.
///
/// Small files are assembled in one and written in one call; the large segment files (postings,
/// positions, stored fields) are drained from one to an `EnvelopeOutput` in chunks.
public struct ByteWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    public var count: Int { bytes.count }

    /// Empties the buffer, keeping its capacity (a writer drained to a file in chunks).
    public mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    /// Bytes allocated (count plus room to grow).
    public var capacity: Int { bytes.capacity }

    public mutating func reserveCapacity(_ n: Int) { bytes.reserveCapacity(n) }

    public mutating func u8(_ v: UInt8) { bytes.append(v) }

    public mutating func u32(_ v: UInt32) {
        bytes.append(UInt8(truncatingIfNeeded: v))
        bytes.append(UInt8(truncatingIfNeeded: v >> 8))
        bytes.append(UInt8(truncatingIfNeeded: v >> 16))
        bytes.append(UInt8(truncatingIfNeeded: v >> 24))
    }

    public mutating func u64(_ v: UInt64) {
        u32(UInt32(truncatingIfNeeded: v))
        u32(UInt32(truncatingIfNeeded: v >> 32))
    }

    /// LEB128 variable-length integer: 1 byte below 128, 5 bytes at most for 32 bits.
    public mutating func vint(_ v: UInt32) { vlong(UInt64(v)) }

    public mutating func vlong(_ v: UInt64) {
        var v = v
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    public mutating func vint(_ v: Int) { vlong(UInt64(v)) }

    public mutating func append(_ other: [UInt8]) { bytes.append(contentsOf: other) }

    public mutating func append<S: Sequence>(contentsOf s: S) where S.Element == UInt8 { bytes.append(contentsOf: s) }

    /// Length-prefixed byte string.
    public mutating func lengthPrefixed(_ s: [UInt8]) {
        vint(s.count)
        bytes.append(contentsOf: s)
    }

    public mutating func string(_ s: String) { lengthPrefixed(Array(s.utf8)) }
}
