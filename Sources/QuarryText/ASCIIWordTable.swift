/// An open-addressing hash table from lower-cased ASCII words (raw bytes) to analyzer entry ids.
///
/// The indexing hot path looks up every token; with `[String: Int32]` that meant building a
/// `String` and running SipHash per token. Here the word is lower-cased into a reused buffer,
/// hashed with a multiply-xor over 8-byte words, and compared with `memcmp`-style byte loops
/// against an arena — no allocation unless the word is new. Not thread-safe (one per analyzer).
struct ASCIIWordTable {
    private var slots: [Int32]          // entry index into `entries`, or −1
    private var entries: [(offset: Int32, length: Int32, hash: UInt64, id: Int32)] = []
    private var arena: [UInt8] = []
    private var mask: Int

    init(capacity: Int = 1 << 12) {
        var n = 16
        while n < capacity * 2 { n <<= 1 }
        slots = [Int32](repeating: -1, count: n)
        mask = n - 1
    }

    @inline(__always)
    static func hash(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 &* UInt64(n &+ 1)
        var i = 0
        while i + 8 <= n {
            let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
            h = (h ^ w) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < n {
            tail |= UInt64(p[i]) << shift
            shift += 8
            i += 1
        }
        h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        return h ^ (h >> 29)
    }

    /// The id stored for the `n` bytes at `p`, or nil.
    @inline(__always)
    func find(_ p: UnsafePointer<UInt8>, _ n: Int, hash h: UInt64) -> Int32? {
        var s = Int(truncatingIfNeeded: h) & mask
        return arena.withUnsafeBufferPointer { a -> Int32? in
            while true {
                let e = Int(slots[s])
                if e < 0 { return nil }
                let entry = entries[e]
                if entry.hash == h && Int(entry.length) == n {
                    var equal = true
                    let base = Int(entry.offset)
                    for i in 0..<n where a[base + i] != p[i] { equal = false; break }
                    if equal { return entry.id }
                }
                s = (s + 1) & mask
            }
        }
    }

    /// Records `id` for the `n` bytes at `p` (which must not be present yet).
    mutating func insert(_ p: UnsafePointer<UInt8>, _ n: Int, hash h: UInt64, id: Int32) {
        if (entries.count + 1) * 2 > slots.count { grow() }
        let offset = Int32(arena.count)
        arena.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
        entries.append((offset, Int32(n), h, id))
        place(Int32(entries.count - 1), hash: h)
    }

    private mutating func place(_ e: Int32, hash h: UInt64) {
        var s = Int(truncatingIfNeeded: h) & mask
        while slots[s] >= 0 { s = (s + 1) & mask }
        slots[s] = e
    }

    private mutating func grow() {
        let n = slots.count * 2
        slots = [Int32](repeating: -1, count: n)
        mask = n - 1
        for (i, e) in entries.enumerated() { place(Int32(i), hash: e.hash) }
    }
}
