/// Golomb–Rice codes over a little-endian bit stream, for positions (`.pos`, version 4 on).
///
/// A value `v` with parameter `k` is written as `q = v >> k` zero bits, a one bit, then the low
/// `k` bits of `v` (least significant first). Bit `i` of the stream is bit `i mod 8` of byte
/// `i / 8`. With `k` near log₂ of the mean value the code costs about `k + 2` bits per value —
/// far below a byte for the small gaps between a term's token indexes in a document.
///
/// Positions (version 5) write a block's codes split: the low parts (`k` bits each, `k` per
/// document) of all its documents first, then all the unary high parts (`q` zeros and a one,
/// `rice(q, 0)`). Same size as interleaved codes, but skipping documents is a bump over their
/// low parts plus counting one bits in the dense high parts (`BitReader.skipOnes`), touching
/// about two bits of memory per skipped occurrence instead of decoding every code.
enum RiceCode {
    /// The parameter for `count` values spread over `span`: ⌊log₂(span / count)⌋, at most 24.
    @inline(__always)
    static func parameter(count: UInt32, span: UInt32) -> Int {
        guard count > 0, span >= count else { return 0 }
        // The largest k with count·2ᵏ ≤ span, without a division (this runs for every
        // document whose positions a cursor skips).
        var k = count.leadingZeroBitCount - span.leadingZeroBitCount
        if UInt64(count) << UInt64(k) > UInt64(span) { k -= 1 }
        return Swift.min(k, 24)
    }
}

/// Appends bits to a byte array (see `RiceCode`).
struct BitWriter {
    private(set) var bytes: [UInt8] = []
    private var buffer: UInt64 = 0
    private var used = 0

    /// Appends the low `count` (≤ 32) bits of `value`.
    @inline(__always)
    mutating func bits(_ value: UInt64, count: Int) {
        guard count > 0 else { return }
        buffer |= (value & ((1 << UInt64(count)) - 1)) << UInt64(used)
        used += count
        while used >= 8 {
            bytes.append(UInt8(truncatingIfNeeded: buffer))
            buffer >>= 8
            used -= 8
        }
    }

    mutating func rice(_ value: UInt32, k: Int) {
        var q = Int(value >> UInt32(k))
        while q >= 32 { bits(0, count: 32); q -= 32 }
        bits(1 << UInt64(q), count: q + 1)
        bits(UInt64(value), count: k)
    }

    /// Appends the bits of `other` (whole bytes, then its unfinished one).
    mutating func append(_ other: BitWriter) {
        for b in other.bytes { bits(UInt64(b), count: 8) }
        bits(other.buffer, count: other.used)
    }

    /// Pads the last byte with zero bits; the next value starts on a byte boundary.
    mutating func alignToByte() {
        if used > 0 { bits(0, count: 8 - used) }
    }

    var isAligned: Bool { used == 0 }

    /// Empties the writer, keeping its capacity.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        buffer = 0
        used = 0
    }
}

/// Reads a `RiceCode` bit stream from mapped bytes, never past `end` (a byte offset).
///
/// Reads return nil on damage (the stream ends, or a quotient exceeds 2³²) so hot loops can
/// report one typed error at the end instead of throwing per value.
struct BitReader {
    let base: UnsafeRawBufferPointer
    let end: Int
    /// Absolute bit offset into `base`.
    var bit: Int

    init(_ base: UnsafeRawBufferPointer, byteOffset: Int, end: Int) {
        self.base = base
        self.end = Swift.min(end, base.count)
        bit = byteOffset * 8
    }

    /// The next bits (zeros past `end`) and how many of them are real (at most 57).
    @inline(__always)
    private func peek() -> (UInt64, Int) { peek(at: bit) }

    /// The bits from absolute bit offset `bit` (zeros past `end`) and how many are real (≤ 57).
    @inline(__always)
    private func peek(at bit: Int) -> (UInt64, Int) {
        let byte = bit >> 3
        let shift = bit & 7
        if byte + 8 <= end {
            let w = base.loadUnaligned(fromByteOffset: byte, as: UInt64.self)
            return (UInt64(littleEndian: w) >> UInt64(shift), 57)
        }
        guard byte < end else { return (0, 0) }
        var w: UInt64 = 0
        for i in 0..<(end - byte) { w |= UInt64(base[byte + i]) << UInt64(8 * i) }
        return (w >> UInt64(shift), Swift.min((end - byte) * 8 - shift, 57))
    }

    /// The next Rice-coded value with parameter `k` (0…31).
    @inline(__always)
    mutating func rice(_ k: Int) -> UInt64? {
        // Fast path: the whole code lies in the 57 bits loaded at once.
        let byte = bit >> 3
        if byte + 8 <= end {
            let w = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: byte, as: UInt64.self)) >> UInt64(bit & 7)
            let z = w.trailingZeroBitCount
            if z + 1 + k <= 57 {
                bit += z + 1 + k
                return UInt64(z) << UInt64(k) | ((w >> UInt64(z + 1)) & ((1 << UInt64(k)) - 1))
            }
        }
        return riceSlow(k)
    }

    /// `rice` for a long unary part, or a code near the end of the data.
    @inline(never)
    private mutating func riceSlow(_ k: Int) -> UInt64? {
        var (w, valid) = peek()
        var q: UInt64 = 0
        while true {
            if w != 0, w.trailingZeroBitCount < valid {
                let z = w.trailingZeroBitCount
                q += UInt64(z)
                bit += z + 1
                break
            }
            guard valid > 0, q < 1 << 32 else { return nil }
            q += UInt64(valid)
            bit += valid
            (w, valid) = peek()
        }
        guard k > 0 else { return q }
        (w, valid) = peek()
        guard valid >= k else { return nil }
        bit += k
        return q << UInt64(k) | (w & ((1 << UInt64(k)) - 1))
    }

    /// Skips `n` Rice-coded values with parameter `k`; false on damage.
    mutating func skip(_ n: Int, k: Int) -> Bool {
        var left = n
        while left > 0 {
            // Fast path: consume every code wholly inside the loaded bits.
            let byte = bit >> 3
            if byte + 8 <= end {
                var w = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: byte, as: UInt64.self)) >> UInt64(bit & 7)
                var used = 0
                while left > 0 {
                    let z = w.trailingZeroBitCount
                    guard used + z + 1 + k <= 57 else { break }
                    used += z + 1 + k
                    w = w >> UInt64(z + 1 + k)
                    left -= 1
                }
                bit += used
                if used > 0 { continue }
            }
            guard riceSlow(k) != nil else { return false }
            left -= 1
        }
        return true
    }

    /// `count` (≤ 32) raw bits at absolute bit offset `at`, without moving; nil past `end`.
    @inline(__always)
    func bits(at: Int, count: Int) -> UInt64? {
        let byte = at >> 3
        if byte + 8 <= end {
            let w = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: byte, as: UInt64.self)) >> UInt64(at & 7)
            return w & ((1 << UInt64(count)) - 1)
        }
        let (w, valid) = peek(at: at)
        guard valid >= count else { return nil }
        return w & ((1 << UInt64(count)) - 1)
    }

    /// Moves past the next `n` one bits (the ends of `n` unary codes): whole 57-bit words by
    /// popcount while many are left, then clearing the lowest one bit per code (the build
    /// targets CPUs without a popcount instruction, so that is cheaper for a few). A code costs
    /// a cycle or two instead of a decode. False on damage.
    @inline(__always)
    mutating func skipOnes(_ n: Int) -> Bool {
        var left = n
        while left > 0 {
            var w: UInt64
            var valid: Int
            let byte = bit >> 3
            if byte + 8 <= end {
                w = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: byte, as: UInt64.self)) >> UInt64(bit & 7)
                valid = 64 - (bit & 7)
            } else {
                (w, valid) = peek()
                guard valid > 0 else { return false }
            }
            // Bits of `w` above `valid` are zero, so every one bit in it is real. Many codes
            // left: whole words by (software) popcount first.
            if left > 16 {
                let c = w.nonzeroBitCount
                if c < left {
                    left -= c
                    bit += valid
                    continue
                }
            }
            while w != 0 {
                left -= 1
                if left == 0 {
                    bit += w.trailingZeroBitCount + 1
                    return true
                }
                w &= w &- 1
            }
            bit += valid
        }
        return true
    }

    /// Decodes one document's positions (see `RiceCode`): `n` gaps with parameter `k`, low
    /// parts from bit `lowBit`, unary high parts from the reader's bit (after the low parts),
    /// into token indexes, each below `tokens`, written to `out` (room for `n`); stops after the
    /// first one above `limit`. Leaves the reader after the last unary part read. Returns how
    /// many were written and false on damage.
    ///
    /// `word` holds the bits from `wordBase` on (zero-padded above the loaded ones) with its
    /// consumed one bits cleared, `used` of them read: a code's unary part ends at the lowest
    /// one bit left, so the loop carries `word &= word - 1` (one cycle) from code to code, not a
    /// count-and-shift, and reloads only when no one bit is left. Wrapping arithmetic: every
    /// quantity is bounded by the data (bit offsets) or checked (`t < tokens`).
    @inline(__always)
    mutating func positions(_ n: Int, k: Int, lowBit start: Int, below tokens: UInt64, upTo limit: UInt32,
                            into out: UnsafeMutablePointer<UInt32>) -> (Int, Bool) {
        // Low parts from `start`, all before the unary high parts (read from `bit`).
        var lowBit = start
        guard start >= 0, n * k <= bit - start else { return (0, false) }
        let lowMask: UInt64 = (1 << UInt64(k)) - 1
        var word: UInt64 = 0
        var wordBase = bit
        var used = 0
        var next: UInt64 = 0
        var decoded = 0
        while decoded < n {
            var q: UInt64
            var low: UInt64
            if word == 0 {
                let high = wordBase &+ used
                let byte = high >> 3
                if byte &+ 8 <= end { word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: byte, as: UInt64.self)) >> UInt64(high & 7) }
                wordBase = high
                used = 0
            }
            if word != 0 {
                let z = word.trailingZeroBitCount
                q = UInt64(truncatingIfNeeded: z &- used)
                used = z &+ 1
                word &= word &- 1
                // The low parts lie before the high parts: inside the data when `word` loaded.
                low = (UInt64(littleEndian: base.loadUnaligned(fromByteOffset: lowBit >> 3, as: UInt64.self)) >> UInt64(lowBit & 7)) & lowMask
            } else {
                // A long unary part, or the last bytes of the data.
                bit = wordBase
                guard let q1 = rice(0), let low1 = bits(at: lowBit, count: k) else { return (decoded, false) }
                wordBase = bit
                used = 0
                q = q1
                low = low1
            }
            lowBit &+= k
            let t = next &+ (q << UInt64(k) | low)
            guard t < tokens else { bit = wordBase &+ used; return (decoded, false) }
            next = t &+ 1
            out[decoded] = UInt32(truncatingIfNeeded: t)
            decoded &+= 1
            if t > UInt64(limit) { break }
        }
        bit = wordBase &+ used
        return (decoded, true)
    }

    /// The next `count` (≤ 32) raw bits.
    @inline(__always)
    mutating func bits(_ count: Int) -> UInt64? {
        let (w, valid) = peek()
        guard valid >= count else { return nil }
        bit += count
        return w & ((1 << UInt64(count)) - 1)
    }

    /// Byte offset of the next byte boundary at or after the current bit.
    var alignedByteOffset: Int { (bit + 7) >> 3 }
}
