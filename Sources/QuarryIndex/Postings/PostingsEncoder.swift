/// Serializes one term's postings and positions (layout in `PostingsFormat`).
///
/// Input is the in-memory form kept by `SegmentBuilder`: `postings` holds 4 integers per
/// document (doc, tfTitle, tfHeadings, tfBody) in doc order; `positions` holds the token
/// indexes (not positions: see `DocumentLayoutWriter`) of all documents in the same order;
/// `fieldLengths(doc)` gives the per-field lengths and `layouts` each document's token count.
struct PostingsEncoder {
    var postingsOut = ByteWriter()
    var positionsOut = ByteWriter()
    /// One layout per document of the segment, all added before the first term is encoded
    /// (`SegmentFileSet` appends their serialization to the positions).
    var layouts = DocumentLayoutWriter()
    /// The current block's (or the tail's) position values, chunked when it ends.
    private var pendingPositions: [UInt32] = []

    mutating func encode(postings: [UInt32], positions: [UInt32],
                         fieldLength: (UInt32, Int) -> UInt32) -> TermInfo {
        let df = postings.count / 4
        let info = TermInfo(docFreq: UInt32(df), postingsOffset: UInt64(postingsOut.count),
                            positionsOffset: UInt64(positionsOut.count))
        let fullBlocks = df / PostingsFormat.blockSize
        var posIndex = 0
        var prevDoc: Int64 = -1
        var blocks = ByteWriter()
        var gaps = [UInt32](repeating: 0, count: 128)
        var tfs = [[UInt32]](repeating: [UInt32](repeating: 0, count: 128), count: 3)
        for b in 0..<fullBlocks {
            var impactTf: [UInt32] = [0, 0, 0]
            var impactLen: [UInt32] = [0, 0, 0]
            var bodyPoints: [(tf: UInt32, length: UInt32)] = []
            var bodyLengthSum = 0.0
            let posStart = positionsOut.count
            let blockStart = blocks.count
            let prevBlockLast = prevDoc
            for i in 0..<128 {
                let p = (b * 128 + i) * 4
                let doc = postings[p]
                gaps[i] = UInt32(Int64(doc) - prevDoc - 1)
                prevDoc = Int64(doc)
                var total = 0
                bodyLengthSum += Double(fieldLength(doc, 2))
                for f in 0..<3 {
                    let tf = postings[p + 1 + f]
                    tfs[f][i] = tf
                    total += Int(tf)
                    if tf > 0 {
                        impactTf[f] = max(impactTf[f], tf)
                        let len = fieldLength(doc, f)
                        impactLen[f] = impactLen[f] == 0 ? len : min(impactLen[f], len)
                        if f == 2 { bodyPoints.append((tf, len)) }
                    }
                }
                writePositions(positions, &posIndex, doc: doc, count: total)
            }
            flushPositions()
            BitPacking.pack(gaps, into: &blocks)
            for f in 0..<3 { BitPacking.pack(tfs[f], into: &blocks) }
            postingsOut.vint(UInt32(prevDoc - prevBlockLast))
            postingsOut.vint(blocks.count - blockStart)
            postingsOut.vlong(UInt64(positionsOut.count - posStart))
            for f in 0..<3 { postingsOut.vint(impactTf[f]) }
            for f in 0..<3 { postingsOut.vint(impactLen[f]) }
            let front = BlockImpact.frontier(bodyPoints, typicalLength: bodyLengthSum / 128)
            postingsOut.vint(front.count)
            for p in front {
                postingsOut.vint(p.tf)
                postingsOut.vint(p.length)
            }
        }
        postingsOut.append(blocks.bytes)
        for d in (fullBlocks * 128)..<df {
            let p = d * 4
            let doc = postings[p]
            let gap = UInt32(Int64(doc) - prevDoc - 1)
            prevDoc = Int64(doc)
            let (t, h, body) = (postings[p + 1], postings[p + 2], postings[p + 3])
            let bodyOnly = t == 0 && h == 0
            postingsOut.vlong(UInt64(gap) << 1 | (bodyOnly ? 1 : 0))
            postingsOut.vint(body)
            if !bodyOnly {
                postingsOut.vint(t)
                postingsOut.vint(h)
            }
            writePositions(positions, &posIndex, doc: doc, count: Int(t + h + body))
        }
        flushPositions()
        return info
    }

    /// One document's token indexes: the first as is, then each gap minus one (see
    /// `PositionChunk`).
    private mutating func writePositions(_ positions: [UInt32], _ index: inout Int, doc: UInt32, count: Int) {
        guard count > 0 else { return }
        var next: UInt32 = 0
        for i in index..<(index + count) {
            let p = positions[i]
            pendingPositions.append(p &- next)
            next = p &+ 1
        }
        index += count
    }

    /// Ends a block's (or the tail's) positions: its values in chunks of 128, the last one shorter.
    private mutating func flushPositions() {
        pendingPositions.withUnsafeBufferPointer { values in
            var start = 0
            while start < values.count {
                let end = Swift.min(start + PositionChunk.capacity, values.count)
                PositionChunk.encode(UnsafeBufferPointer(rebasing: values[start..<end]), into: &positionsOut)
                start = end
            }
        }
        pendingPositions.removeAll(keepingCapacity: true)
    }
}
