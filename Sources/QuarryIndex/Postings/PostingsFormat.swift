/// Byte layout of the postings (`.doc`) and positions (`.pos`) files, version 1.
///
/// A term's postings start at `TermInfo.postingsOffset` in the `.doc` body; its positions at
/// `TermInfo.positionsOffset` in the `.pos` body. With `df` documents, `n = df / 128` full blocks
/// and `df % 128` tail documents:
///
/// ```
/// postings := skip{n} block{n} tail
/// skip     := lastDocDelta:vint docBytes:vint posBytes:vlong impact
///             (lastDocDelta = lastDoc − previous block's lastDoc, the first from −1)
/// impact   := maxTf[title] maxTf[headings] maxTf[body] minLen[title] minLen[headings] minLen[body]  (vints)
///             pairCount:vint (tfBody:vint lenBody:vint){pairCount}
///             (minLen over the block's documents that contain the term in that field; 0 if none;
///             the pairs are the body's competitive (tf, length) frontier — no document of the
///             block has both a higher tf and a shorter body than every pair — reduced to at
///             most 4 by merging neighbours into (larger tf, shorter length), which only loosens)
/// block    := packed(docGap) packed(tfTitle) packed(tfHeadings) packed(tfBody)     (BitPacking, 128 each)
///             docGap = doc − previousDoc − 1, the first relative to the previous block's last doc
/// tail     := (gapAndFlag:vint tfBody:vint [tfTitle:vint tfHeadings:vint])*
///             gapAndFlag = docGap << 1 | 1 when the term occurs in the body only
/// positions:= for each document in order: Σtf position deltas (vint), the first from 0,
///             ascending over title, headings and body (one shared position space)
/// ```
/// Term frequencies are per field so BM25F weights and b can change at query time; the impact
/// data gives Block-Max WAND an upper bound per block for any k1, b and field weights.
public enum PostingsFormat {
    public static let postingsKind = "POST"
    public static let positionsKind = "POSI"
    public static let version: UInt32 = 2
    public static let blockSize = BitPacking.blockSize
}

/// Where a term's data lives, and its document frequency (the dictionary's payload).
///
/// ```
/// termInfo := docFreq:vint postingsOffset:vlong positionsOffset:vlong
/// ```
public struct TermInfo: Sendable, Equatable {
    public var docFreq: UInt32
    public var postingsOffset: UInt64
    public var positionsOffset: UInt64

    public func encode(into w: inout ByteWriter) {
        w.vint(docFreq)
        w.vlong(postingsOffset)
        w.vlong(positionsOffset)
    }

    public static func decode(_ r: inout ByteReader) throws(IndexError) -> TermInfo {
        TermInfo(docFreq: try r.vint(), postingsOffset: try r.vlong(), positionsOffset: try r.vlong())
    }
}

/// Upper-bound data of one postings block (see `PostingsFormat`).
public struct BlockImpact: Sendable, Equatable {
    public var maxTf: (UInt32, UInt32, UInt32)
    public var minLength: (UInt32, UInt32, UInt32)
    /// Up to 4 body (tf, length) frontier pairs, each packed as tf << 32 | length.
    public var bodyPairs: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    public var bodyPairCount: Int = 0

    public init(maxTf: (UInt32, UInt32, UInt32), minLength: (UInt32, UInt32, UInt32)) {
        self.maxTf = maxTf
        self.minLength = minLength
    }

    public func bodyPair(_ i: Int) -> (tf: UInt32, length: UInt32) {
        let v: UInt64
        switch i {
        case 0: v = bodyPairs.0
        case 1: v = bodyPairs.1
        case 2: v = bodyPairs.2
        default: v = bodyPairs.3
        }
        return (UInt32(v >> 32), UInt32(truncatingIfNeeded: v))
    }

    mutating func setBodyPair(_ i: Int, tf: UInt32, length: UInt32) {
        let v = UInt64(tf) << 32 | UInt64(length)
        switch i {
        case 0: bodyPairs.0 = v
        case 1: bodyPairs.1 = v
        case 2: bodyPairs.2 = v
        default: bodyPairs.3 = v
        }
    }

    /// The competitive (tf, length) pairs of the body among `points`, reduced to at most 4.
    static func frontier(_ points: [(tf: UInt32, length: UInt32)]) -> [(tf: UInt32, length: UInt32)] {
        // Shortest first; among equal lengths the highest tf. Keep a point only if its tf beats
        // every shorter one's.
        let sorted = points.sorted { $0.length < $1.length || ($0.length == $1.length && $0.tf > $1.tf) }
        var front: [(tf: UInt32, length: UInt32)] = []
        for p in sorted where p.tf > (front.last?.tf ?? 0) { front.append(p) }
        guard front.count > 4 else { return front }
        // Merge contiguous groups into (largest tf, shortest length): dominates the group.
        var reduced: [(tf: UInt32, length: UInt32)] = []
        let n = front.count
        for g in 0..<4 {
            let lo = g * n / 4, hi = (g + 1) * n / 4 - 1
            reduced.append((front[hi].tf, front[lo].length))
        }
        return reduced
    }

    public static func == (a: BlockImpact, b: BlockImpact) -> Bool {
        a.maxTf == b.maxTf && a.minLength == b.minLength && a.bodyPairCount == b.bodyPairCount
            && (0..<a.bodyPairCount).allSatisfy { a.bodyPair($0) == b.bodyPair($0) }
    }
}
