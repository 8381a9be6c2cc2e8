import Foundation
import Testing
@testable import QuarryEval

@Suite struct SignificanceTests {
    struct Case {
        let name: String
        let a: [Double]
        let b: [Double]
        let t: Double
        let p: Double
        let exactPermutationP: Double?
    }

    static func cases() throws -> [Case] {
        let object = try Fixtures.json("significance.golden.json")
        return try object.keys.sorted().map { name in
            let entry = try #require(object[name] as? [String: Any])
            return Case(
                name: name, a: try #require(entry["a"] as? [Double]), b: try #require(entry["b"] as? [Double]),
                t: try #require(entry["t"] as? Double), p: try #require(entry["t_test_p"] as? Double),
                exactPermutationP: entry["exact_permutation_p"] as? Double)
        }
    }

    @Test func tTestMatchesScipy() throws {
        let cases = try Self.cases()
        #expect(cases.count == 6)
        for c in cases {
            let test = try #require(Significance.pairedTTest(c.a, c.b))
            #expect(test.degreesOfFreedom == c.a.count - 1)
            #expect(abs(test.t - c.t) < 1e-9 * max(1, abs(c.t)), "\(c.name): t \(test.t) vs \(c.t)")
            // Relative agreement, so tiny p-values (1e-10) are checked as strictly as large ones.
            #expect(abs(test.p - c.p) <= 1e-9 * c.p + 1e-15, "\(c.name): p \(test.p) vs \(c.p)")
        }
    }

    @Test func randomizationApproximatesExactPermutationTest() throws {
        for c in try Self.cases() {
            guard let exact = c.exactPermutationP else { continue }
            let p = Significance.randomizationTest(c.a, c.b)
            // 10,000 draws: standard error ≤ 0.005, so 0.02 is a 4-sigma bound.
            #expect(abs(p - exact) < 0.02, "\(c.name): \(p) vs exact \(exact)")
        }
    }

    @Test func randomizationIsDeterministicAndSeeded() {
        let a = (0..<40).map { Double($0 % 7) / 7 }
        let b = (0..<40).map { Double(($0 * 3) % 5) / 5 }
        #expect(Significance.randomizationTest(a, b) == Significance.randomizationTest(a, b))
        #expect(Significance.randomizationTest(a, b, seed: 1) != Significance.randomizationTest(a, b, seed: 2))
    }

    @Test func degenerateInputs() {
        #expect(Significance.pairedTTest([0.5], [0.2]) == nil)
        #expect(Significance.pairedTTest([0.5, 0.5], [0.5, 0.5])?.p == 1)
        #expect(Significance.pairedTTest([0.6, 0.7], [0.5, 0.6])?.p == 0)
        #expect(Significance.randomizationTest([1, 1, 1], [1, 1, 1]) == 1)
        // Every flip of a single large difference is as extreme: p stays 1.
        #expect(Significance.randomizationTest([1], [0]) == 1)
    }

    @Test func incompleteBetaKnownValues() {
        // I_x(1,1) = x; I_x(a,1) = x^a; I_0.5(a,a) = 0.5; t with 1 df is Cauchy: P(|T|≥1) = 0.5.
        #expect(abs(StudentT.regularizedIncompleteBeta(a: 1, b: 1, x: 0.3) - 0.3) < 1e-14)
        #expect(abs(StudentT.regularizedIncompleteBeta(a: 3, b: 1, x: 0.7) - pow(0.7, 3)) < 1e-14)
        #expect(abs(StudentT.regularizedIncompleteBeta(a: 7.5, b: 7.5, x: 0.5) - 0.5) < 1e-14)
        #expect(abs(StudentT.twoSidedP(t: 1, degreesOfFreedom: 1) - 0.5) < 1e-14)
        #expect(abs(StudentT.cdf(t: -2, degreesOfFreedom: 1) - (0.5 + atan(-2) / Double.pi)) < 1e-14)
        // Large df approaches the normal: P(|Z| ≥ 1.959964) = 0.05.
        #expect(abs(StudentT.twoSidedP(t: 1.959964, degreesOfFreedom: 1e7) - 0.05) < 1e-6)
    }

    @Test func comparisonCountsWinsLossesTies() throws {
        let qrels = Qrels(["1": ["a": 1], "2": ["a": 1], "3": ["a": 1]])
        let good = try Run(tag: "A", rankings: ["1": [.init(docno: "a", score: 1)], "2": [.init(docno: "a", score: 1)]])
        let other = try Run(tag: "B", rankings: [
            "1": [.init(docno: "x", score: 2), .init(docno: "a", score: 1)], "2": [.init(docno: "a", score: 1)],
        ])
        let evaluator = Evaluator(qrels: qrels, measures: [.reciprocalRank])
        let comparison = Comparison(measure: .reciprocalRank, a: evaluator.evaluate(good), b: evaluator.evaluate(other))
        #expect(comparison.queries.map(\.qid) == ["1", "2", "3"])
        #expect((comparison.wins, comparison.losses, comparison.ties) == (1, 0, 2))
        #expect(abs(comparison.meanA - 2.0 / 3) < 1e-12 && abs(comparison.meanB - 0.5) < 1e-12)
    }
}
