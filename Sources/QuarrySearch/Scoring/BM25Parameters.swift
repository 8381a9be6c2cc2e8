import QuarryIndex
import Foundation

/// BM25F parameters, chosen per query (nothing is baked into the index).
///
/// For a term t and document d, with per-field term frequency tf_f, field length len_f and
/// average field length avg_f:
///
///     tf~   = Σ_f  w_f · tf_f / (1 − b + b · len_f / avg_f)
///     score = boost · idf(t) · tf~ · (k1 + 1) / (k1 + tf~)
///     idf   = ln(1 + (N − df + 0.5) / (df + 0.5))            (Lucene's idf, never negative)
///
/// N = live documents, df = documents containing t. With one field of weight 1 this is exactly
/// classic BM25.
///
/// Defaults (k1 1.2, b 0.75, weights title 2 / headings 1 / body 1) are the standard values; the
/// k1 × b × weights grids and per-query significance tests behind keeping them are in
/// docs/RANKING.md (`scripts/ranking-grid.sh` reproduces them).
public struct BM25Parameters: Sendable, Equatable {
    public var k1: Double
    public var b: Double
    /// Weight per field, indexed by `Field.rawValue` (title, headings, body).
    public var fieldWeights: [Double]

    public init(k1: Double = 1.2, b: Double = 0.75, fieldWeights: [Double] = [2.0, 1.0, 1.0]) {
        self.k1 = k1
        self.b = b
        self.fieldWeights = fieldWeights
    }

    public static let `default` = BM25Parameters()

    public func weight(_ f: Field) -> Double { fieldWeights[f.rawValue] }

    public static func idf(docCount n: UInt64, docFreq df: UInt64) -> Double {
        let df = Double(min(df, n)), n = Double(n)
        return log(1 + (n - df + 0.5) / (df + 0.5))
    }

    /// The saturation part, given the combined pseudo-frequency tf~.
    @inline(__always)
    public func saturate(_ tfTilde: Double) -> Double { tfTilde * (k1 + 1) / (k1 + tfTilde) }
}
