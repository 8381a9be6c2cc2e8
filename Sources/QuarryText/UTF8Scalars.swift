/// Decoding helpers for the tokenizer and repair loops, which walk a String's UTF-8 bytes
/// directly instead of its `unicodeScalars` view (no index objects, no bounds re-validation).
enum UTF8Scalars {
    /// Decodes the scalar that starts at `i` in `bytes`, which must be valid UTF-8 (Swift
    /// strings always are). Returns the scalar value and its byte length. O(1), no allocation.
    /// A truncated sequence (impossible for a String) yields U+FFFD and length 1 rather than trapping.
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (scalar: UInt32, length: Int) {
        let b0 = UInt32(bytes[i])
        if b0 < 0x80 { return (b0, 1) }
        let n = bytes.count
        if b0 < 0xE0 {
            guard i + 1 < n else { return (0xFFFD, 1) }
            return ((b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F), 2)
        }
        if b0 < 0xF0 {
            guard i + 2 < n else { return (0xFFFD, 1) }
            return ((b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F), 3)
        }
        guard i + 3 < n else { return (0xFFFD, 1) }
        return ((b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12
                | UInt32(bytes[i + 2] & 0x3F) << 6 | UInt32(bytes[i + 3] & 0x3F), 4)
    }
}
