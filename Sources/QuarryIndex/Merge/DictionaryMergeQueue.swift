/// Walks the union of several segments' sorted dictionaries (terms, words or keys) in byte
/// order: a k-way merge with a binary min-heap keyed by (key, segment index).
///
/// Each step yields one key and, in segment order, the entry of every segment that holds it.
/// Costs O(total keys · log k). Each input is read one dictionary block (≤ 32 keys) at a time:
/// holding every input's whole term list, as a first version did, took about 100 MB for ten
/// segments of 100k documents, a third of a large merge's memory.
struct DictionaryMergeQueue<Entry> {
    /// Decodes block `b` of input `s` into (key, entry) pairs.
    typealias BlockLoader = (_ s: Int, _ b: Int, _ into: inout [([UInt8], Entry)]) throws(IndexError) -> Void
    private let load: BlockLoader
    private let blockCounts: [Int]
    /// The decoded current block of each input.
    private var lists: [[([UInt8], Entry)]] = []
    /// Position in `lists[s]`.
    private var positions: [Int]
    /// Next dictionary block to decode, per input.
    private var nextBlock: [Int]
    /// Heap of segment indexes, ordered by their current key (then index).
    private var heap: [Int] = []

    init(blockCounts: [Int], load: @escaping BlockLoader) throws(IndexError) {
        self.load = load
        self.blockCounts = blockCounts
        lists = Array(repeating: [], count: blockCounts.count)
        positions = [Int](repeating: 0, count: blockCounts.count)
        nextBlock = [Int](repeating: 0, count: blockCounts.count)
        for s in blockCounts.indices where try refill(s) { push(s) }
    }

    /// Decodes input `s`'s next non-empty block; false when it has none left.
    private mutating func refill(_ s: Int) throws(IndexError) -> Bool {
        var list = lists[s]
        list.removeAll(keepingCapacity: true)
        while list.isEmpty && nextBlock[s] < blockCounts[s] {
            try load(s, nextBlock[s], &list)
            nextBlock[s] += 1
        }
        lists[s] = list
        positions[s] = 0
        return !list.isEmpty
    }

    /// The next term and its holders, or nil when every dictionary is exhausted.
    mutating func next() throws(IndexError) -> (key: [UInt8], holders: [(source: Int, entry: Entry)])? {
        guard let first = heap.first else { return nil }
        let term = lists[first][positions[first]].0
        var holders: [(Int, Entry)] = []
        while let top = heap.first, lists[top][positions[top]].0 == term {
            holders.append((top, lists[top][positions[top]].1))
            popTop()
            positions[top] += 1
            if positions[top] < lists[top].count { push(top) } else if try refill(top) { push(top) }
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

extension DictionaryMergeQueue where Entry == TermInfo {
    /// The union of the readers' term dictionaries.
    static func terms(_ readers: [SegmentReader]) throws(IndexError) -> DictionaryMergeQueue<TermInfo> {
        try DictionaryMergeQueue(blockCounts: readers.map(\.termBlockCount)) { (s: Int, b: Int, into: inout [([UInt8], TermInfo)]) throws(IndexError) in
            try readers[s].forEachTerm(inBlock: b) { term, info in into.append((term, info)) }
        }
    }
}
