/// Byte layout of the postings (`.doc`, version 4) and positions (`.pos`, version 6) files.
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
///             most 8 by merging neighbours into (larger tf, shorter length), which only loosens)
/// block    := packed(docGap) packed(tfTitle) packed(tfHeadings) packed(tfBody)     (BitPacking, 128 each:
///             width byte w, then 16·w bytes in 4 interleaved lanes of 32-bit words — value i is
///             value i/4 of lane i%4, word k of lane j at byte 16·k + 4·j)
///             docGap = doc − previousDoc − 1, the first relative to the previous block's last doc
/// tail     := (gapAndFlag:vint tfBody:vint [tfTitle:vint tfHeadings:vint])*
///             gapAndFlag = docGap << 1 | 1 when the term occurs in the body only
/// positions:= for each full block, then the tail (posBytes long for a full block): the
///             compact positions k₀ < k₁ < … of each document in turn (the occurrence's token
///             index plus the jumps at or before it, fields in order title, headings, body) as
///             the values k₀, k₁ − k₀ − 1, …, in `PositionChunk`s of 128 values, the last one shorter
/// layouts  := per document, its compact count and the compact positions where its position
///             space jumps (block and field gaps), after the last term (grammar in
///             `DocumentLayoutWriter`); position = compact position − J + the extras of the J
///             jumps at or before it
/// ```
/// `.pos` is `POSI` version `positionsVersion` (7); `.doc` is `POST` version `version` (4).
/// Term frequencies are per field so BM25F weights and b can change at query time; the impact
/// data gives Block-Max WAND an upper bound per block for any k1, b and field weights.
public enum PostingsFormat {
    public static let postingsKind = "POST"
    public static let positionsKind = "POSI"
    /// Version of `.doc` (`POST`): 4 packs blocks in `BitPacking`'s vertical 4-lane layout
    /// (SIMD decoding); 3 packed each value into one horizontal bit stream.
    public static let version: UInt32 = 4
    /// Version of `.pos` (`POSI`): 7 stores compact positions (a jump counts one position, so
    /// exact phrases match without reading layouts) and keys layouts by them; 6 stored token
    /// indexes in patched bit-packed chunks of 128 (`PositionChunk`: SIMD unpacking, documents
    /// skipped by counting); 5 wrote each block's low parts before its unary high
    /// parts, keeps token counts in a dense column and records the smallest jump; 4 stored
    /// token indexes Rice-coded plus per-document layouts; up to 3 it shared the postings'
    /// version and stored vint position deltas.
    public static let positionsVersion: UInt32 = 7
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
    /// Up to `maxBodyPairs` body (tf, length) frontier pairs, each packed as tf << 32 | length.
    public var bodyPairs: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    public var bodyPairCount: Int = 0
    public static let maxBodyPairs = 8

    public init(maxTf: (UInt32, UInt32, UInt32), minLength: (UInt32, UInt32, UInt32)) {
        self.maxTf = maxTf
        self.minLength = minLength
    }

    public func bodyPair(_ i: Int) -> (tf: UInt32, length: UInt32) {
        let v = withUnsafeBytes(of: bodyPairs) { $0.load(fromByteOffset: 8 * Swift.min(Swift.max(i, 0), 7), as: UInt64.self) }
        return (UInt32(v >> 32), UInt32(truncatingIfNeeded: v))
    }

    mutating func setBodyPair(_ i: Int, tf: UInt32, length: UInt32) {
        let v = UInt64(tf) << 32 | UInt64(length)
        withUnsafeMutableBytes(of: &bodyPairs) { $0.storeBytes(of: v, toByteOffset: 8 * Swift.min(Swift.max(i, 0), 7), as: UInt64.self) }
    }

    /// The competitive (tf, length) pairs of the body among `points`, reduced to at most
    /// `maxBodyPairs`.
    ///
    /// Reduction merges two neighbours of the frontier into (the larger tf, the shorter length),
    /// which dominates both, so the bound stays valid for any k1, b and average length. Which
    /// neighbours: the pair whose merge raises the block's score bound least, judged with BM25's
    /// usual k1 = 1.2, b = 0.75 and the block's mean body length `typicalLength` standing in for
    /// the collection's (known only at query time) — only the choice depends on them, never the
    /// validity. Merging the extremes instead (as a first version did) gave bounds so loose for
    /// frequent terms that block-max skipping almost never fired.
    static func frontier(_ points: [(tf: UInt32, length: UInt32)], typicalLength: Double) -> [(tf: UInt32, length: UInt32)] {
        // Shortest first; among equal lengths the highest tf. Keep a point only if its tf beats
        // every shorter one's.
        let sorted = points.sorted { $0.length < $1.length || ($0.length == $1.length && $0.tf > $1.tf) }
        var front: [(tf: UInt32, length: UInt32)] = []
        for p in sorted where p.tf > (front.last?.tf ?? 0) { front.append(p) }
        let avg = Swift.max(typicalLength, 1)
        func proxy(_ p: (tf: UInt32, length: UInt32)) -> Double {
            let t = Double(p.tf) / (0.25 + 0.75 * Double(p.length) / avg)
            return t / (1.2 + t)
        }
        while front.count > maxBodyPairs {
            var best = 0
            var bestCost = Double.infinity
            for i in 0..<(front.count - 1) {
                let merged = (tf: front[i + 1].tf, length: front[i].length)
                let cost = proxy(merged) - Swift.max(proxy(front[i]), proxy(front[i + 1]))
                if cost < bestCost { bestCost = cost; best = i }
            }
            front[best] = (tf: front[best + 1].tf, length: front[best].length)
            front.remove(at: best + 1)
        }
        return front
    }

    public static func == (a: BlockImpact, b: BlockImpact) -> Bool {
        a.maxTf == b.maxTf && a.minLength == b.minLength && a.bodyPairCount == b.bodyPairCount
            && (0..<a.bodyPairCount).allSatisfy { a.bodyPair($0) == b.bodyPair($0) }
    }
}
