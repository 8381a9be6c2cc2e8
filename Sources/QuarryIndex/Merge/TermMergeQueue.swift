/// Walks the union of several segments' term dictionaries in byte order: a k-way merge over
/// each segment's sorted term list with a binary min-heap keyed by (term, segment index).
///
/// Each step yields one term and, in segment order, the dictionary entry of every segment that
/// holds it. Costs O(total terms · log k); holds every input's term list (keys and `TermInfo`)
/// in memory, which is a fraction of the postings it points to.
struct TermMergeQueue {
    private var lists: [[([UInt8], TermInfo)]] = []
    private var positions: [Int]
    /// Heap of segment indexes, ordered by their current term (then index).
    private var heap: [Int] = []

    init(_ readers: [SegmentReader]) throws(IndexError) {
        for r in readers {
            var list: [([UInt8], TermInfo)] = []
            list.reserveCapacity(r.termCount)
            try r.forEachTerm { term, info in list.append((Array(term.utf8), info)) }
            lists.append(list)
        }
        positions = [Int](repeating: 0, count: lists.count)
        for s in lists.indices where !lists[s].isEmpty { push(s) }
    }

    /// The next term and its holders, or nil when every dictionary is exhausted.
    mutating func next() -> (term: [UInt8], holders: [(source: Int, info: TermInfo)])? {
        guard let first = heap.first else { return nil }
        let term = lists[first][positions[first]].0
        var holders: [(Int, TermInfo)] = []
        while let top = heap.first, lists[top][positions[top]].0 == term {
            holders.append((top, lists[top][positions[top]].1))
            popTop()
            positions[top] += 1
            if positions[top] < lists[top].count { push(top) }
        }
        holders.sort { $0.0 < $1.0 }
        return (term, holders)
    }

    private func less(_ a: Int, _ b: Int) -> Bool {
        let ka = lists[a][positions[a]].0, kb = lists[b][positions[b]].0
        if ka == kb { return a < b }
        return ka.lexicographicallyPrecedes(kb)
    }

    private mutating func push(_ s: Int) {
        heap.append(s)
        var i = heap.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard less(heap[i], heap[parent]) else { break }
            heap.swapAt(i, parent)
            i = parent
        }
    }

    private mutating func popTop() {
        heap.swapAt(0, heap.count - 1)
        heap.removeLast()
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var m = i
            if l < heap.count, less(heap[l], heap[m]) { m = l }
            if r < heap.count, less(heap[r], heap[m]) { m = r }
            guard m != i else { return }
            heap.swapAt(i, m)
            i = m
        }
    }
}
