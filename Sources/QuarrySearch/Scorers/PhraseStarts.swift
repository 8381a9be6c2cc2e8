/// The candidate start positions of an exact phrase in one document, narrowed term by term.
///
/// Two raw buffers owned here, swapped after each intersection: phrase matching runs once per
/// candidate document, and growing, copying and retaining Swift arrays there (an array of
/// position arrays in a class) was a quarter of the time of a query like "isdn infiniband leds".
/// The terms' positions arrive as views of their cursors' scratch buffers
/// (`PostingsCursor.tokenIndexView`), so nothing is copied but the surviving starts.
final class PhraseStarts {
    private var current: UnsafeMutablePointer<UInt32>
    private var spare: UnsafeMutablePointer<UInt32>
    /// Capacity of each buffer.
    private var capacity: Int
    private(set) var count = 0

    init() {
        capacity = 64
        current = .allocate(capacity: capacity)
        spare = .allocate(capacity: capacity)
    }

    deinit {
        current.deallocate()
        spare.deallocate()
    }

    var isEmpty: Bool { count == 0 }

    /// The starts, ascending (valid until the next `seed` or `intersect`).
    var elements: UnsafeBufferPointer<UInt32> { UnsafeBufferPointer(start: current, count: count) }

    /// The last start (the largest), or nil.
    var last: UInt32? { count == 0 ? nil : current[count - 1] }

    /// Starts from the first term's positions: each position p ≥ `offset` gives start p − offset.
    func seed(_ positions: UnsafeBufferPointer<UInt32>, offset: UInt32) {
        reserve(positions.count)
        var n = 0
        for p in positions where p >= offset {
            current[n] = p &- offset
            n &+= 1
        }
        count = n
    }

    /// Keeps the starts s for which s + `offset` is among `positions` (both ascending).
    ///
    /// Walks `positions` linearly while it is about as long as the starts, and gallops when it is
    /// much longer: a frequent word's positions run far ahead of the few starts of a rare one.
    func intersect(_ positions: UnsafeBufferPointer<UInt32>, offset: UInt32) {
        guard let l = positions.baseAddress, count > 0 else { count = 0; return }
        let n = positions.count
        let gallop = n > 8 &* count
        var j = 0
        var kept = 0
        let off = UInt64(offset)
        for i in 0..<count {
            let c = current[i]
            let want = UInt64(c) &+ off
            if gallop {
                if j < n && UInt64(l[j]) < want {
                    var step = 1
                    var lo = j
                    while lo &+ step < n && UInt64(l[lo &+ step]) < want { lo &+= step; step <<= 1 }
                    var hi = Swift.min(lo &+ step, n)
                    lo &+= 1
                    while lo < hi {
                        let mid = (lo &+ hi) >> 1
                        if UInt64(l[mid]) < want { lo = mid &+ 1 } else { hi = mid }
                    }
                    j = lo
                }
            } else {
                while j < n && UInt64(l[j]) < want { j &+= 1 }
            }
            if j == n { break }
            if UInt64(l[j]) == want {
                spare[kept] = c
                kept &+= 1
            }
        }
        swap(&current, &spare)
        count = kept
    }

    private func reserve(_ n: Int) {
        guard n > capacity else { return }
        current.deallocate()
        spare.deallocate()
        capacity = Swift.max(n, 2 * capacity)
        current = .allocate(capacity: capacity)
        spare = .allocate(capacity: capacity)
    }
}
