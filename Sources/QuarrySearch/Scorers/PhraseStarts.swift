import QuarryIndex

/// The candidate start positions of an exact phrase in one document, narrowed term by term.
///
/// Two raw buffers owned here, swapped after each intersection: phrase matching runs once per
/// candidate document, and growing, copying and retaining Swift arrays there (an array of
/// position arrays in a class) was a quarter of the time of a query like "isdn infiniband leds".
/// The terms' positions arrive as views of their cursors' scratch buffers
/// (`PostingsCursor.compactPositionView`), so nothing is copied but the surviving starts.
final class PhraseStarts {
    private var current: UnsafeMutablePointer<UInt32>
    private var spare: UnsafeMutablePointer<UInt32>
    /// Capacity of each buffer.
    private var capacity: Int
    private(set) var count = 0
    /// Bits over the range of the starts, for `intersect` (4 KiB: starts spread wider use the
    /// galloping merge).
    private let bitmap = UnsafeMutablePointer<UInt64>.allocate(capacity: maxBitmapWords)
    private static let maxBitmapWords = 512

    init() {
        capacity = 64
        current = .allocate(capacity: capacity)
        spare = .allocate(capacity: capacity)
    }

    deinit {
        current.deallocate()
        spare.deallocate()
        bitmap.deallocate()
    }

    var isEmpty: Bool { count == 0 }

    /// The starts, ascending (valid until the next `seed` or `intersect`).
    var elements: UnsafeBufferPointer<UInt32> { UnsafeBufferPointer(start: current, count: count) }

    /// The last start (the largest), or nil.
    var last: UInt32? { count == 0 ? nil : current[count - 1] }

    /// Starts from the first term's positions: each position p ≥ `offset` gives start p − offset.
    func seed(_ positions: UnsafeBufferPointer<UInt32>, offset: UInt32) {
        reserve(positions.count + 1)
        var n = 0
        for p in positions where p >= offset {
            current[n] = p &- offset
            n &+= 1
        }
        count = n
    }

    /// Keeps the starts s for which s + `offset` is among `positions` (both ascending).
    ///
    /// Gallops when `positions` is much longer: a frequent word's positions run far ahead of the
    /// few starts of a rare one. Otherwise the starts are set in a bitmap over their range and
    /// each position is tested against it: a merge's comparisons go either way unpredictably
    /// (a third of the time of "is used" went to mispredicted branches), the tests mostly fail.
    func intersect(_ positions: UnsafeBufferPointer<UInt32>, offset: UInt32) {
        guard let l = positions.baseAddress, count > 0 else { count = 0; return }
        let n = positions.count
        let off = UInt64(offset)
        let lo = UInt64(current[0]) &+ off
        let hi = UInt64(current[count - 1]) &+ off
        let words = Int((hi - lo) >> 6) &+ 1
        var kept = 0
        if n > 8 &* count || words > Self.maxBitmapWords {
            var j = 0
            for i in 0..<count {
                let c = current[i]
                let want = UInt64(c) &+ off
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
                if j == n { break }
                if UInt64(l[j]) == want {
                    spare[kept] = c
                    kept &+= 1
                }
            }
        } else {
            bitmap.update(repeating: 0, count: words)
            for i in 0..<count {
                let b = UInt64(current[i]) &+ off &- lo
                bitmap[Int(b >> 6)] |= 1 << (b & 63)
            }
            for j in 0..<n {
                let p = UInt64(l[j])
                if p < lo { continue }
                if p > hi { break }
                let b = p &- lo
                // Written always, kept when its bit is set: whether a position matches is a coin
                // toss for the branch predictor (`reserve` leaves room for the extra slot).
                spare[kept] = UInt32(truncatingIfNeeded: p &- off)
                kept &+= Int(truncatingIfNeeded: (bitmap[Int(b >> 6)] >> (b & 63)) & 1)
            }
        }
        swap(&current, &spare)
        count = kept
    }

    /// Narrows the starts in place: `body` gets the buffer and the count, moves the starts it
    /// keeps to the front and returns how many (see `PostingsCursor.keepCompactMatches`).
    func narrow(_ body: (UnsafeMutablePointer<UInt32>, Int) throws(IndexError) -> Int) throws(IndexError) {
        count = try body(current, count)
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
