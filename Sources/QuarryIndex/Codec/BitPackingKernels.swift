/// The SIMD unpacking kernels of `BitPacking`'s vertical layout, one per width.
///
/// Why one copy per width: with `w` a constant every shift count, load offset and the
/// "does this value straddle two words" test fold away, leaving straight-line vector code;
/// with `w` a variable each of the 32 steps would compute them and branch.
extension BitPacking {
    /// Unpacks `16·width` bytes at `src` (width 1…32) into 128 values at `out`. Reads exactly
    /// `16·width` bytes. Assumes a little-endian host, as the rest of the codec does.
    @inline(never)
    static func unpackVertical(_ src: UnsafeRawPointer, _ out: UnsafeMutableRawPointer, width: Int) {
        switch width {
        case 1: unpackLanes(src, out, 1)
        case 2: unpackLanes(src, out, 2)
        case 3: unpackLanes(src, out, 3)
        case 4: unpackLanes(src, out, 4)
        case 5: unpackLanes(src, out, 5)
        case 6: unpackLanes(src, out, 6)
        case 7: unpackLanes(src, out, 7)
        case 8: unpackLanes(src, out, 8)
        case 9: unpackLanes(src, out, 9)
        case 10: unpackLanes(src, out, 10)
        case 11: unpackLanes(src, out, 11)
        case 12: unpackLanes(src, out, 12)
        case 13: unpackLanes(src, out, 13)
        case 14: unpackLanes(src, out, 14)
        case 15: unpackLanes(src, out, 15)
        case 16: unpackLanes(src, out, 16)
        case 17: unpackLanes(src, out, 17)
        case 18: unpackLanes(src, out, 18)
        case 19: unpackLanes(src, out, 19)
        case 20: unpackLanes(src, out, 20)
        case 21: unpackLanes(src, out, 21)
        case 22: unpackLanes(src, out, 22)
        case 23: unpackLanes(src, out, 23)
        case 24: unpackLanes(src, out, 24)
        case 25: unpackLanes(src, out, 25)
        case 26: unpackLanes(src, out, 26)
        case 27: unpackLanes(src, out, 27)
        case 28: unpackLanes(src, out, 28)
        case 29: unpackLanes(src, out, 29)
        case 30: unpackLanes(src, out, 30)
        case 31: unpackLanes(src, out, 31)
        case 32: unpackLanes(src, out, 32)
        default: preconditionFailure("bit width \(width)")
        }
    }

    /// All 32 lane values, written out so that every step is straight-line code: the
    /// optimiser unrolls a `for m in 0..<32` loop only by two, leaving shift counts and load
    /// offsets to compute at run time.
    @_transparent
    private static func unpackLanes(_ src: UnsafeRawPointer, _ out: UnsafeMutableRawPointer, _ w: Int) {
        unpackLane(src, out, w, 0)
        unpackLane(src, out, w, 1)
        unpackLane(src, out, w, 2)
        unpackLane(src, out, w, 3)
        unpackLane(src, out, w, 4)
        unpackLane(src, out, w, 5)
        unpackLane(src, out, w, 6)
        unpackLane(src, out, w, 7)
        unpackLane(src, out, w, 8)
        unpackLane(src, out, w, 9)
        unpackLane(src, out, w, 10)
        unpackLane(src, out, w, 11)
        unpackLane(src, out, w, 12)
        unpackLane(src, out, w, 13)
        unpackLane(src, out, w, 14)
        unpackLane(src, out, w, 15)
        unpackLane(src, out, w, 16)
        unpackLane(src, out, w, 17)
        unpackLane(src, out, w, 18)
        unpackLane(src, out, w, 19)
        unpackLane(src, out, w, 20)
        unpackLane(src, out, w, 21)
        unpackLane(src, out, w, 22)
        unpackLane(src, out, w, 23)
        unpackLane(src, out, w, 24)
        unpackLane(src, out, w, 25)
        unpackLane(src, out, w, 26)
        unpackLane(src, out, w, 27)
        unpackLane(src, out, w, 28)
        unpackLane(src, out, w, 29)
        unpackLane(src, out, w, 30)
        unpackLane(src, out, w, 31)
    }

    /// Lane value `m` of every lane at once (values `4·m … 4·m+3`): its bits start at `m·w` of
    /// the lane's word stream, in word `k = m·w / 32` at shift `s`; when `s + w > 32` its high
    /// bits come from word `k+1` (which then exists, as the value ends within the lane's `w`
    /// words).
    @_transparent
    private static func unpackLane(_ src: UnsafeRawPointer, _ out: UnsafeMutableRawPointer, _ w: Int, _ m: Int) {
        let mask = SIMD4<UInt32>(repeating: UInt32(truncatingIfNeeded: (UInt64(1) << UInt64(w)) - 1))
        let bit = m * w
        let k = bit >> 5, s = bit & 31
        var v = src.loadUnaligned(fromByteOffset: 16 * k, as: SIMD4<UInt32>.self) &>> UInt32(s)
        if s + w > 32 {
            v |= src.loadUnaligned(fromByteOffset: 16 * (k + 1), as: SIMD4<UInt32>.self) &<< UInt32(32 - s)
        }
        out.storeBytes(of: v & mask, toByteOffset: 16 * m, as: SIMD4<UInt32>.self)
    }
}
