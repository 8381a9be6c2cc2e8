import Foundation
import Testing
@testable import QuarryEval

@Suite struct ReportTests {
    func missingResult(_ measures: [Measure] = [.ndcgCut(10), .averagePrecision, .relevantCount]) throws -> EvalResult {
        let qrels = try Qrels.load(path: Fixtures.path("missing.qrels"))
        let run = try Run.load(path: Fixtures.path("missing.run"))
        return Evaluator(qrels: qrels, measures: measures).evaluate(run)
    }

    @Test func jsonFollowsTheDocumentedSchema() throws {
        let text = EvalJSON.encode(try missingResult())
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["queries", "run", "missing_queries", "means", "per_query"])
        #expect(object["queries"] as? Int == 4)
        #expect(object["missing_queries"] as? [String] == ["2", "3"])
        let means = try #require(object["means"] as? [String: Any])
        #expect(means["num_rel"] as? Int == 5)
        let perQuery = try #require(object["per_query"] as? [String: [String: Any]])
        #expect(Set(perQuery.keys) == ["1", "2", "3", "4"])
        // Key order is part of the contract: schema keys, then measures in requested order.
        let order = try ["\"queries\"", "\"run\"", "\"missing_queries\"", "\"means\"", "\"per_query\""]
            .map { try #require(text.range(of: $0)).lowerBound }
        #expect(order == order.sorted())
        let ndcg = try #require(text.range(of: "\"ndcg_cut_10\"")), map = try #require(text.range(of: "\"map\""))
        #expect(ndcg.lowerBound < map.lowerBound)
    }

    @Test func jsonEscapesStrings() {
        #expect(JSONValue.quoted("a\"b\\c\n\u{1}") == "\"a\\\"b\\\\c\\n\\u0001\"")
    }

    @Test func summaryTableIsAligned() throws {
        let text = EvalReport.summaryTable(try missingResult())
        #expect(text == """
            run: missing  queries: 4  (2 judged but not in the run, scored 0)  (1 in the run without judgments, ignored)
            measure   name            all
            --------  -----------  ------
            nDCG@10   ndcg_cut_10  0.2376
            MAP       map          0.2083
            Relevant  num_rel           5

            """)
    }

    @Test func perQueryTableHasOneRowPerQueryAndAll() throws {
        let lines = EvalReport.perQueryTable(try missingResult()).split(separator: "\n")
        #expect(lines.count == 1 + 2 + 4 + 1)
        #expect(lines[1] == "qid  ndcg_cut_10     map  num_rel")
        #expect(lines.last == "all       0.2376  0.2083        5")
    }

    @Test func comparisonRenderings() throws {
        let qrels = try Qrels.load(path: Fixtures.path("cranfield.qrels"))
        let evaluator = Evaluator(qrels: qrels, measures: [.ndcgCut(10)])
        let a = evaluator.evaluate(try Run.load(path: Fixtures.path("cranfield_bm25.run")))
        let b = evaluator.evaluate(try Run.load(path: Fixtures.path("cranfield_tfidf.run")))
        let comparison = Comparison(measure: .ndcgCut(10), a: a, b: b)
        #expect(comparison.queries.count == 225)
        #expect(comparison.wins + comparison.losses + comparison.ties == 225)
        let table = EvalReport.comparisonTable([comparison])
        #expect(table.contains("A: bm25  B: tfidf  queries: 225"))
        let json = EvalJSON.encode([comparison])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let measures = try #require(object["measures"] as? [String: [String: Any]])
        let entry = try #require(measures["ndcg_cut_10"])
        #expect(entry["wins"] as? Int == comparison.wins)
        #expect((entry["per_query"] as? [String: Any])?.count == 225)
        #expect(EvalReport.comparisonPerQueryTable(comparison).split(separator: "\n").count == 227)
    }
}
