/// Keeps the best `k` hits by score, ties broken by the smaller global document number, so
/// results are deterministic. A binary min-heap: O(log k) per competitive hit.
struct TopDocsCollector {
    struct Entry: Sendable {
        var score: Double
        var global: UInt64
        var segment: Int
        var doc: UInt32
    }

    let k: Int
    private(set) var heap: [Entry] = []
    private(set) var totalHits: UInt64 = 0

    init(k: Int) {
        self.k = k
        heap.reserveCapacity(k)
    }

    /// `a` ranks below `b` (worse).
    @inline(__always)
    private static func worse(_ a: Entry, _ b: Entry) -> Bool {
        a.score < b.score || (a.score == b.score && a.global > b.global)
    }

    /// The score a new hit must beat to enter, once the heap is full.
    var threshold: Double { heap.count < k ? -.infinity : heap[0].score }

    mutating func collect(_ e: Entry) {
        totalHits += 1
        guard k > 0 else { return }
        if heap.count < k {
            heap.append(e)
            var i = heap.count - 1
            while i > 0 {
                let parent = (i - 1) / 2
                guard Self.worse(heap[i], heap[parent]) else { break }
                heap.swapAt(i, parent)
                i = parent
            }
        } else if Self.worse(heap[0], e) {
            heap[0] = e
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < heap.count && Self.worse(heap[l], heap[m]) { m = l }
                if r < heap.count && Self.worse(heap[r], heap[m]) { m = r }
                if m == i { break }
                heap.swapAt(i, m)
                i = m
            }
        }
    }

    mutating func addUncounted(_ n: UInt64) { totalHits += n }

    /// Best first.
    func sorted() -> [Entry] { heap.sorted { Self.worse($1, $0) } }
}
