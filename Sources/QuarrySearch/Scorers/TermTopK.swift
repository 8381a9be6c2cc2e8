import QuarryIndex

/// Top-k for a single term, best blocks first.
///
/// Why not document order: for a term in most documents, θ (the k-th score so far) rises only
/// as good documents happen to come along, so in doc order nearly every block's bound beats
/// the θ of its moment and is decoded (measured on the Debian-docs crawl: 4,352 of 5,590
/// documents scored for `to`). Visiting blocks by decreasing bound instead fills the top k
/// from the best blocks at once, and the scan stops at the first block whose bound is below θ
/// — every later one is lower still. Results equal exhaustive scoring: the collector breaks
/// ties by document number whatever the visiting order, and a block is skipped only when its
/// bound is strictly below θ (an equal score with a smaller number could still enter).
enum TermTopK {
    static func run(_ clause: TermClause, segment: SegmentReader, into collector: inout TopDocsCollector,
                    base: UInt64, segmentIndex: Int) throws(IndexError) -> UInt64 {
        let cursor = clause.cursor
        let bounds = clause.blockBounds
        let order = bounds.indices.sorted { bounds[$0] > bounds[$1] || (bounds[$0] == bounds[$1] && $0 < $1) }
        var theta = collector.threshold
        var collected: UInt64 = 0
        for b in order {
            if bounds[b] < theta { break }
            let count = try cursor.decodeBlock(b)
            for i in 0..<count {
                let doc = cursor.blockDoc(i)
                let s = clause.weight * clause.scoring.saturatedTF(
                    (cursor.blockTF(i, .title), cursor.blockTF(i, .headings), cursor.blockTF(i, .body)),
                    doc: doc, segment: segment)
                if s >= theta && !segment.isDeleted(doc) {
                    collector.collect(.init(score: s, global: base + UInt64(doc), segment: segmentIndex, doc: doc))
                    collected += 1
                    theta = collector.threshold
                }
            }
        }
        return collected
    }
}
