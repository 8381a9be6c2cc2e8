/// ASCII text read eight bytes at a time (one 64-bit word, SWAR), for the passes over whole
/// pages that only look for the few non-ASCII or special bytes in them.
public enum ASCIIWords {
    /// The index after the 8-byte words of `buffer` from `start` that are all ASCII and hold no
    /// byte `excluded`. The caller reads on from there one byte at a time: the word that stopped
    /// the scan, and the last bytes when fewer than eight remain.
    @inlinable @inline(__always)
    public static func end(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, excluding excluded: UInt8) -> Int {
        guard let base = buffer.baseAddress else { return start }
        let raw = UnsafeRawPointer(base)
        let spread = UInt64(excluded) &* 0x0101_0101_0101_0101
        var i = start
        while i &+ 8 <= buffer.count {
            let v = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            // A byte of `v ^ spread` is zero exactly where `v` holds `excluded`.
            let x = v ^ spread
            let holdsExcluded = (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 != 0
            if v & 0x8080_8080_8080_8080 != 0 || holdsExcluded { break }
            i &+= 8
        }
        return i
    }
}
