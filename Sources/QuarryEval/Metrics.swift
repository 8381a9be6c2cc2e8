import Foundation

/// Per-query measure formulas with trec_eval 9 semantics.
///
/// Every function takes the grades of the ranked documents in trec order (`nil` = unjudged,
/// which counts as non-relevant with zero gain) plus the query's judgments summary. Each is a
/// single O(k) pass; nothing allocates except the ideal-gain list, built once per query.
enum Metrics {
    /// What the formulas need from the judgments of one query.
    struct Judged {
        /// Judged documents with grade >= 1 (`num_rel`).
        let relevantCount: Int
        /// Positive grades sorted descending: the ideal ranking's gains for nDCG. trec_eval
        /// builds the ideal from *all* judged documents, retrieved or not; grades <= 0 add nothing.
        let idealGains: [Double]

        init(grades: [String: Int]?) {
            let values = grades.map { Array($0.values) } ?? []
            relevantCount = values.count(where: { $0 >= Qrels.relevanceLevel })
            idealGains = values.filter { $0 > 0 }.sorted(by: >).map(Double.init)
        }
    }

    static func isRelevant(_ grade: Int?) -> Bool { (grade ?? 0) >= Qrels.relevanceLevel }

    /// nDCG gain of a grade: the grade itself; negative grades gain 0 (as pytrec_eval/trec_eval 9).
    static func gain(_ grade: Int?) -> Double { Double(max(grade ?? 0, 0)) }

    static func value(_ measure: Measure, grades: [Int?], judged: Judged) -> Double {
        switch measure {
        case .ndcg: ndcg(grades, judged, cut: Int.max)
        case let .ndcgCut(k): ndcg(grades, judged, cut: k)
        case .averagePrecision: averagePrecision(grades, judged, cut: Int.max)
        case let .averagePrecisionCut(k): averagePrecision(grades, judged, cut: k)
        case let .precision(k): Double(relevantInTop(grades, k)) / Double(k)
        case let .recall(k): ratio(relevantInTop(grades, k), judged.relevantCount)
        case .reciprocalRank: reciprocalRank(grades, cut: Int.max)
        case let .reciprocalRankCut(k): reciprocalRank(grades, cut: k)
        case .relevantCount: Double(judged.relevantCount)
        case .retrievedCount: Double(grades.count)
        case .relevantRetrievedCount: Double(relevantInTop(grades, Int.max))
        }
    }

    /// DCG@k / IDCG@k with gain = grade and discount 1/log2(rank + 1); 0 when nothing is relevant.
    /// The ideal is cut at the same k, so a perfect top-k scores 1 even if more relevant exist.
    static func ndcg(_ grades: [Int?], _ judged: Judged, cut: Int) -> Double {
        var dcg = 0.0
        for (index, grade) in grades.prefix(cut).enumerated() {
            let g = gain(grade)
            if g > 0 { dcg += g / log2(Double(index + 2)) }
        }
        var ideal = 0.0
        for (index, g) in judged.idealGains.prefix(cut).enumerated() {
            ideal += g / log2(Double(index + 2))
        }
        return ideal > 0 ? dcg / ideal : 0
    }

    /// Sum of precision at each relevant rank (within the cut), over *all* relevant documents.
    static func averagePrecision(_ grades: [Int?], _ judged: Judged, cut: Int) -> Double {
        guard judged.relevantCount > 0 else { return 0 }
        var found = 0
        var sum = 0.0
        for (index, grade) in grades.prefix(cut).enumerated() where isRelevant(grade) {
            found += 1
            sum += Double(found) / Double(index + 1)
        }
        return sum / Double(judged.relevantCount)
    }

    static func reciprocalRank(_ grades: [Int?], cut: Int) -> Double {
        guard let index = grades.prefix(cut).firstIndex(where: isRelevant) else { return 0 }
        return 1 / Double(index + 1)
    }

    static func relevantInTop(_ grades: [Int?], _ k: Int) -> Int {
        grades.prefix(k).count(where: isRelevant)
    }

    static func ratio(_ numerator: Int, _ denominator: Int) -> Double {
        denominator > 0 ? Double(numerator) / Double(denominator) : 0
    }
}
