import Testing
@testable import QuarryEval

/// Every measure, per query and aggregated, must agree with pytrec_eval (trec_eval 9) to 4 decimals.
@Suite struct GoldenTests {
    static let cases: [(qrels: String, run: String, golden: String)] = [
        ("synthetic.qrels", "synthetic.run", "synthetic.golden.json"),
        ("missing.qrels", "missing.run", "missing.golden.json"),
        ("unjudged.qrels", "unjudged.run", "unjudged.golden.json"),
        ("cranfield.qrels", "cranfield_tfidf.run", "cranfield_tfidf.golden.json"),
        ("cranfield.qrels", "cranfield_bm25.run", "cranfield_bm25.golden.json"),
    ]

    @Test(arguments: cases)
    func agreesWithTrecEval(qrelsFile: String, runFile: String, goldenFile: String) throws {
        let golden = try Fixtures.golden(goldenFile)
        let qrels = try Qrels.load(path: Fixtures.path(qrelsFile))
        let run = try Run.load(path: Fixtures.path(runFile))
        let result = Evaluator(qrels: qrels, measures: golden.measures).evaluate(run)

        #expect(result.queryIDs.count == golden.queries)
        #expect(Set(result.queryIDs) == Set(golden.perQuery.keys))
        for (qid, expected) in golden.perQuery {
            for measure in golden.measures {
                let want = try #require(expected[measure.name], "golden lacks \(measure.name)")
                let got = try #require(result.value(measure, query: qid))
                #expect(abs(got - want) < 5e-5, "\(goldenFile) query \(qid) \(measure.name): \(got) vs \(want)")
            }
        }
        for measure in golden.measures {
            let want = try #require(golden.means[measure.name])
            let got = try #require(result.summary[measure])
            #expect(abs(got - want) < 5e-5, "\(goldenFile) all \(measure.name): \(got) vs \(want)")
        }
    }

    @Test func missingCaseFollowsCompleteSemantics() throws {
        let qrels = try Qrels.load(path: Fixtures.path("missing.qrels"))
        let run = try Run.load(path: Fixtures.path("missing.run"))
        let result = Evaluator(qrels: qrels).evaluate(run)
        #expect(result.queryIDs == ["1", "2", "3", "4"])
        #expect(result.missingQueries == ["2", "3"])
        #expect(result.ignoredQueries == ["5"])
        #expect(result.value(.averagePrecision, query: "2") == 0)
    }

    @Test func cranfieldRunMissesThreeQueries() throws {
        let qrels = try Qrels.load(path: Fixtures.path("cranfield.qrels"))
        let run = try Run.load(path: Fixtures.path("cranfield_tfidf.run"))
        let result = Evaluator(qrels: qrels).evaluate(run)
        #expect(result.queryIDs.count == 225)
        #expect(result.missingQueries == ["7", "50", "200"])
        #expect(run.tag == "tfidf")
    }
}
