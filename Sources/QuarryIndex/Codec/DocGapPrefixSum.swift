/// Turning a full block's decoded doc-id gaps into doc ids, four at a time.
///
/// Why: after the SIMD unpack the scalar running sum (an add, an overflow check and a store
/// per document, each waiting on the previous) was most of the remaining block-load cost.
/// Here each `SIMD4<UInt32>` of gaps becomes four doc ids with two in-register shifted adds and
/// one add of the previous vector's last doc id.
enum DocGapPrefixSum {
    /// The widest gap width for which `docIDs(fromGaps:after:)` may be used: 128 gaps below
    /// `2^24` (plus one each) sum to less than `2^31`, so a wrapped 32-bit result cannot equal
    /// a last doc id at or after `previous` unless no wrap happened — the caller's comparison
    /// with the skip data's last doc id then also proves every doc id is in order and in range.
    static let maxGapWidth = 24

    /// Replaces the 128 gaps at `p` (`doc − previousDoc − 1`) with doc ids, starting after
    /// `previous` (−1 for the first block, which wraps to `UInt32.max` and back); returns the
    /// last doc id, computed modulo `2^32` — the caller must compare it with the expected one.
    @inline(__always)
    static func docIDs(fromGaps p: UnsafeMutablePointer<UInt32>, after previous: Int64) -> UInt32 {
        let raw = UnsafeMutableRawPointer(p)
        var carry = SIMD4<UInt32>(repeating: UInt32(truncatingIfNeeded: previous))
        let one = SIMD4<UInt32>(repeating: 1)
        let upperPair = SIMD4<UInt32>(0, 0, .max, .max)
        for v in 0..<(BitPacking.blockSize / 4) {
            // (a, b, c, d) → (a, a+b, c, c+d) by a 64-bit shift, then the second pair gets a+b:
            // lane shuffles written as `SIMD4(0, x[0], x[1], x[2])` compile to a longer chain.
            var x = raw.loadUnaligned(fromByteOffset: 16 * v, as: SIMD4<UInt32>.self) &+ one
            x &+= unsafeBitCast(unsafeBitCast(x, to: SIMD2<UInt64>.self) &<< 32, to: SIMD4<UInt32>.self)
            x &+= SIMD4(repeating: x[1]) & upperPair
            x &+= carry
            raw.storeBytes(of: x, toByteOffset: 16 * v, as: SIMD4<UInt32>.self)
            carry = SIMD4(repeating: x[3])
        }
        return carry[0]
    }
}
