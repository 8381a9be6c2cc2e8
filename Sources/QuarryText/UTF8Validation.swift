/// Strict UTF-8 sequence validation (no overlongs, no surrogates, nothing past U+10FFFF), shared
/// by mojibake repair (which must only accept byte strings that really are UTF-8) and lenient
/// decoding of untrusted input.
enum UTF8Validation {
    /// The scalar and length of the multi-byte sequence starting at `k`, reading bytes through
    /// `byte` up to `limit`; nil when there is none (ASCII, stray continuation, truncation, …).
    @inline(__always)
    static func sequence(_ byte: (Int) -> UInt8, at k: Int, limit: Int) -> (UInt32, Int)? {
        let b0 = byte(k)
        let length: Int
        var low: UInt8 = 0x80, high: UInt8 = 0xBF
        switch b0 {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: return nil
        }
        guard k + length <= limit else { return nil }
        let b1 = byte(k + 1)
        guard b1 >= low && b1 <= high else { return nil }
        var scalar = UInt32(b0) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        scalar = scalar << 6 | UInt32(b1 & 0x3F)
        var j = 2
        while j < length {
            let b = byte(k + j)
            guard b & 0xC0 == 0x80 else { return nil }
            scalar = scalar << 6 | UInt32(b & 0x3F)
            j += 1
        }
        return (scalar, length)
    }
}
