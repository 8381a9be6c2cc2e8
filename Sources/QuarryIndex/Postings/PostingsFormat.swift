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
///             (minLen over the block's documents that contain the term in that field; 0 if none)
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
    public static let version: UInt32 = 1
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

    public static func == (a: BlockImpact, b: BlockImpact) -> Bool {
        a.maxTf == b.maxTf && a.minLength == b.minLength
    }
}
