import QuarryIndex

/// Collection statistics a weight needs, computed once per query across all segments so that
/// scores do not depend on how documents happen to be split into segments.
public struct CollectionStatistics: Sendable {
    public var docCount: UInt64
    public var averageLength: [Double]

    /// N counts every document still physically in a segment, deleted or not, exactly like df
    /// and the average lengths do (Lucene's choice): the three stay consistent, and deletions
    /// stop counting when merges drop them.
    public init(reader: IndexReader) {
        docCount = reader.commit.segments.reduce(0) { $0 + UInt64($1.docCount) }
        averageLength = Field.allCases.map { reader.averageFieldLength($0) }
    }

    public init(docCount: UInt64, averageLength: [Double]) {
        self.docCount = docCount
        self.averageLength = averageLength
    }
}

/// Per-field constants of one scoring clause: its weight and the length normalization inputs.
struct FieldScoring: Sendable {
    /// Fields the clause scores, and each one's weight (0 = ignored).
    var weights: (Double, Double, Double)
    var b: Double
    var averageLength: (Double, Double, Double)
    /// b / average length per field: a document's normalizer 1 − b + b·len/avg is then
    /// (1 − b) + len·scale, a multiplication where the division sat on every posting's
    /// latency chain (a posting of a body-only hit now costs one division).
    var lengthScale: (Double, Double, Double)
    var k1: Double

    init(parameters: BM25Parameters, statistics: CollectionStatistics, fields: [Field]?) {
        // No Set: a prefix query builds one of these per expansion term, thousands per query.
        func w(_ f: Field) -> Double { fields.map { $0.contains(f) } ?? true ? parameters.weight(f) : 0 }
        weights = (w(.title), w(.headings), w(.body))
        b = parameters.b
        k1 = parameters.k1
        averageLength = (statistics.averageLength[0], statistics.averageLength[1], statistics.averageLength[2])
        lengthScale = (b / averageLength.0, b / averageLength.1, b / averageLength.2)
    }

    /// The length normalizer of a field of `length` tokens whose scale (b / average) is `scale`.
    @inline(__always)
    func normalizer(_ length: UInt32, _ scale: Double) -> Double { (1 - b) + Double(length) * scale }

    /// Length-normalized, weighted pseudo-frequency.
    @inline(__always)
    func tfTilde(_ tf: (UInt32, UInt32, UInt32), doc: UInt32, segment: SegmentReader) -> Double {
        var s = 0.0
        if tf.0 > 0 && weights.0 > 0 {
            s += weights.0 * Double(tf.0) / normalizer(segment.fieldLength(doc, .title), lengthScale.0)
        }
        if tf.1 > 0 && weights.1 > 0 {
            s += weights.1 * Double(tf.1) / normalizer(segment.fieldLength(doc, .headings), lengthScale.1)
        }
        if tf.2 > 0 && weights.2 > 0 {
            s += weights.2 * Double(tf.2) / normalizer(segment.fieldLength(doc, .body), lengthScale.2)
        }
        return s
    }

    @inline(__always)
    func saturate(_ t: Double) -> Double { t * (k1 + 1) / (k1 + t) }

    /// `saturate(tfTilde(tf, …))`, with one division instead of two when the term occurs in one
    /// field only (most documents: the body). With x = w·tf and the field's normalizer
    /// n = 1 − b + b·len/avg, t·(k1+1)/(k1+t) for t = x/n is x·(k1+1)/(k1·n + x). Divisions are
    /// the latency chain of scoring a frequent term, so this is a third of its per-document cost.
    @inline(__always)
    func saturatedTF(_ tf: (UInt32, UInt32, UInt32), doc: UInt32, segment: SegmentReader) -> Double {
        if tf.0 == 0 && tf.1 == 0 && tf.2 > 0 && weights.2 > 0 {
            let x = weights.2 * Double(tf.2)
            let n = normalizer(segment.fieldLength(doc, .body), lengthScale.2)
            return x * (k1 + 1) / (k1 * n + x)
        }
        return saturate(tfTilde(tf, doc: doc, segment: segment))
    }

    /// An upper bound of `tfTilde` over a postings block: each field's largest frequency over
    /// its shortest length in the block (tf~ grows with tf and shrinks with length).
    func tfTildeBound(_ impact: BlockImpact) -> Double {
        var s = 0.0
        if impact.maxTf.0 > 0 && weights.0 > 0 {
            s += weights.0 * Double(impact.maxTf.0) / normalizer(impact.minLength.0, lengthScale.0)
        }
        if impact.maxTf.1 > 0 && weights.1 > 0 {
            s += weights.1 * Double(impact.maxTf.1) / normalizer(impact.minLength.1, lengthScale.1)
        }
        if impact.maxTf.2 > 0 && weights.2 > 0 {
            if impact.bodyPairCount > 0 {
                // The body's competitive (tf, length) pairs give its exact maximum in the block.
                // The largest tf / norm is found by cross-multiplying (norms are positive), so
                // a block costs one division, not one per pair: bounds are computed for every
                // block of every query term before the first document is scored.
                let first = impact.bodyPair(0)
                var bestTf = Double(first.tf), bestNorm = normalizer(first.length, lengthScale.2)
                for i in 1..<impact.bodyPairCount {
                    let p = impact.bodyPair(i)
                    let norm = normalizer(p.length, lengthScale.2)
                    if Double(p.tf) * bestNorm > bestTf * norm { bestTf = Double(p.tf); bestNorm = norm }
                }
                s += weights.2 * bestTf / bestNorm
            } else {
                s += weights.2 * Double(impact.maxTf.2) / normalizer(impact.minLength.2, lengthScale.2)
            }
        }
        return s
    }
}
