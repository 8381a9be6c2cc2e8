#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open-addressing hash table from a word's surface bytes — exactly as they appear in the
/// analyzed text — to the analyzer's entry id and term id for that word.
///
/// Why surface bytes: the indexing hot path looks up every token. Keyed on the raw bytes, a
/// known word costs one multiply-xor hash over its bytes and one `memcmp` — no lower-casing copy,
/// no `String`, no SipHash, no Unicode folding, ASCII or not. Case and spelling variants that
/// fold alike (`The`, `the`, `THE`; `Ärger`, `ärger`) are separate keys holding the same entry.
/// The table grows with the distinct surface forms of a corpus (a few MB).
///
/// Unsafe storage, fenced here: the slot array, the entry array and the byte arena are raw
/// allocations owned by this final class and freed in `deinit`. Every slot index is masked to
/// the slot count, every entry index read from a slot is < `count`, and every arena range was
/// written by `insert`, so no access leaves its allocation. Not thread-safe: one table per
/// analyzer language state.
final class SurfaceWordTable {
    struct Entry {
        var offset: Int
        var hash: UInt64
        var length: Int32
        /// The analyzer's entry (folded word) id and its term id.
        var entry: Int32
        var term: Int32
    }

    /// Entry index per slot, or −1.
    private var slots: UnsafeMutablePointer<Int32>
    private var mask: Int
    private var entries: UnsafeMutablePointer<Entry>
    private var entryCapacity: Int
    private(set) var count = 0
    private var arena: UnsafeMutablePointer<UInt8>
    private var arenaCount = 0
    private var arenaCapacity: Int

    init(capacity: Int = 1 << 12) {
        var n = 16
        while n < capacity * 2 { n <<= 1 }
        slots = .allocate(capacity: n)
        slots.initialize(repeating: -1, count: n)
        mask = n - 1
        entryCapacity = n / 2
        entries = .allocate(capacity: entryCapacity)
        arenaCapacity = 8 * entryCapacity
        arena = .allocate(capacity: arenaCapacity)
    }

    deinit {
        slots.deallocate()
        entries.deallocate()
        arena.deallocate()
    }

    /// Hash of the `n` bytes at `p` (reads only those bytes).
    @inline(__always)
    static func hash(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 &* UInt64(truncatingIfNeeded: n &+ 1)
        var i = 0
        while i &+ 8 <= n {
            let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
            h = (h ^ w) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i &+= 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < n {
            tail |= UInt64(p[i]) << shift
            shift &+= 8
            i &+= 1
        }
        h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        return h ^ (h >> 29)
    }

    /// The entry stored for the `n` bytes at `p`, or nil.
    @inline(__always)
    func find(_ p: UnsafePointer<UInt8>, _ n: Int, hash h: UInt64) -> Entry? {
        var s = Int(truncatingIfNeeded: h) & mask
        while true {
            let e = Int(slots[s])
            if e < 0 { return nil }
            let entry = entries[e]
            if entry.hash == h && Int(entry.length) == n && memcmp(arena + entry.offset, p, n) == 0 {
                return entry
            }
            s = (s &+ 1) & mask
        }
    }

    /// Records `entry`/`term` for the `n` bytes at `p` (which must not be present yet).
    func insert(_ p: UnsafePointer<UInt8>, _ n: Int, hash h: UInt64, entry: Int32, term: Int32) {
        if (count + 1) * 2 > mask + 1 { grow() }
        if arenaCount + n > arenaCapacity {
            var c = arenaCapacity * 2
            while arenaCount + n > c { c *= 2 }
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: c)
            bigger.update(from: arena, count: arenaCount)
            arena.deallocate()
            arena = bigger
            arenaCapacity = c
        }
        (arena + arenaCount).update(from: p, count: n)
        (entries + count).initialize(to: Entry(offset: arenaCount, hash: h, length: Int32(n), entry: entry, term: term))
        arenaCount += n
        place(Int32(count), hash: h)
        count += 1
    }

    private func place(_ e: Int32, hash h: UInt64) {
        var s = Int(truncatingIfNeeded: h) & mask
        while slots[s] >= 0 { s = (s + 1) & mask }
        slots[s] = e
    }

    /// Doubles the slots (and the entry storage, kept at half the slot count).
    private func grow() {
        let n = (mask + 1) * 2
        slots.deallocate()
        slots = .allocate(capacity: n)
        slots.initialize(repeating: -1, count: n)
        mask = n - 1
        let bigger = UnsafeMutablePointer<Entry>.allocate(capacity: n / 2)
        bigger.moveInitialize(from: entries, count: count)
        entries.deallocate()
        entries = bigger
        entryCapacity = n / 2
        for i in 0..<count { place(Int32(i), hash: entries[i].hash) }
    }
}
