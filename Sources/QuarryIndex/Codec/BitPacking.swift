/// Fixed-width bit packing of 128-integer blocks, the postings block codec.
///
/// A block of 128 values is stored as one width byte `w` (0…32) followed by `16·w` bytes in a
/// vertical, 4-lane layout: lane `j` (0…3) holds values `j, j+4, j+8, …, j+124`, the 32 values of
/// a lane packed `w` bits each into `w` little-endian 32-bit words (lane value `m` occupies bits
/// `[m·w, (m+1)·w)` of the lane's word stream), and the four lanes' words are interleaved: word
/// `k` of lane `j` sits at byte `16·k + 4·j`. A width of 0 (all zeros — e.g. title term
/// frequencies in most documents) costs a single byte.
///
/// Why vertical: one 16-byte load yields one word of every lane, and since lane `j`'s value `m`
/// is value `4·m + j`, the same shifts applied to all four lanes at once produce four
/// consecutive values — unpacking is `SIMD4<UInt32>` shifts, ors and a mask (SSE2 / NEON), 32
/// vector steps per block instead of 128 scalar ones. (The idea of SIMD-BP128 and Lucene's
/// ForUtil.) The byte count is the same as for a horizontal bit stream.
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
        packLanes(values, width: width, into: &w)
    }

    /// The `16·width` bytes of 128 values (each below `2^width`) in the vertical layout, without
    /// the width byte (positions chunks write their own header).
    static func packLanes(_ values: UnsafeBufferPointer<UInt32>, width: Int, into w: inout ByteWriter) {
        precondition(values.count == blockSize)
        guard width > 0 else { return }
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 4 * 32) { words in
            words.initialize(repeating: 0)
            let mask = UInt32(truncatingIfNeeded: (UInt64(1) << UInt64(width)) - 1)
            for (i, value) in values.enumerated() {
                let v = value & mask
                let lane = i & 3
                let bit = (i >> 2) * width
                let k = bit >> 5, s = bit & 31
                words[4 * k + lane] |= v << UInt32(s)
                if s + width > 32 { words[4 * (k + 1) + lane] |= v >> UInt32(32 - s) }
            }
            for k in 0..<(4 * width) { w.u32(words[k]) }
        }
    }

    public static func pack(_ values: [UInt32], into w: inout ByteWriter) {
        values.withUnsafeBufferPointer { pack($0, into: &w) }
    }

    /// Decodes one block into `out` (128 entries); returns its bit width (every value is below
    /// `2^width`), which lets the caller pick a cheaper prefix sum.
    @inline(__always) @discardableResult
    public static func unpack(_ r: inout ByteReader, into out: UnsafeMutablePointer<UInt32>) throws(IndexError) -> Int {
        let width = Int(try r.u8())
        guard width <= 32 else { throw r.corrupt("bit width \(width) > 32") }
        if width == 0 {
            out.update(repeating: 0, count: blockSize)
            return 0
        }
        // `bytes` checks the 16·w bytes are there; the kernels read no further.
        let src = try r.bytes(16 * width)
        guard let base = src.baseAddress else { return width }
        unpackVertical(base, UnsafeMutableRawPointer(out), width: width)
        return width
    }

    /// Skips one packed block without decoding it.
    public static func skip(_ r: inout ByteReader) throws(IndexError) {
        let width = Int(try r.u8())
        guard width <= 32 else { throw r.corrupt("bit width \(width) > 32") }
        try r.skip(16 * width)
    }
}
