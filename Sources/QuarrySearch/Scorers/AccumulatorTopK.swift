import QuarryIndex

/// Term-at-a-time scoring into a dense accumulator: for disjunctions of many terms (prefix
/// expansions), where document-at-a-time merging would pay per term per document. Exact.
///
/// Takes dictionary entries, not cursors: most terms of an expansion are rare, and a term with
/// fewer than 128 documents is read straight from the mapped postings
/// (`SegmentReader.decodeShortPostings`) — opening a cursor for each was most of the time of a
/// prefix query expanding to thousands of words. Frequent terms are read a block at a time
/// through a cursor (`decodeBlock`). Scores are summed in term order either way, so they are
/// bit-identical to scoring every term through a cursor.
enum AccumulatorTopK {
    static func run(terms: [(TermInfo, FieldScoring, Double)], segment: SegmentReader,
                    into collector: inout TopDocsCollector, base: UInt64, segmentIndex: Int) throws(IndexError) -> UInt64 {
        let docCount = Int(segment.docCount)
        let scores = UnsafeMutablePointer<Double>.allocate(capacity: docCount)
        scores.initialize(repeating: 0, count: docCount)
        let hit = UnsafeMutablePointer<Bool>.allocate(capacity: docCount)
        hit.initialize(repeating: false, count: docCount)
        let block = UnsafeMutablePointer<UInt32>.allocate(capacity: 4 * PostingsFormat.blockSize)
        defer {
            scores.deallocate()
            hit.deallocate()
            block.deallocate()
        }
        // Adds one decoded block (doc ids and per-field frequencies, laid out as in a cursor).
        func add(_ count: Int, _ docs: (Int) -> UInt32, _ tf: (Int, Field) -> UInt32,
                 scoring: FieldScoring, weight: Double) throws(IndexError) {
            for i in 0..<count {
                let d = docs(i)
                guard Int(d) < docCount else { throw .corrupt(file: "segment \(segment.info.id)", reason: "doc id \(d) out of range") }
                scores[Int(d)] += weight * scoring.saturatedTF((tf(i, .title), tf(i, .headings), tf(i, .body)), doc: d, segment: segment)
                hit[Int(d)] = true
            }
        }
        for (info, scoring, weight) in terms {
            if Int(info.docFreq) < PostingsFormat.blockSize {
                let count = try segment.decodeShortPostings(info, into: block)
                try add(count, { block[$0] }, { block[128 * ($1.rawValue + 1) + $0] }, scoring: scoring, weight: weight)
            } else {
                let cursor = try segment.cursor(info)
                for b in 0...cursor.fullBlockCount {
                    let count = try cursor.decodeBlock(b)
                    try add(count, { cursor.blockDoc($0) }, { cursor.blockTF($0, $1) }, scoring: scoring, weight: weight)
                }
            }
        }
        // Documents arrive in increasing global order, so one that only ties the k-th score
        // never enters (ties go to the smaller number): it is counted without touching the heap.
        var n: UInt64 = 0
        var theta = collector.k > 0 ? collector.threshold : .infinity
        for d in 0..<docCount where hit[d] && !segment.isDeleted(UInt32(d)) {
            n += 1
            if scores[d] > theta {
                collector.collect(.init(score: scores[d], global: base + UInt64(d), segment: segmentIndex, doc: UInt32(d)))
                theta = collector.threshold
            } else {
                collector.addUncounted(1)
            }
        }
        return n
    }
}
