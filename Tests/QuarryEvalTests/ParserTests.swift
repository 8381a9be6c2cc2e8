import Testing
@testable import QuarryEval

@Suite struct QrelsParserTests {
    @Test func parsesGradesIncludingNegativeAndAboveOne() throws {
        let qrels = try Qrels.parse("1 0 a 3\n1 0 b -1\n1\t0\tc 0\n2 Q0 d 1\n")
        #expect(qrels.judgments["1"] == ["a": 3, "b": -1, "c": 0])
        #expect(qrels.relevantCount(for: "1") == 1)
        #expect(qrels.relevantCount(for: "2") == 1)
        #expect(qrels.relevantCount(for: "9") == 0)
    }

    @Test func acceptsCRLFAndBlankLines() throws {
        let qrels = try Qrels.parse("1 0 a 1\r\n\r\n  \n1 0 b 2\r\n")
        #expect(qrels.judgments["1"] == ["a": 1, "b": 2])
    }

    @Test func wrongFieldCountNamesFileAndLine() {
        #expect(throws: EvalError(.fieldCount(expected: 4, found: 3), file: "qrels.txt", line: 3, detail: "qid iter docno rel")) {
            try Qrels.parse("1 0 a 1\n\n1 0 b\n", source: "qrels.txt")
        }
        let error = EvalError(.fieldCount(expected: 4, found: 3), file: "qrels.txt", line: 12, detail: "qid iter docno rel")
        #expect(error.description == "qrels.txt line 12: expected 4 fields (qid iter docno rel), found 3")
    }

    @Test func nonIntegerGradeIsAnError() {
        #expect(throws: EvalError(.invalidNumber(field: "relevance", value: "1.5"), file: "q", line: 1)) {
            try Qrels.parse("1 0 a 1.5\n", source: "q")
        }
    }

    @Test func duplicateJudgmentIsAnError() {
        #expect(throws: EvalError(.duplicateDocument(qid: "1", docno: "a"), file: "q", line: 2)) {
            try Qrels.parse("1 0 a 1\n1 0 a 0\n", source: "q")
        }
    }

    @Test func missingFileIsUnreadable() throws {
        let error = try #require(throws: EvalError.self) { try Qrels.load(path: "/nonexistent/qrels.txt") }
        #expect(error.kind == .unreadable)
        #expect(error.description == "/nonexistent/qrels.txt: cannot read file: no such file")
    }
}

@Suite struct RunParserTests {
    @Test func ordersByScoreThenDocnoDescendingIgnoringRankColumn() throws {
        let run = try Run.parse("""
            q1 Q0 d10 1 5.0 tagA
            q1 Q0 d9 2 5.0 tagA
            q1 Q0 e 3 7 tagA
            q1 Q0 a 4 -1e2 tagB
            q1 Q0 d01 99 5 tagA
            """)
        #expect(run.tag == "tagA")
        #expect(run.rankings["q1"]?.map(\.docno) == ["e", "d9", "d10", "d01", "a"])
        #expect(run.rankings["q1"]?.last?.score == -100)
    }

    @Test func docnoTiesCompareBytesNotUnicodeOrder() throws {
        // "Z" (0x5A) < "a" (0x61) < "é" (0xC3…) byte-wise; descending puts é first.
        let run = try Run.parse("1 Q0 a 0 1 t\n1 Q0 é 0 1 t\n1 Q0 Z 0 1 t\n")
        #expect(run.rankings["1"]?.map(\.docno) == ["é", "a", "Z"])
    }

    @Test func inMemoryRunIsSortedTheSameWay() throws {
        let run = try Run(tag: "mem", rankings: ["1": [
            RankedDocument(docno: "a", score: 1), RankedDocument(docno: "b", score: 1), RankedDocument(docno: "c", score: 2),
        ]])
        #expect(run.rankings["1"]?.map(\.docno) == ["c", "b", "a"])
        #expect(throws: EvalError(.duplicateDocument(qid: "1", docno: "a"))) {
            try Run(tag: "mem", rankings: ["1": [RankedDocument(docno: "a", score: 1), RankedDocument(docno: "a", score: 2)]])
        }
    }

    @Test func errorsNameLine() {
        #expect(throws: EvalError(.fieldCount(expected: 6, found: 5), file: "r.run", line: 2, detail: "qid Q0 docno rank score tag")) {
            try Run.parse("1 Q0 a 1 1.0 t\n1 Q0 b 2 1.0\n", source: "r.run")
        }
        #expect(throws: EvalError(.invalidNumber(field: "score", value: "nan"), file: "r.run", line: 1)) {
            try Run.parse("1 Q0 a 1 nan t\n", source: "r.run")
        }
        #expect(throws: EvalError(.duplicateDocument(qid: "1", docno: "a"), file: "r.run", line: 3)) {
            try Run.parse("1 Q0 a 1 1 t\n2 Q0 a 1 1 t\n1 Q0 a 2 0.5 t\n", source: "r.run")
        }
    }
}

@Suite struct TopicsParserTests {
    @Test func parsesTabSeparatedTopicsInFileOrder() throws {
        let topics = try Topics.parse("2\twhat is  lift .\n1\t a\tb \n")
        #expect(topics.topics == [Topic(id: "2", text: "what is  lift ."), Topic(id: "1", text: "a\tb")])
    }

    @Test func errors() {
        #expect(throws: EvalError(.missingTab, file: "t.tsv", line: 2)) {
            try Topics.parse("1\tok\n2 no tab\n", source: "t.tsv")
        }
        #expect(throws: EvalError(.duplicateTopic(qid: "1"), file: "t.tsv", line: 2)) {
            try Topics.parse("1\ta\n1\tb\n", source: "t.tsv")
        }
        #expect(throws: EvalError(.emptyField("query text"), file: "t.tsv", line: 1)) {
            try Topics.parse("1\t  \n", source: "t.tsv")
        }
        #expect(EvalError(.missingTab, file: "t.tsv", line: 2).description == "t.tsv line 2: expected qid<TAB>text")
    }
}
