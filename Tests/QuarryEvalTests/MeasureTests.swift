import Foundation
import Testing
@testable import QuarryEval

@Suite struct MeasureTests {
    @Test func defaultsAreDesignSetWithTrecEvalNames() {
        #expect(Measure.defaults.map(\.name) == ["ndcg_cut_10", "map", "P_10", "recall_100", "recip_rank@10"])
        #expect(Measure.defaults.map(\.label) == ["nDCG@10", "MAP", "P@10", "Recall@100", "MRR@10"])
    }

    @Test(arguments: [
        "ndcg", "ndcg_cut_5", "map", "map_cut_1000", "P_10", "recall_100", "recip_rank", "recip_rank@10",
        "num_rel", "num_ret", "num_rel_ret",
    ])
    func namesRoundTrip(name: String) throws {
        #expect(try Measure(name: name).name == name)
    }

    @Test func aliases() throws {
        #expect(try Measure(name: "mrr_10") == .reciprocalRankCut(10))
        #expect(try Measure(name: "recip_rank_cut_10") == .reciprocalRankCut(10))
        #expect(try Measure(name: "RR@5") == .reciprocalRankCut(5))
        #expect(try Measure(name: "ndcg@20") == .ndcgCut(20))
        #expect(try Measure(name: "P@5") == .precision(5))
        #expect(try Measure(name: "map@100") == .averagePrecisionCut(100))
    }

    @Test func rejectsUnknownAndZeroCutoff() {
        #expect(throws: EvalError.self) { try Measure(name: "bpref") }
        #expect(throws: EvalError.self) { try Measure(name: "P_0") }
        #expect(throws: EvalError.self) { try Measure(name: "ndcg_10") }
        #expect(throws: EvalError.self) { try Measure(name: "RR_10") }
        #expect(throws: EvalError.self) { try Measure.parseList(" , ") }
    }

    @Test func parsesListDroppingDuplicates() throws {
        #expect(try Measure.parseList("map, P_10,map,num_rel") == [.averagePrecision, .precision(10), .relevantCount])
    }
}

/// Hand-computed values for the formulas, independent of the golden files.
@Suite struct MetricsTests {
    let qrels = Qrels(["q": ["a": 3, "b": 0, "c": 1, "d": -1, "e": 2]])

    func evaluate(_ docnos: [String], _ measures: [Measure]) throws -> [Measure: Double] {
        let ranked = docnos.enumerated().map { RankedDocument(docno: $1, score: Double(100 - $0)) }
        let result = Evaluator(qrels: qrels, measures: measures).evaluate(try Run(tag: "t", rankings: ["q": ranked]))
        return try #require(result.perQuery["q"])
    }

    @Test func formulas() throws {
        // Ranking: b(0) c(1) x(unjudged) a(3) d(-1). Relevant: a, c, e (num_rel 3).
        let values = try evaluate(["b", "c", "x", "a", "d"], [
            .precision(2), .recall(4), .averagePrecision, .reciprocalRank, .reciprocalRankCut(1),
            .ndcgCut(3), .relevantCount, .retrievedCount, .relevantRetrievedCount,
        ])
        #expect(values[.precision(2)] == 0.5)
        #expect(values[.recall(4)] == 2.0 / 3.0)
        #expect(abs(values[.averagePrecision, default: -1] - (1.0 / 2 + 2.0 / 4) / 3) < 1e-12)
        #expect(values[.reciprocalRank] == 0.5)
        #expect(values[.reciprocalRankCut(1)] == 0)
        let dcg = 1 / log2(3.0)
        let ideal = 3 + 2 / log2(3.0) + 1 / 2.0
        #expect(abs(values[.ndcgCut(3), default: -1] - dcg / ideal) < 1e-12)
        #expect(values[.relevantCount] == 3)
        #expect(values[.retrievedCount] == 5)
        #expect(values[.relevantRetrievedCount] == 2)
    }

    @Test func noRelevantDocumentsScoresZeroNotNaN() throws {
        let result = Evaluator(qrels: Qrels(["q": ["a": 0]]), measures: [.ndcgCut(10), .averagePrecision, .recall(10)])
            .evaluate(try Run(tag: "t", rankings: ["q": [RankedDocument(docno: "a", score: 1)]]))
        #expect(result.perQuery["q"]?.values.allSatisfy { $0 == 0 } == true)
    }
}
