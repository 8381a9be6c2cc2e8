/// Variable-byte integers read straight from mapped bytes, for the few hot loops where a
/// `ByteReader` copy (which retains its mapping) per call cost more than the decoding: a
/// dictionary scan's term infos and a short term's postings.
///
/// Reads never throw: damage (the bytes end mid-number, or a value overflows) clears `ok`, every
/// later read returns 0, and the caller reports one typed error after its loop.
struct RawVarintReader {
    let bytes: UnsafeRawBufferPointer
    var offset: Int
    private(set) var ok = true

    init(_ bytes: UnsafeRawBufferPointer, offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    @inline(__always)
    mutating func vlong() -> UInt64 {
        var v: UInt64 = 0
        var shift: UInt64 = 0
        while ok {
            guard offset < bytes.count, shift < 64 else { ok = false; break }
            let b = bytes[offset]
            offset += 1
            v |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return v }
            shift += 7
        }
        return 0
    }

    /// A `vlong` that must fit 32 bits.
    @inline(__always)
    mutating func vint() -> UInt32 {
        let v = vlong()
        if v > UInt64(UInt32.max) { ok = false }
        return UInt32(truncatingIfNeeded: v)
    }

    /// Marks the data damaged (a value read was out of its range).
    mutating func fail() { ok = false }
}
