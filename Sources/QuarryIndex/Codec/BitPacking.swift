/// Fixed-width bit packing of 128-integer blocks, the postings block codec.
///
/// A block of 128 values is stored as one width byte `w` (0…32) followed by `16·w` bytes:
/// value `i` occupies bits `[i·w, (i+1)·w)` of the little-endian bit stream. A width of 0
/// (all zeros — e.g. title term frequencies in most documents) costs a single byte.
public enum BitPacking {
    public static let blockSize = 128

    @inline(__always)
    public static func bitWidth(_ v: UInt32) -> Int { v == 0 ? 0 : 32 - v.leadingZeroBitCount }

    public static func pack(_ values: UnsafeBufferPointer<UInt32>, into w: inout ByteWriter) {
        precondition(values.count == blockSize)
        var maxV: UInt32 = 0
        for v in values { maxV |= v }
        let width = bitWidth(maxV)
        w.u8(UInt8(width))
        guard width > 0 else { return }
        var acc: UInt64 = 0
        var bits = 0
        for v in values {
            acc |= UInt64(v) << UInt64(bits)
            bits += width
            while bits >= 8 {
                w.u8(UInt8(truncatingIfNeeded: acc))
                acc >>= 8
                bits -= 8
            }
        }
        if bits > 0 { w.u8(UInt8(truncatingIfNeeded: acc)) }
    }

    public static func pack(_ values: [UInt32], into w: inout ByteWriter) {
        values.withUnsafeBufferPointer { pack($0, into: &w) }
    }

    /// Decodes one block into `out` (128 entries).
    @inline(__always)
    public static func unpack(_ r: inout ByteReader, into out: UnsafeMutablePointer<UInt32>) throws(IndexError) {
        let width = Int(try r.u8())
        guard width <= 32 else { throw r.corrupt("bit width \(width) > 32") }
        if width == 0 {
            out.update(repeating: 0, count: blockSize)
            return
        }
        let nbytes = 16 * width
        let src = try r.bytes(nbytes)
        guard let base = src.baseAddress else { return }
        let mask: UInt64 = width == 32 ? 0xFFFF_FFFF : (UInt64(1) << UInt64(width)) - 1
        // One unaligned 8-byte load per value (a value spans at most 5 bytes from its first
        // byte, shifted by at most 7 bits): several times faster than assembling every value
        // byte by byte, and decoding is most of a frequent term's cost. The last loads would
        // read past the block, so the block is first copied into a zero-padded scratch area.
        withUnsafeTemporaryAllocation(byteCount: 16 * 32 + 8, alignment: 8) { scratch in
            let padded = scratch.baseAddress!
            padded.copyMemory(from: base, byteCount: nbytes)
            padded.storeBytes(of: 0, toByteOffset: nbytes, as: UInt64.self)
            let words = UnsafeRawPointer(padded)
            var bit = 0
            for i in 0..<blockSize {
                let word = words.loadUnaligned(fromByteOffset: bit >> 3, as: UInt64.self).littleEndian
                out[i] = UInt32(truncatingIfNeeded: (word >> UInt64(bit & 7)) & mask)
                bit += width
            }
        }
    }

    /// Skips one packed block without decoding it.
    public static func skip(_ r: inout ByteReader) throws(IndexError) {
        let width = Int(try r.u8())
        guard width <= 32 else { throw r.corrupt("bit width \(width) > 32") }
        try r.skip(16 * width)
    }
}
