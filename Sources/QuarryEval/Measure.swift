/// An evaluation measure, named as trec_eval names it.
///
/// Names are the contract of the JSON output and of `--measures`: `ndcg_cut_10`, `map`,
/// `map_cut_1000`, `P_10`, `recall_100`, `recip_rank`, `num_rel`, `num_ret`, `num_rel_ret`
/// are trec_eval's own. trec_eval has no cutoff for reciprocal rank, so MRR@k is named
/// `recip_rank@k` (accepted aliases: `recip_rank_cut_k`, `mrr_k`, `mrr@k`, `RR@k`).
/// `X@k` is accepted for the other cutoff measures too (`ndcg@10`, `P@10`, `map@1000`).
public enum Measure: Hashable, Sendable, CustomStringConvertible {
    /// nDCG over the whole ranking (`ndcg`).
    case ndcg
    /// nDCG of the first k documents (`ndcg_cut_k`): gain = grade, discount log2(rank + 1).
    case ndcgCut(Int)
    /// Average precision over the whole ranking (`map`); trec_eval applies no depth limit.
    case averagePrecision
    /// Average precision counting only relevant documents in the first k (`map_cut_k`).
    case averagePrecisionCut(Int)
    /// Precision at k (`P_k`); always divides by k, even when fewer were retrieved.
    case precision(Int)
    /// Recall at k (`recall_k`): relevant documents in the first k over all relevant.
    case recall(Int)
    /// 1 / rank of the first relevant document (`recip_rank`).
    case reciprocalRank
    /// Reciprocal rank, 0 when no relevant document is in the first k (`recip_rank@k`, MRR@k).
    case reciprocalRankCut(Int)
    /// Judged relevant documents (`num_rel`).
    case relevantCount
    /// Retrieved documents (`num_ret`).
    case retrievedCount
    /// Relevant documents retrieved (`num_rel_ret`).
    case relevantRetrievedCount

    /// DESIGN.md's headline set: nDCG@10, MAP, P@10, Recall@100, MRR@10.
    public static let defaults: [Measure] = [
        .ndcgCut(10), .averagePrecision, .precision(10), .recall(100), .reciprocalRankCut(10),
    ]

    /// The trec_eval-style name used in JSON and accepted by `--measures`.
    public var name: String {
        switch self {
        case .ndcg: "ndcg"
        case let .ndcgCut(k): "ndcg_cut_\(k)"
        case .averagePrecision: "map"
        case let .averagePrecisionCut(k): "map_cut_\(k)"
        case let .precision(k): "P_\(k)"
        case let .recall(k): "recall_\(k)"
        case .reciprocalRank: "recip_rank"
        case let .reciprocalRankCut(k): "recip_rank@\(k)"
        case .relevantCount: "num_rel"
        case .retrievedCount: "num_ret"
        case .relevantRetrievedCount: "num_rel_ret"
        }
    }

    /// A short human label for tables (`nDCG@10`, `MAP`, `MRR@10`).
    public var label: String {
        switch self {
        case .ndcg: "nDCG"
        case let .ndcgCut(k): "nDCG@\(k)"
        case .averagePrecision: "MAP"
        case let .averagePrecisionCut(k): "MAP@\(k)"
        case let .precision(k): "P@\(k)"
        case let .recall(k): "Recall@\(k)"
        case .reciprocalRank: "MRR"
        case let .reciprocalRankCut(k): "MRR@\(k)"
        case .relevantCount: "Relevant"
        case .retrievedCount: "Retrieved"
        case .relevantRetrievedCount: "Rel. retrieved"
        }
    }

    public var description: String { name }

    /// Counts are summed over queries in the summary row, as trec_eval's `all` row does;
    /// every other measure is averaged.
    public var isCount: Bool {
        switch self {
        case .relevantCount, .retrievedCount, .relevantRetrievedCount: true
        default: false
        }
    }

    /// Parses one measure name (see the type's documentation for the accepted spellings).
    public init(name: String) throws(EvalError) {
        switch name {
        case "ndcg": self = .ndcg; return
        case "map": self = .averagePrecision; return
        case "recip_rank": self = .reciprocalRank; return
        case "num_rel": self = .relevantCount; return
        case "num_ret": self = .retrievedCount; return
        case "num_rel_ret": self = .relevantRetrievedCount; return
        default: break
        }
        let separator = name.lastIndex(where: { $0 == "_" || $0 == "@" })
        guard let separator, let k = Int(name[name.index(after: separator)...]) else {
            throw EvalError(.unknownMeasure(name), detail: Self.knownNames)
        }
        guard k >= 1 else { throw EvalError(.unknownMeasure(name), detail: "cutoff must be at least 1") }
        let base = name[..<separator]
        let byAt = name[separator] == "@"
        switch base {
        case "ndcg_cut": self = .ndcgCut(k)
        case "ndcg" where byAt: self = .ndcgCut(k)
        case "map_cut": self = .averagePrecisionCut(k)
        case "map" where byAt: self = .averagePrecisionCut(k)
        case "P": self = .precision(k)
        case "recall": self = .recall(k)
        case "recip_rank_cut", "mrr": self = .reciprocalRankCut(k)
        case "recip_rank" where byAt: self = .reciprocalRankCut(k)
        case "RR" where byAt: self = .reciprocalRankCut(k)
        default: throw EvalError(.unknownMeasure(name), detail: Self.knownNames)
        }
    }

    /// Parses a comma-separated list, e.g. `ndcg_cut_10,map,P_10`; duplicates are dropped.
    public static func parseList(_ list: String) throws(EvalError) -> [Measure] {
        var measures: [Measure] = []
        for part in list.split(separator: ",") {
            let name = String(part.trimmingSpaces())
            if name.isEmpty { continue }
            let measure = try Measure(name: name)
            if !measures.contains(measure) { measures.append(measure) }
        }
        guard !measures.isEmpty else { throw EvalError(.unknownMeasure(list), detail: "no measure given") }
        return measures
    }

    private static let knownNames =
        "known: ndcg, ndcg_cut_K, map, map_cut_K, P_K, recall_K, recip_rank, recip_rank@K, num_rel, num_ret, num_rel_ret"
}
