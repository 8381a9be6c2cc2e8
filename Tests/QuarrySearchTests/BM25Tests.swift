import Foundation
import Testing
import Quarry
import QuarryTestSupport

@Suite struct BM25Tests {
    /// Three body-only documents; expected scores computed by hand from the README formula.
    @Test func scoresEqualHandComputedValues() throws {
        let tmp = TemporaryDirectory()
        defer { tmp.cleanup() }
        let reader = try buildIndex([
            DocumentFields(key: "d0.txt", title: "", body: "apple banana apple"),
            DocumentFields(key: "d1.txt", title: "", body: "banana cherry"),
            DocumentFields(key: "d2.txt", title: "", body: "cherry cherry cherry date"),
        ], at: tmp.path)
        let searcher = Searcher(reader: reader)
        // N = 3, avg body length = (3 + 2 + 4) / 3 = 3, k1 = 1.2, b = 0.75.
        // apple: df 1 → idf = ln(1 + 2.5/1.5); d0: tf 2, len 3 → tf~ = 2 → 2·2.2/3.2.
        let apple = try searcher.search("apple")
        #expect(keys(apple) == ["d0.txt"])
        #expect(abs(apple.hits[0].score - log(1 + 2.5 / 1.5) * (2 * 2.2 / 3.2)) < 1e-9)
        // cherry: df 2 → idf = ln(1 + 1.5/2.5).
        // d1: tf 1, len 2 → tf~ = 1/(0.25 + 0.75·2/3) = 1/0.75; d2: tf 3, len 4 → tf~ = 3/(0.25 + 0.75·4/3) = 3/1.25.
        let cherry = try searcher.search("cherry")
        let idf = log(1 + 1.5 / 2.5)
        func sat(_ t: Double) -> Double { t * 2.2 / (1.2 + t) }
        #expect(keys(cherry) == ["d2.txt", "d1.txt"])
        #expect(abs(cherry.hits[0].score - idf * sat(3 / 1.25)) < 1e-9)
        #expect(abs(cherry.hits[1].score - idf * sat(1 / 0.75)) < 1e-9)
        // A bag of words sums its terms: d0 gets apple + banana.
        let bag = try searcher.search("apple banana")
        let banana = log(1 + 1.5 / 2.5) * sat(1 / (0.25 + 0.75 * 3 / 3))
        #expect(bag.hits.first?.key == "d0.txt")
        #expect(abs(bag.hits[0].score - (apple.hits[0].score + banana)) < 1e-9)
        #expect(bag.totalMatches == 2)
    }

    @Test func k1AndBAreChosenPerQuery() throws {
        let tmp = TemporaryDirectory()
        defer { tmp.cleanup() }
        let reader = try buildIndex([
            DocumentFields(key: "a", title: "", body: "x y y y"),
            DocumentFields(key: "b", title: "", body: "y z"),
        ], at: tmp.path)
        let s = Searcher(reader: reader)
        var o = SearchOptions()
        o.parameters = BM25Parameters(k1: 0, b: 0)
        // k1 = 0: the score is idf alone, whatever tf and length.
        let r = try s.search("y", options: o)
        #expect(abs(r.hits[0].score - r.hits[1].score) < 1e-12)
        // Ties break by document order.
        #expect(keys(r) == ["a", "b"])
    }

    @Test func titleWeighsMoreThanBody() throws {
        let tmp = TemporaryDirectory()
        defer { tmp.cleanup() }
        let reader = try buildIndex([
            DocumentFields(key: "body.html", title: "Annual report", body: "our safety work in detail"),
            DocumentFields(key: "title.html", title: "Safety report", body: "our annual work in detail"),
        ], at: tmp.path)
        let r = try Searcher(reader: reader).search("safety")
        #expect(keys(r) == ["title.html", "body.html"])
        let titleOnly = try Searcher(reader: reader).search("title:safety")
        #expect(keys(titleOnly) == ["title.html"])
    }

    @Test func explainStatesTheFormulaAndAddsUp() throws {
        let tmp = TemporaryDirectory()
        defer { tmp.cleanup() }
        let reader = try buildIndex([
            DocumentFields(key: "d0", title: "apple", body: "apple banana apple"),
            DocumentFields(key: "d1", title: "", body: "banana cherry"),
        ], at: tmp.path)
        var o = SearchOptions()
        o.explain = true
        let r = try Searcher(reader: reader).search("apple banana", options: o)
        let e = try #require(r.hits.first?.explanation)
        #expect(abs(e.value - r.hits[0].score) < 1e-9)
        let text = e.render()
        #expect(text.contains("idf = ln(1 + (N − df + 0.5) / (df + 0.5)), N = 2"))
        #expect(text.contains("k1 = 1.2"))
        #expect(text.contains("title: w · tf / (1 − b + b · len / avgLen), w = 2.0, tf = 1, len = 1"))
        #expect(text.contains("body: w · tf / (1 − b + b · len / avgLen), w = 1.0, tf = 2, len = 3, avgLen = 2.50, b = 0.75"))
    }
}
