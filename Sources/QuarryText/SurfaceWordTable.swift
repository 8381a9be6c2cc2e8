#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open-addressing hash table from a word's surface bytes — exactly as they appear in the
/// analyzed text — to the analyzer's entry id and term id for that word.
///
/// Why surface bytes: the indexing hot path looks up every token. Keyed on the raw bytes, a
/// known word costs one multiply-xor hash over its bytes and one compare — no lower-casing copy,
/// no `String`, no SipHash, no Unicode folding, ASCII or not. Case and spelling variants that
/// fold alike (`The`, `the`, `THE`; `Ärger`, `ärger`) are separate keys holding the same entry.
///
/// Layout: the slots *are* the entries (linear probing, at most half full), and an entry keeps
/// its word's first 16 bytes inline, so a lookup of a word of up to 16 bytes — nearly all of
/// them — touches one cache line of the table; only the rest of a longer word is in the arena.
/// Memory: 48 bytes per slot, two slots per distinct surface form (a few MB to tens of MB).
///
/// Unsafe storage, fenced here: the slot array and the byte arena are raw allocations owned by
/// this final class and freed in `deinit`; every slot index is masked to the slot count, and
/// every arena range was written by `insert`, so no access leaves its allocation. Not
/// thread-safe: one table per analyzer language state.
final class SurfaceWordTable {
    /// The hash and the first 16 bytes (zero-padded) of a word: computed once per token.
    struct Key {
        var hash: UInt64
        var head0: UInt64
        var head1: UInt64
    }

    private struct Slot {
        var hash: UInt64
        var head0: UInt64
        var head1: UInt64
        /// Where bytes 16… of a longer word are in the arena.
        var tailOffset: Int
        /// 0 marks an empty slot (words are never empty).
        var length: Int32
        var entry: Int32
        var term: Int32
    }

    private var slots: UnsafeMutablePointer<Slot>
    private var mask: Int
    private(set) var count = 0
    private var arena: UnsafeMutablePointer<UInt8>
    private var arenaCount = 0
    private var arenaCapacity = 1 << 12

    init(capacity: Int = 1 << 12) {
        var n = 16
        while n < capacity * 2 { n <<= 1 }
        slots = Self.emptySlots(n)
        mask = n - 1
        arena = .allocate(capacity: arenaCapacity)
    }

    deinit {
        slots.deallocate()
        arena.deallocate()
    }

    private static func emptySlots(_ n: Int) -> UnsafeMutablePointer<Slot> {
        let p = UnsafeMutablePointer<Slot>.allocate(capacity: n)
        p.initialize(repeating: Slot(hash: 0, head0: 0, head1: 0, tailOffset: 0, length: 0, entry: 0, term: 0), count: n)
        return p
    }

    /// Bytes `i..<min(i + 8, n)` at `p` as a little-endian word, zero-padded (reads only those bytes).
    @inline(__always)
    private static func chunk(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: Int) -> UInt64 {
        if n &- i >= 8 { return UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self) }
        var v: UInt64 = 0
        var shift: UInt64 = 0
        var k = i
        while k < n {
            v |= UInt64(p[k]) << shift
            shift &+= 8
            k &+= 1
        }
        return v
    }

    /// The key of the `n` bytes at `p` (reads only those bytes).
    @inline(__always)
    static func key(_ p: UnsafePointer<UInt8>, _ n: Int) -> Key {
        let head0 = chunk(p, n, 0)
        let head1 = n > 8 ? chunk(p, n, 8) : 0
        var h = (0x9E37_79B9_7F4A_7C15 &* UInt64(truncatingIfNeeded: n &+ 1) ^ head0) &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 31
        h = (h ^ head1) &* 0x94D0_49BB_1331_11EB
        var i = 16
        while i < n {
            h ^= h >> 29
            h = (h ^ chunk(p, n, i)) &* 0xBF58_476D_1CE4_E5B9
            i &+= 8
        }
        h ^= h >> 32
        return Key(hash: h, head0: head0, head1: head1)
    }

    /// The (entry, term) stored for the `n` bytes at `p` with key `k`, or nil.
    @inline(__always)
    func find(_ p: UnsafePointer<UInt8>, _ n: Int, _ k: Key) -> (entry: Int32, term: Int32)? {
        var s = Int(truncatingIfNeeded: k.hash) & mask
        while true {
            let slot = slots[s]
            if slot.length == 0 { return nil }
            if slot.hash == k.hash && Int(slot.length) == n && slot.head0 == k.head0 && slot.head1 == k.head1
                && (n <= 16 || memcmp(arena + slot.tailOffset, p + 16, n &- 16) == 0) {
                return (slot.entry, slot.term)
            }
            s = (s &+ 1) & mask
        }
    }

    /// Records `entry`/`term` for the `n` bytes at `p` with key `k` (not present yet).
    func insert(_ p: UnsafePointer<UInt8>, _ n: Int, _ k: Key, entry: Int32, term: Int32) {
        precondition(n > 0 && n <= Int(Int32.max))
        if (count + 1) * 2 > mask + 1 { grow() }
        var tailOffset = 0
        if n > 16 {
            let tail = n - 16
            if arenaCount + tail > arenaCapacity {
                var c = arenaCapacity * 2
                while arenaCount + tail > c { c *= 2 }
                let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: c)
                bigger.update(from: arena, count: arenaCount)
                arena.deallocate()
                arena = bigger
                arenaCapacity = c
            }
            (arena + arenaCount).update(from: p + 16, count: tail)
            tailOffset = arenaCount
            arenaCount += tail
        }
        place(Slot(hash: k.hash, head0: k.head0, head1: k.head1, tailOffset: tailOffset, length: Int32(n),
                   entry: entry, term: term), in: slots, mask: mask)
        count += 1
    }

    private func place(_ slot: Slot, in table: UnsafeMutablePointer<Slot>, mask: Int) {
        var s = Int(truncatingIfNeeded: slot.hash) & mask
        while table[s].length != 0 { s = (s + 1) & mask }
        table[s] = slot
    }

    /// Doubles the slots.
    private func grow() {
        let old = slots, oldCount = mask + 1
        let n = oldCount * 2
        let bigger = Self.emptySlots(n)
        for i in 0..<oldCount where old[i].length != 0 { place(old[i], in: bigger, mask: n - 1) }
        old.deallocate()
        slots = bigger
        mask = n - 1
    }
}
