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
        // Fast path: one unaligned 8-byte load per value (a value spans at most 5 bytes from
        // its first byte, shifted by at most 7 bits), for every value whose load stays inside
        // the block; the last few go through the byte loop. Several times faster than
        // assembling every value byte by byte, and decoding is most of a frequent term's cost.
        let fast = nbytes >= 8 ? Swift.min(blockSize, (nbytes - 8) * 8 / width + 1) : 0
        var bit = 0
        for i in 0..<fast {
            let word = base.loadUnaligned(fromByteOffset: bit >> 3, as: UInt64.self).littleEndian
            out[i] = UInt32(truncatingIfNeeded: (word >> UInt64(bit & 7)) & mask)
            bit += width
        }
        for i in fast..<blockSize {
            var v: UInt64 = 0
            var got = 0
            var byte = bit >> 3
            let shift = bit & 7
            while got < width + shift && byte < nbytes {
                v |= UInt64(src[byte]) << UInt64(got)
                byte += 1
                got += 8
            }
            out[i] = UInt32(truncatingIfNeeded: (v >> UInt64(shift)) & mask)
            bit += width
        }
    }

    /// Skips one packed block without decoding it.
    public static func skip(_ r: inout ByteReader) throws(IndexError) {
        let width = Int(try r.u8())
        guard width <= 32 else { throw r.corrupt("bit width \(width) > 32") }
        try r.skip(16 * width)
    }
}
